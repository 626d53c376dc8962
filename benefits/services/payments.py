"""Payment lists for the banks (p29): build, send, mark paid."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.reference.models import Bank
from zhanakorgan_aid.audit import update_with_history

from ..exceptions import PaymentListError
from ..models import Award, PaymentList, PaymentListItem, ScheduledPayment

Payment = ScheduledPayment


@transaction.atomic
def payment_list_build(
    *,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    actor,
    occasion: str = "",
) -> PaymentList:
    """Collect the scheduled payments due in a period (of an occasion's categories, when one is
    named) into a list grouped by bank (p29). A payment already listed is not taken again; the
    database refuses a second listing even if two lists are built at once."""
    if period_end < period_start:
        raise PaymentListError(_("Окончание периода раньше его начала."))
    payments = _due_payments(period_start, period_end, occasion)
    banks = {bank.code: bank for bank in Bank.objects.all()}
    kind = PaymentList.Kind.OCCASION if occasion else PaymentList.Kind.PERIOD
    payment_list = PaymentList.objects.create(
        title=title,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        occasion=occasion,
        created_by=actor,
    )
    items, missing = _items_for(payment_list, payments, banks)
    if not items:
        raise PaymentListError(_nothing_to_list(missing))
    try:
        with transaction.atomic():
            PaymentListItem.objects.bulk_create(items, batch_size=2000)
    except IntegrityError:
        raise PaymentListError(
            _("Часть выплат уже включена в другую ведомость; сформируйте ведомость заново.")
        ) from None
    update_with_history(
        Payment.objects.filter(pk__in=[i.payment_id for i in items]), status=Payment.Status.LISTED
    )
    payment_list.skipped_without_account = missing
    return payment_list


def _due_payments(period_start, period_end, occasion):
    payments = (
        Payment.objects.select_for_update(of=("self",))
        .filter(status=Payment.Status.SCHEDULED, due_on__range=(period_start, period_end))
        .exclude(award__status=Award.Status.TERMINATED)
        .select_related("award__recipient__bank")
        .order_by("id")
    )
    if occasion:
        payments = payments.filter(award__category__occasion=occasion)
    return payments


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


def _nothing_to_list(missing: int) -> str:
    if missing:
        return _(
            "Нет выплат, которые можно включить: у %(n)s получателей не указан счёт (IBAN) "
            "или банк."
        ) % {"n": missing}
    return _("За этот период нет запланированных выплат, не включённых в другие ведомости.")


@transaction.atomic
def payment_list_mark_sent(*, payment_list: PaymentList, actor) -> PaymentList:
    """The list has gone to the banks (p29); it can no longer be changed."""
    payment_list = _locked(payment_list, expected=PaymentList.Status.DRAFT)
    payment_list.status = PaymentList.Status.SENT
    payment_list.sent_at = timezone.now()
    payment_list.save(update_fields=["status", "sent_at"])
    return payment_list


@transaction.atomic
def payment_list_mark_paid(
    *, payment_list: PaymentList, paid_on: datetime.date, actor
) -> PaymentList:
    """The banks confirmed the transfers: the list and each of its payments are paid."""
    payment_list = _locked(payment_list, expected=PaymentList.Status.SENT)
    payment_list.status = PaymentList.Status.PAID
    payment_list.paid_on = paid_on
    payment_list.save(update_fields=["status", "paid_on"])
    update_with_history(
        Payment.objects.filter(list_items__payment_list=payment_list),
        status=Payment.Status.PAID,
        paid_on=paid_on,
    )
    _complete_finished_awards(payment_list)
    return payment_list


def _complete_finished_awards(payment_list: PaymentList) -> None:
    """An award whose every payment is paid (or cancelled) is completed."""
    awards = Payment.objects.filter(list_items__payment_list=payment_list).values("award_id")
    finished = Award.objects.filter(pk__in=awards, status=Award.Status.ACTIVE).exclude(
        payments__status__in=[Payment.Status.SCHEDULED, Payment.Status.LISTED]
    )
    update_with_history(finished, status=Award.Status.COMPLETED)


@transaction.atomic
def payment_list_discard(*, payment_list: PaymentList, actor) -> None:
    """A draft list is dropped; its payments are scheduled again."""
    payment_list = _locked(payment_list, expected=PaymentList.Status.DRAFT)
    update_with_history(
        Payment.objects.filter(list_items__payment_list=payment_list, status=Payment.Status.LISTED),
        status=Payment.Status.SCHEDULED,
    )
    payment_list.delete()


def _locked(payment_list: PaymentList, *, expected: str) -> PaymentList:
    locked = PaymentList.objects.select_for_update().get(pk=payment_list.pk)
    if locked.status != expected:
        raise PaymentListError(
            _("Ведомость «%(t)s» в статусе «%(s)s»: это действие для неё недоступно.")
            % {"t": locked.title, "s": locked.get_status_display()}
        )
    return locked
