"""django-import-export Resources: the one definition of the columns of the bank payment list
(p29) and of the E-Sobes flat export (p32). The streaming writers in exports.py read the
columns from here, so the admin's export and the bank file never disagree. Also the reading of
the bank's answer to a list (its result file, for the reconciliation) and the neutralising of
spreadsheet formulas in every exported text cell."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import CharField, Value
from django.db.models.functions import Concat, Trim
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from .memorial_resources import FileUnreadable, load_dataset
from .models import PaymentListItem, ScheduledPayment

# A spreadsheet reads a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A text cell that a spreadsheet would run as a formula (a surname "=HYPERLINK(…)" from an
    outside organisation's list) gets a leading apostrophe, so it is shown as the text it is.
    Only text: numbers, dates and empty cells go as they are, and IINs and IBANs start with a
    digit or "KZ". (django-import-export 4.4's IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT deletes a
    leading "=" instead, changing the value, and leaves "+", "-" and "@" alone.)"""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeResource(resources.ModelResource):
    """A Resource whose every exported cell is neutralised (the admin's export too)."""

    def export_field(self, field, instance, **kwargs):
        return neutralise_formula(super().export_field(field, instance, **kwargs))


def _full_name(prefix: str):
    """The recipient's surname, name and patronymic as one database expression."""
    return Trim(
        Concat(
            f"{prefix}surname",
            Value(" "),
            f"{prefix}name",
            Value(" "),
            f"{prefix}patronymic",
            output_field=CharField(),
        )
    )


class PaymentListItemResource(FormulaSafeResource):
    """A row of the payment list for the banks: the row's number (the bank quotes it in its
    answer), IIN, full name, IBAN, bank, amount, purpose."""

    number = fields.Field(attribute="id", column_name=gettext_lazy("№ строки"))
    iin = fields.Field(attribute="payment__award__recipient__iin", column_name=gettext_lazy("ИИН"))
    full_name = fields.Field(attribute="full_name", column_name=gettext_lazy("ФИО получателя"))
    iban = fields.Field(attribute="iban", column_name=gettext_lazy("IBAN"))
    bank = fields.Field(attribute="bank__name", column_name=gettext_lazy("Банк"))
    amount = fields.Field(attribute="amount", column_name=gettext_lazy("Сумма, ₸"))
    purpose = fields.Field(
        attribute="payment__purpose", column_name=gettext_lazy("Назначение платежа")
    )

    class Meta:
        model = PaymentListItem
        fields = ("number", "iin", "full_name", "iban", "bank", "amount", "purpose")
        export_order = fields

    def get_queryset(self):
        return (
            PaymentListItem.objects.annotate(full_name=_full_name("payment__award__recipient__"))
            .select_related("bank", "payment__award__recipient")
            .order_by("bank__name", "id")
        )


class EsobesPaymentResource(FormulaSafeResource):
    """The E-Sobes flat export (p32): one row per scheduled payment with its award; the format
    is documented in docs/esobes_export.md."""

    award_id = fields.Field(attribute="award_id", column_name="AWARD_ID")
    iin = fields.Field(attribute="award__recipient__iin", column_name="IIN")
    full_name = fields.Field(attribute="full_name", column_name="FIO")
    okrug_kato = fields.Field(attribute="award__okrug__kato", column_name="KATO")
    paragraph = fields.Field(attribute="award__category__paragraph", column_name="RULE_PARA")
    category = fields.Field(attribute="award__category__code", column_name="CATEGORY")
    programme = fields.Field(attribute="award__category__programme", column_name="PROGRAMME")
    periodicity = fields.Field(attribute="award__periodicity", column_name="PERIODICITY")
    decided_on = fields.Field(attribute="award__decided_on", column_name="DECISION_DATE")
    award_status = fields.Field(attribute="award__status", column_name="AWARD_STATUS")
    mrp_multiple = fields.Field(attribute="award__mrp_multiple", column_name="MRP_MULT")
    due_on = fields.Field(attribute="due_on", column_name="DUE_DATE")
    mrp_value = fields.Field(attribute="mrp_value", column_name="MRP_VALUE")
    amount = fields.Field(attribute="amount", column_name="AMOUNT")
    status = fields.Field(attribute="status", column_name="PAY_STATUS")
    paid_on = fields.Field(attribute="paid_on", column_name="PAID_DATE")

    class Meta:
        model = ScheduledPayment
        fields = (
            "award_id",
            "iin",
            "full_name",
            "okrug_kato",
            "paragraph",
            "category",
            "programme",
            "periodicity",
            "decided_on",
            "award_status",
            "mrp_multiple",
            "due_on",
            "mrp_value",
            "amount",
            "status",
            "paid_on",
        )
        export_order = fields

    def get_queryset(self):
        return ScheduledPayment.objects.annotate(
            full_name=_full_name("award__recipient__")
        ).order_by("award_id", "due_on", "id")


