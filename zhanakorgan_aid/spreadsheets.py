"""A list's filtered rows as an XLSX workbook: a title row saying what was filtered, the table's
headers, its rows (zhanakorgan_aid.tables.Table.export_rows: the columns the page declares,
each cell as the page shows it, amounts as numbers).

openpyxl in write-only mode streams the rows to a temporary file and does not hold the sheet
in memory. The table's own declaration names the columns: a django-import-export Resource
would declare them a second time."""

import tempfile

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# The most rows an export takes: a larger list asks for a narrower filter (a workbook of a
# region's half a million rows helps no one and takes a worker for a minute).
EXPORT_ROW_CAP = 50_000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value):
    """A text that a spreadsheet would run as a formula is kept as text (a leading apostrophe
    is what Excel shows for it); numbers and other text as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def too_many_to_export(request, *, rows, list_url: str) -> HttpResponse | None:
    """When the filtered list holds more than EXPORT_ROW_CAP rows (`rows`: its queryset), the
    way back to the list, its filter kept, with a message asking to narrow it; else None."""
    found = rows.order_by().count()
    if found <= EXPORT_ROW_CAP:
        return None
    messages.error(
        request,
        _("Найдено строк: %(n)s, в файл выгружается не более %(cap)s. Сузьте отбор.")
        % {"n": number_format(found), "cap": number_format(EXPORT_ROW_CAP)},
    )
    query = request.GET.urlencode()
    return redirect(f"{list_url}?{query}" if query else list_url)


def table_workbook_response(table, *, title: str, sheet: str, filename: str) -> FileResponse:
    """The table's rows as an XLSX download: the title in bold on the first row, the headers
    in bold on the second, then a row of the sheet for each of the table's."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    bold = Font(bold=True)
    worksheet.append([_bold(worksheet, title, bold)])
    worksheet.append([_bold(worksheet, header, bold) for header in table.export_headers()])
    for row in table.export_rows():
        worksheet.append([safe_cell(value) for value in row])
    out = tempfile.TemporaryFile()
    workbook.save(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def filtered_list_workbook(
    request, *, rows, list_url: str, table, title: str, sheet: str, stem: str
) -> HttpResponse:
    """A filtered list's export: back to the list with a message when `rows` (the filtered
    queryset) are more than EXPORT_ROW_CAP, else the workbook of `table()` (built only then),
    named `stem`-YYYYMMDD.xlsx."""
    refused = too_many_to_export(request, rows=rows, list_url=list_url)
    if refused:
        return refused
    filename = f"{stem}-{timezone.localdate():%Y%m%d}.xlsx"
    return table_workbook_response(table(), title=title, sheet=sheet, filename=filename)


def _bold(worksheet, value, font) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=safe_cell(value))
    cell.font = font
    return cell
