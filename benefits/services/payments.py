"""Payment lists for the banks (p29): build, send, mark paid (the bank's line-by-line answer
is services/reconciliation.py)."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.reference.models import Bank
from zhanakorgan_aid.audit import create_with_history, update_with_history

from ..exceptions import PaymentListError
from ..models import Award, PaymentList, PaymentListItem, ScheduledPayment

Payment = ScheduledPayment


@transaction.atomic
def payment_list_build(
    *,
    title: str,
    actor,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    occasion: str = "",
) -> PaymentList:
    """Collect the scheduled payments due in a period, or every payment of an occasion's
    categories not yet listed (p5: a list by memorial date needs no period; its period is the
    dates of its payments), into a list grouped by bank (p29). A payment already listed is not
    taken again, nor one the bank returned until its recipient's account is corrected; the
    database refuses a second listing even if two lists are built at once."""
    if not occasion and (period_start is None or period_end is None):
        raise PaymentListError(_("Укажите период выплат или памятную дату."))
    if not occasion and period_end < period_start:
        raise PaymentListError(_("Окончание периода раньше его начала."))
    payments = _due_payments(None if occasion else (period_start, period_end), occasion)
    banks = {bank.code: bank for bank in Bank.objects.all()}
    payment_list = PaymentList(
        title=title,
        kind=PaymentList.Kind.OCCASION if occasion else PaymentList.Kind.PERIOD,
        occasion=occasion,
        created_by=actor,
    )
    items, missing = _items_for(payment_list, payments, banks)
    if not items:
        raise PaymentListError(_nothing_to_list(missing, occasion=occasion))
    due = [item.payment.due_on for item in items]
    payment_list.period_start = period_start if not occasion else min(due)
    payment_list.period_end = period_end if not occasion else max(due)
    payment_list.save()
    for item in items:
        item.payment_list = payment_list
    try:
        with transaction.atomic():
            create_with_history(items, PaymentListItem, batch_size=2000)
    except IntegrityError:
        raise PaymentListError(
            _("Часть выплат уже включена в другую ведомость; сформируйте ведомость заново.")
        ) from None
    update_with_history(
        Payment.objects.filter(pk__in=[i.payment_id for i in items]), status=Payment.Status.LISTED
    )
    payment_list.skipped_without_account = missing
    payment_list.awaiting_new_account = _returned_to_same_account(payments_scope=occasion)
    return payment_list


def _listable() -> QuerySet[ScheduledPayment]:
    """Scheduled payments of awards still paying, less those the bank returned from the account
    the recipient still has (p29: payable again once the IBAN is corrected)."""
    returned_here = PaymentListItem.objects.filter(
        payment=OuterRef("pk"),
        status=PaymentListItem.Status.RETURNED,
        iban=OuterRef("award__recipient__iban"),
    )
    return (
        Payment.objects.filter(status=Payment.Status.SCHEDULED)
        .exclude(award__status=Award.Status.TERMINATED)
        .exclude(Exists(returned_here))
    )


def _due_payments(period, occasion):
    payments = (
        _listable()
        .select_for_update(of=("self",))
        .select_related("award__recipient__bank")
        .order_by("id")
    )
    if period:
        payments = payments.filter(due_on__range=period)
    if occasion:
        payments = payments.filter(award__category__occasion=occasion)
    return payments


def _returned_to_same_account(*, payments_scope: str) -> int:
    """Payments the bank returned that wait for their recipient's corrected account."""
    waiting = (
        Payment.objects.filter(
            status=Payment.Status.SCHEDULED, list_items__status=PaymentListItem.Status.RETURNED
        )
        .exclude(award__status=Award.Status.TERMINATED)
        .exclude(pk__in=_listable().values("pk"))
    )
    if payments_scope:
        waiting = waiting.filter(award__category__occasion=payments_scope)
    return waiting.distinct().count()


def _items_for(payment_list, payments, banks) -> tuple[list[PaymentListItem], int]:
    """Rows with the account as it stands now (the bank read from the IBAN); payments to
    someone without an account stay scheduled and are counted, so the IBAN can be asked for."""
    items, missing = [], 0
    for payment in payments:
        person = payment.award.recipient
        bank = banks.get(person.iban[4:7]) or person.bank
        if not person.iban or bank is None:
            missing += 1
            continue
        items.append(
            PaymentListItem(
                payment_list=payment_list,
                payment=payment,
                bank=bank,
                iban=person.iban,
                amount=payment.amount,
            )
        )
    return items, missing


def _nothing_to_list(missing: int, *, occasion: str) -> str:
    if missing:
        return _(
            "Нет выплат, которые можно включить: у %(n)s получателей не указан счёт (IBAN) "
            "или банк."
        ) % {"n": missing}
    if occasion:
        return _("К этой памятной дате нет запланированных выплат, не включённых в ведомости.")
    return _("За этот период нет запланированных выплат, не включённых в другие ведомости.")


@transaction.atomic
def payment_list_mark_sent(*, payment_list: PaymentList, actor) -> PaymentList:
    """The list has gone to the banks (p29); it can no longer be changed."""
    payment_list = payment_list_locked(payment_list, expected=PaymentList.Status.DRAFT)
    payment_list.status = PaymentList.Status.SENT
    payment_list.sent_at = timezone.now()
    payment_list.save(update_fields=["status", "sent_at"])
    return payment_list


@transaction.atomic
def payment_list_mark_paid(
    *, payment_list: PaymentList, paid_on: datetime.date, actor
) -> PaymentList:
    """The banks confirmed every transfer not yet answered: the list and each of those payments
    are paid on `paid_on` (a bank that returns some answers through the reconciliation)."""
    payment_list = payment_list_locked(payment_list, expected=PaymentList.Status.SENT)
    payment_list.status = PaymentList.Status.PAID
    payment_list.paid_on = paid_on
    payment_list.save(update_fields=["status", "paid_on"])
    pending = payment_list.items.filter(status=PaymentListItem.Status.PENDING)
    update_with_history(
        Payment.objects.filter(list_items__in=pending), status=Payment.Status.PAID, paid_on=paid_on
    )
    update_with_history(pending, status=PaymentListItem.Status.PAID, paid_on=paid_on)
    complete_finished_awards(payment_list)
    return payment_list


def complete_finished_awards(payment_list: PaymentList) -> None:
    """An award whose every payment is paid (or cancelled) is completed."""
    awards = Payment.objects.filter(list_items__payment_list=payment_list).values("award_id")
    finished = Award.objects.filter(pk__in=awards, status=Award.Status.ACTIVE).exclude(
        payments__status__in=[Payment.Status.SCHEDULED, Payment.Status.LISTED]
    )
    update_with_history(finished, status=Award.Status.COMPLETED)


@transaction.atomic
def payment_list_discard(*, payment_list: PaymentList, actor) -> None:
    """A draft list is dropped; its payments are scheduled again."""
    payment_list = payment_list_locked(payment_list, expected=PaymentList.Status.DRAFT)
    update_with_history(
        Payment.objects.filter(list_items__payment_list=payment_list, status=Payment.Status.LISTED),
        status=Payment.Status.SCHEDULED,
    )
    payment_list.delete()


def payment_list_locked(payment_list: PaymentList, *, expected: str) -> PaymentList:
    """The list locked for the transaction, refused unless it is in the `expected` status."""
    locked = PaymentList.objects.select_for_update().get(pk=payment_list.pk)
    if locked.status != expected:
        raise PaymentListError(
            _("Ведомость «%(t)s» в статусе «%(s)s»: это действие для неё недоступно.")
            % {"t": locked.title, "s": locked.get_status_display()}
        )
    return locked