# --- the bank's answer to a payment list (p29) -----------------------------------------------

# The columns of the bank's result file, each under the names banks give it (case ignored).
BANK_RESULT_COLUMNS = {
    "number": ("№ строки", "№", "номер строки", "item", "item_no"),
    "iin": ("ИИН", "IIN"),
    "iban": ("IBAN", "счёт", "счет", "счёт (IBAN)"),
    "amount": ("сумма", "сумма, ₸", "amount"),
    "status": ("статус", "status"),
    "date": ("дата", "date"),
    "reason": ("причина", "причина возврата", "reason"),
    "reference": ("референс", "reference", "ref"),
}
PAID_WORDS = {"paid", "оплачено", "оплачен", "зачислено", "зачислен", "исполнено"}
RETURNED_WORDS = {"returned", "возврат", "возвращено", "возвращен", "возвращён"}
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")


@dataclass(frozen=True)
class BankLine:
    """A line of the bank's result file as read; a value that could not be read is None and
    `problem` says which."""

    line: int
    number: int | None
    iin: str
    iban: str
    amount: Decimal | None
    status: str  # "paid", "returned" or "" when not recognised
    date: datetime.date | None
    reason: str
    reference: str
    problem: str = ""


def read_bank_result(content: bytes, file_name: str) -> list[BankLine]:
    """The lines of the bank's answer (XLSX or CSV): a list's row number or the IIN, the IBAN,
    the amount, paid or returned, the date and the reason of a return."""
    dataset = load_dataset(content, file_name)
    at = _bank_columns(dataset.headers or [])
    lines = []
    for i, row in enumerate(dataset, start=2):
        if not any(str(cell or "").strip() for cell in row):
            continue
        lines.append(_bank_line(i, {key: row[index] for key, index in at.items()}))
    if not lines:
        raise FileUnreadable(_("В файле нет ни одной строки."))
    return lines


def _bank_columns(headers) -> dict[str, int]:
    names = {str(h or "").strip().casefold(): i for i, h in enumerate(headers)}
    at = {}
    for key, aliases in BANK_RESULT_COLUMNS.items():
        found = [names[a.casefold()] for a in aliases if a.casefold() in names]
        if found:
            at[key] = found[0]
    missing = [BANK_RESULT_COLUMNS[k][0] for k in ("amount", "status", "date") if k not in at]
    if "number" not in at and "iin" not in at:
        missing.insert(0, _("«№ строки» или «ИИН»"))
    if missing:
        raise FileUnreadable(_("В файле нет столбцов: %(c)s.") % {"c": ", ".join(missing)})
    return at


def _bank_line(line: int, cells: dict) -> BankLine:
    text = {key: _text(value) for key, value in cells.items()}
    problems = []
    number = _number(text.get("number", ""), problems)
    amount = _amount(cells.get("amount"), problems)
    status = _status(text.get("status", ""), problems)
    date = _date(cells.get("date"), problems)
    return BankLine(
        line=line,
        number=number,
        iin=re.sub(r"\D", "", text.get("iin", "")),
        iban=re.sub(r"\s", "", text.get("iban", "")).upper(),
        amount=amount,
        status=status,
        date=date,
        reason=text.get("reason", ""),
        reference=text.get("reference", "")[:100],
        problem="; ".join(problems),
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: str, problems: list) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        problems.append(_("номер строки не распознан: «%(v)s»") % {"v": value})
        return None
    return int(value)


def _amount(value, problems: list) -> Decimal | None:
    text = _text(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        problems.append(_("сумма не распознана: «%(v)s»") % {"v": _text(value)})
        return None


def _status(value: str, problems: list) -> str:
    word = value.casefold()
    if word in PAID_WORDS:
        return "paid"
    if word in RETURNED_WORDS:
        return "returned"
    problems.append(
        _("статус не распознан: «%(v)s» (ожидается «оплачено» или «возврат»)") % {"v": value}
    )
    return ""


def _date(value, problems: list) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    problems.append(_("дата не распознана: «%(v)s»") % {"v": text})
    return None
