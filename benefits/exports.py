"""Streaming files for the banks (p29) and for E-Sobes (p32).

The columns come from the django-import-export Resources (resources.py); the rows are read
with `.values_list(...).iterator(chunk_size=...)` and written one at a time — csv.writer into a
StreamingHttpResponse, xlsxwriter in constant-memory mode into a temporary file — so a list of
100 000 rows needs no memory that grows with it (django-import-export's own export builds the
whole dataset first). Lists end with totals per bank and overall; the XLSX list for the bank
also has its title, period, banks, count and sum, and the signature lines. Every text cell of a
CSV goes through resources.neutralise_formula, so no cell runs as a spreadsheet formula."""

import csv
import datetime
import io
import tempfile
from collections.abc import Iterator
from decimal import Decimal

import xlsxwriter
from django.db.models import Count, Sum
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.resources import ModelResource

from zhanakorgan_aid.templatetags.aid import format_money

from .models import PaymentList
from .resources import EsobesPaymentResource, PaymentListItemResource, neutralise_formula

CHUNK = 2000
CSV_PIECE = 64 * 1024
CSV_DELIMITER = ";"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def resource_columns(resource: ModelResource) -> tuple[list[str], list[str]]:
    """Headers and database paths of a Resource's export fields, in its order."""
    export_fields = resource.get_export_fields()
    headers = [str(field.column_name) for field in export_fields]
    return headers, [field.attribute for field in export_fields]


def payment_list_rows(payment_list: PaymentList) -> Iterator[tuple | list]:
    """Header, one row per payment grouped by bank, a total after each bank, the overall total."""
    resource = PaymentListItemResource()
    headers, paths = resource_columns(resource)
    bank_at, amount_at = paths.index("bank__name"), paths.index("amount")
    yield headers
    rows = resource.get_queryset().filter(payment_list=payment_list).values_list(*paths)
    bank, bank_total, total = None, Decimal("0.00"), Decimal("0.00")
    for row in rows.iterator(chunk_size=CHUNK):
        if bank is not None and row[bank_at] != bank:
            yield _total_row(len(paths), amount_at, _("Итого по банку %s") % bank, bank_total)
            bank_total = Decimal("0.00")
        bank = row[bank_at]
        bank_total += row[amount_at]
        total += row[amount_at]
        yield row
    if bank is not None:
        yield _total_row(len(paths), amount_at, _("Итого по банку %s") % bank, bank_total)
    yield _total_row(len(paths), amount_at, _("Итого по ведомости"), total)


def _total_row(width: int, amount_at: int, label: str, amount: Decimal) -> list:
    row: list = [""] * width
    row[2] = label
    row[amount_at] = amount
    return row


def esobes_rows(queryset=None) -> Iterator[tuple | list]:
    """Header and one row per scheduled payment for E-Sobes (docs/esobes_export.md)."""
    resource = EsobesPaymentResource()
    headers, paths = resource_columns(resource)
    yield headers
    rows = queryset if queryset is not None else resource.get_queryset()
    yield from rows.values_list(*paths).iterator(chunk_size=CHUNK)


def write_csv(rows: Iterator) -> Iterator[str]:
    """Rows through csv.writer (';' as Excel here expects), handed on in pieces of about
    64 KiB: one buffer reused, so memory stays flat. csv.writer itself writes None as an empty
    field, Decimal as 1234.50 and a date as YYYY-MM-DD; a text cell that would be a formula
    gets a leading apostrophe (resources.neutralise_formula)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    for row in rows:
        writer.writerow([neutralise_formula(cell) for cell in row])
        if buffer.tell() > CSV_PIECE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_xlsx(rows: Iterator[list], out, *, sheet: str, bold_rows=(0,)) -> None:
    """Write rows into an XLSX workbook in constant-memory mode (each row flushed to disk).
    Text is written as text (write_string), never as a formula."""
    workbook = xlsxwriter.Workbook(out, {"constant_memory": True})
    worksheet = workbook.add_worksheet(sheet[:31])
    money = workbook.add_format({"num_format": "#,##0.00"})
    day = workbook.add_format({"num_format": "dd.mm.yyyy"})
    bold = workbook.add_format({"bold": True})
    for r, row in enumerate(rows):
        style = bold if r in bold_rows else None
        for c, value in enumerate(row):
            _write_cell(worksheet, r, c, value, money=money, day=day, bold=style)
    workbook.close()


SHEET_HEADER_ROW = 5  # payment_list_sheet's table header, after the five lines of its title


def payment_list_sheet(payment_list: PaymentList) -> Iterator[list]:
    """The list for the bank as a document (p29): its title, period or memorial date, banks and
    date; the rows with the totals per bank; the count and sum; the signature lines."""
    figures = payment_list.items.aggregate(rows=Count("id"), total=Sum("amount"))
    banks = sorted(payment_list.items.order_by().values_list("bank__name", flat=True).distinct())
    yield [
        _("Список на выплату № %(n)s социальной помощи: %(t)s")
        % {"n": payment_list.pk, "t": payment_list.title}
    ]
    yield [payment_list_period_text(payment_list)]
    yield [_("Банк: %(b)s") % {"b": ", ".join(banks)}]
    yield [_("Дата формирования: %(d)s") % {"d": _day(timezone.localdate(payment_list.created_at))}]
    yield []
    yield from payment_list_rows(payment_list)
    yield []
    yield [
        _("Всего выплат: %(n)s на сумму %(s)s")
        % {"n": figures["rows"], "s": format_money(figures["total"] or 0)}
    ]
    yield []
    yield [_("Руководитель ____________________ / ____________________ (Ф.И.О.)")]
    yield []
    yield [_("Главный бухгалтер ____________________ / ____________________ (Ф.И.О.)")]


def payment_list_period_text(payment_list: PaymentList) -> str:
    """The period of a list, or its memorial date for a list by occasion (p5, p29)."""
    if payment_list.kind == PaymentList.Kind.OCCASION:
        dates = {payment_list.period_start, payment_list.period_end}
        return _("К памятной дате: %(o)s (%(d)s)") % {
            "o": payment_list.get_occasion_display(),
            "d": ", ".join(_day(d) for d in sorted(dates)),
        }
    return _("Период выплат: с %(s)s по %(e)s") % {
        "s": _day(payment_list.period_start),
        "e": _day(payment_list.period_end),
    }


def _day(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


def _write_cell(worksheet, r: int, c: int, value, *, money, day, bold) -> None:
    if isinstance(value, Decimal):
        worksheet.write_number(r, c, float(value), money)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        worksheet.write_number(r, c, value)
    elif isinstance(value, datetime.date):
        worksheet.write_datetime(r, c, datetime.datetime(value.year, value.month, value.day), day)
    elif value is None or value == "":
        return
    else:
        worksheet.write_string(r, c, str(value), bold)


def csv_response(rows: Iterator[list], filename: str) -> StreamingHttpResponse:
    stream = _with_bom(write_csv(rows))
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_bom(lines: Iterator) -> Iterator:
    """A byte-order mark first, so Excel opens the Cyrillic text as UTF-8."""
    yield "\ufeff"
    yield from lines


def xlsx_response(
    rows: Iterator[list], filename: str, *, sheet: str, bold_rows=(0,)
) -> FileResponse:
    """The workbook is written to an anonymous temporary file, then streamed from disk."""
    out = tempfile.TemporaryFile()
    write_xlsx(rows, out, sheet=sheet, bold_rows=bold_rows)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def payment_list_filename(payment_list: PaymentList, ext: str) -> str:
    return f"vedomost-{payment_list.pk}-{payment_list.period_start:%Y%m%d}.{ext}"
