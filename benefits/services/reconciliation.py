"""The bank's answer to a payment list, line by line (p29): each transfer paid on a day, or
returned (a closed account, a wrong IBAN) with its reason, so that a returned payment is paid
again from a later list once the recipient's account is corrected, and none is paid twice.

The same check makes the preview and, under the list's lock, the confirmation: a line whose
amount does not match, that names no pending row of this list, or that the file repeats, is
refused alone; the others are applied."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from zhanakorgan_aid.audit import history_written, update_with_history

from ..models import PaymentList, PaymentListItem, ScheduledPayment
from ..resources import BankLine
from .payments import complete_finished_awards, payment_list_locked

Item = PaymentListItem


class Outcome:
    PAY = "pay"
    RETURN = "return"
    REFUSED = "refused"


@dataclass
class CheckedLine:
    """A line of the bank's file with the row of the list it names and what confirming does."""

    source: BankLine
    item: PaymentListItem | None = None
    outcome: str = Outcome.REFUSED
    why: str = ""


@dataclass
class Reconciliation:
    """The preview of the bank's answer: every line with its outcome, and the counts."""

    lines: list[CheckedLine] = field(default_factory=list)

    def _of(self, outcome: str) -> list[CheckedLine]:
        return [line for line in self.lines if line.outcome == outcome]

    @property
    def paid(self) -> list[CheckedLine]:
        return self._of(Outcome.PAY)

    @property
    def returned(self) -> list[CheckedLine]:
        return self._of(Outcome.RETURN)

    @property
    def refused(self) -> list[CheckedLine]:
        return self._of(Outcome.REFUSED)


def payment_list_reconciliation_check(
    *, payment_list: PaymentList, lines: list[BankLine]
) -> Reconciliation:
    """What confirming the bank's file would do to each of its lines (p29); nothing is saved."""
    items = list(payment_list.items.select_related("payment__award__recipient").order_by("id"))
    by_pk = {item.pk: item for item in items}
    claimed: dict[int, int] = {}  # the list's row -> the file's line that named it first
    result = Reconciliation()
    for source in lines:
        checked = CheckedLine(source=source)
        checked.item = _item_named(source, by_pk, items, claimed)
        checked.outcome, checked.why = _outcome(source, checked.item, claimed)
        if checked.item is not None and checked.outcome != Outcome.REFUSED:
            claimed[checked.item.pk] = source.line
        result.lines.append(checked)
    return result


def _item_named(source: BankLine, by_pk: dict, items: list, claimed: dict):
    """The row the line names: by its number, else by the IIN (an unclaimed pending row with
    the same amount first, since one person may have a row for each month in a list)."""
    if source.number is not None:
        return by_pk.get(source.number)
    if not source.iin:
        return None
    same_person = [i for i in items if i.payment.award.recipient.iin == source.iin]
    for item in same_person:
        if item.pk not in claimed and item.status == Item.Status.PENDING:
            if item.amount == source.amount:
                return item
    return same_person[0] if same_person else None


def _outcome(source: BankLine, item, claimed: dict) -> tuple[str, str]:
    refusal = _refusal(source, item, claimed)
    if refusal:
        return Outcome.REFUSED, refusal
    if source.status == "paid":
        return Outcome.PAY, ""
    return Outcome.RETURN, source.reason


def _refusal(source: BankLine, item, claimed: dict) -> str:
    """Why the line is refused, or "" (checked in the order a clerk would look)."""
    if source.problem:
        return source.problem
    if item is None:
        return _("нет в этой ведомости")
    if item.pk in claimed:
        return _("строка ведомости уже указана в строке %(n)s файла") % {"n": claimed[item.pk]}
    if item.status == Item.Status.PAID:
        return _("уже зачислена %(d)s") % {"d": item.paid_on.strftime("%d.%m.%Y")}
    if item.status == Item.Status.RETURNED:
        return _("уже возвращена банком")
    if source.iban and source.iban != item.iban:
        return _("счёт %(f)s не совпадает со счётом в ведомости %(l)s") % {
            "f": source.iban,
            "l": item.iban,
        }
    if source.amount != item.amount:
        return _("сумма не совпадает: в ведомости %(l)s, в файле %(f)s") % {
            "l": item.amount,
            "f": source.amount,
        }
    return _date_refusal(source)


def _date_refusal(source: BankLine) -> str:
    if source.status == "paid" and source.date is None:
        return _("не указана дата зачисления")
    if source.date and source.date > timezone.localdate():
        return _("дата %(d)s ещё не наступила") % {"d": source.date.strftime("%d.%m.%Y")}
    if source.status == "returned" and not source.reason:
        return _("не указана причина возврата")
    return ""


@transaction.atomic
def payment_list_reconcile(
    *, payment_list: PaymentList, lines: list[BankLine], actor
) -> Reconciliation:
    """Apply the bank's answer to a list sent to it (p29): the paid rows and their payments are
    paid on the bank's date; the returned rows keep the reason and their payments are scheduled
    again (a later list takes them once the account is corrected). The refused lines change
    nothing. When no row waits for an answer any more, the list is paid."""
    locked = payment_list_locked(payment_list, expected=PaymentList.Status.SENT)
    result = payment_list_reconciliation_check(payment_list=locked, lines=lines)
    _rows_answered(result, actor=actor)
    _payments_paid([c.item for c in result.paid])
    update_with_history(
        ScheduledPayment.objects.filter(pk__in=[c.item.payment_id for c in result.returned]),
        status=ScheduledPayment.Status.SCHEDULED,
    )
    if not locked.items.filter(status=Item.Status.PENDING).exists():
        _list_paid(locked)
    complete_finished_awards(locked)
    return result


def _rows_answered(result: Reconciliation, *, actor) -> None:
    changed = []
    for checked in result.paid + result.returned:
        item, source = checked.item, checked.source
        if checked.outcome == Outcome.PAY:
            item.status, item.paid_on = Item.Status.PAID, source.date
        else:
            item.status, item.returned_on = Item.Status.RETURNED, source.date
            item.return_reason = source.reason[:300]
        item.bank_reference = source.reference
        changed.append(item)
    fields = ["status", "paid_on", "returned_on", "return_reason", "bank_reference"]
    bulk_update_with_history(changed, Item, fields, batch_size=2000, default_user=actor)
    history_written.send(sender=Item, instances=changed)


def _payments_paid(items: list[PaymentListItem]) -> None:
    """Each paid row's payment is paid on the bank's date of that row."""
    by_day: dict[datetime.date, list[int]] = {}
    for item in items:
        by_day.setdefault(item.paid_on, []).append(item.payment_id)
    for day, pks in sorted(by_day.items()):
        update_with_history(
            ScheduledPayment.objects.filter(pk__in=pks),
            status=ScheduledPayment.Status.PAID,
            paid_on=day,
        )


def _list_paid(payment_list: PaymentList) -> None:
    last = payment_list.items.filter(status=Item.Status.PAID).order_by("-paid_on").first()
    payment_list.status = PaymentList.Status.PAID
    payment_list.paid_on = last.paid_on if last else timezone.localdate()
    payment_list.save(update_fields=["status", "paid_on"])
