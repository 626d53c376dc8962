"""Termination of awards (p27) and recovery of overpaid sums (p28)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from applications.reference import rules
from zhanakorgan_aid.audit import update_with_history
from zhanakorgan_aid.templatetags.aid import format_money

from ..exceptions import AwardNotActive, BenefitsError, RepaymentTooLarge
from ..models import Award, PaymentList, PaymentListItem, Recovery, Repayment, Termination
from ..models import ScheduledPayment as Payment

ZERO = Decimal("0.00")


@transaction.atomic
def award_terminate(
    *, award: Award, reason: str, event_date: datetime.date, actor, note: str = ""
) -> Termination:
    """Stop an award from the month of the event (p27): payments due from that month on are
    cancelled (taken out of draft lists too); those already paid, or sent to the bank, for
    those months become an overpayment to recover (p28)."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.status != Award.Status.ACTIVE:
        raise AwardNotActive(
            _("Назначение № %(n)s: %(s)s.") % {"n": award.pk, "s": award.get_status_display()}
        )
    termination = Termination.objects.create(
        award=award, reason=reason, event_date=event_date, recorded_by=actor, note=note
    )
    from_month = rules.payments_stop_from(event_date)
    later = Payment.objects.filter(award=award, due_on__gte=from_month)
    _cancel_unsent(later)
    overpaid = later.exclude(status=Payment.Status.CANCELLED).aggregate(s=Sum("amount"))["s"]
    award.status = Award.Status.TERMINATED
    award.save(update_fields=["status"])
    if overpaid:
        recovery_open(
            award=award,
            amount=overpaid,
            opened_on=event_date,
            termination=termination,
            reason=f"{termination.get_reason_display()} с {event_date:%d.%m.%Y} (п. 27, 28)",
        )
    return termination


def _cancel_unsent(payments) -> None:
    """Payments not yet sent to a bank are cancelled; draft list rows for them are removed."""
    in_draft = PaymentListItem.objects.filter(
        payment__in=payments, payment_list__status=PaymentList.Status.DRAFT
    )
    draft_ids = list(in_draft.values_list("payment_id", flat=True))
    in_draft.delete()
    update_with_history(payments.filter(pk__in=draft_ids), status=Payment.Status.CANCELLED)
    update_with_history(
        payments.filter(status=Payment.Status.SCHEDULED), status=Payment.Status.CANCELLED
    )


@transaction.atomic
def recovery_open(
    *, award: Award, amount: Decimal, opened_on: datetime.date, reason: str, termination=None
) -> Recovery:
    """Record a sum to be returned (p28); also used for education aid on expulsion (p13)."""
    if not rules.sum_recoverable(amount):
        raise BenefitsError(_("Сумма к возврату должна быть больше нуля."))
    return Recovery.objects.create(
        award=award, termination=termination, amount=amount, opened_on=opened_on, reason=reason
    )


@transaction.atomic
def recovery_repay(
    *, recovery: Recovery, kind: str, paid_on: datetime.date, amount: Decimal, actor
) -> Repayment:
    """A repayment, voluntary or enforced (p28); the recovery closes when the balance is 0."""
    recovery = Recovery.objects.select_for_update().get(pk=recovery.pk)
    if recovery.status == Recovery.Status.CLOSED:  # repaid in full: takes no more (p28)
        raise BenefitsError(_("Переплата уже погашена полностью."))
    balance = recovery.balance
    if not rules.sum_recoverable(amount):
        raise BenefitsError(_("Сумма погашения должна быть больше нуля."))
    if not rules.repayment_within_balance(amount=amount, balance=balance):
        raise RepaymentTooLarge(
            _("Сумма погашения %(a)s больше остатка долга %(b)s.")
            % {"a": format_money(amount), "b": format_money(balance)}
        )
    repayment = Repayment.objects.create(
        recovery=recovery, kind=kind, paid_on=paid_on, amount=amount, recorded_by=actor
    )
    if rules.recovery_repaid(balance - amount):
        recovery.status = Recovery.Status.CLOSED
        recovery.closed_on = paid_on
        recovery.save(update_fields=["status", "closed_on"])
    return repayment
