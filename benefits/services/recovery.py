"""Termination of awards (p27) and recovery of overpaid sums (p28)."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
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
    cancelled (taken out of draft lists too); what was already paid, or sent to the bank, for
    those months — a quarter's or half-year's payment in its share — is to be recovered (p28)."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.status != Award.Status.ACTIVE:
        raise AwardNotActive(
            _("Назначение № %(n)s: %(s)s.") % {"n": award.pk, "s": award.get_status_display()}
        )
    termination = Termination.objects.create(
        award=award, reason=reason, event_date=event_date, recorded_by=actor, note=note
    )
    from_month = rules.payments_stop_from(event_date)
    _cancel_unsent(Payment.objects.filter(award=award, due_on__gte=from_month))
    overpaid = _overpaid(award, from_month)
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


def _overpaid(award: Award, from_month: datetime.date) -> Decimal:
    """What was paid, or sent to the bank, for the months from the month payment stops (p27):
    payments due from then whole, and the share of a quarter's or half-year's payment due
    before it that covers those months (p4, p28)."""
    every = rules.payment_interval_months(award.periodicity) or 1
    covering = Payment.objects.filter(
        award=award, due_on__gt=from_month - relativedelta(months=every)
    ).exclude(status__in=[Payment.Status.SCHEDULED, Payment.Status.CANCELLED])
    covering = covering.exclude(list_items__payment_list__status=PaymentList.Status.DRAFT)
    return sum(
        (
            rules.overpaid_share(
                amount=p.amount, due_on=p.due_on, every_months=every, stop_from=from_month
            )
            for p in covering.only("amount", "due_on")
        ),
        ZERO,
    )


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
