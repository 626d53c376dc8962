"""The columns of a memorial-date list as the authorized organization sends it (p15), read from
XLSX or CSV through django-import-export, and the template file offered for download."""

import csv
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

import tablib
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats import base_formats
from openpyxl.utils.exceptions import InvalidFileException


class FileUnreadable(Exception):
    """The upload is not a readable XLSX/CSV, or lacks the list's columns; str() is for the user."""


@dataclass(frozen=True)
class SourceRow:
    """One data line of the file; `line` is its number as the spreadsheet shows it."""

    line: int
    iin: str
    surname: str
    name: str
    patronymic: str
    category_code: str
    iban: str


class MemorialListResource(resources.Resource):
    iin = fields.Field(attribute="iin", column_name="ИИН")
    surname = fields.Field(attribute="surname", column_name="Фамилия")
    name = fields.Field(attribute="name", column_name="Имя")
    patronymic = fields.Field(attribute="patronymic", column_name="Отчество")
    category_code = fields.Field(attribute="category_code", column_name="Код категории")
    iban = fields.Field(attribute="iban", column_name="IBAN")

    REQUIRED = ("iin", "category_code", "iban")

    def columns(self) -> dict[str, str]:
        """attribute -> column header."""
        return {f.attribute: f.column_name for f in self.get_import_fields()}

    def read(self, content: bytes, file_name: str) -> list[SourceRow]:
        dataset = load_dataset(content, file_name)
        headers = [str(h or "").strip() for h in dataset.headers or []]
        index = {header.casefold(): i for i, header in enumerate(headers)}
        missing = [
            column
            for attr, column in self.columns().items()
            if attr in self.REQUIRED and column.casefold() not in index
        ]
        if missing:
            raise FileUnreadable(
                _("В файле нет столбцов: %(cols)s. Скачайте шаблон и заполните его.")
                % {"cols": ", ".join(missing)}
            )
        positions = {attr: index.get(column.casefold()) for attr, column in self.columns().items()}
        rows = []
        for offset, values in enumerate(dataset, start=2):
            cells = {a: cell_text(values, p) for a, p in positions.items()}
            if any(cells.values()):
                rows.append(SourceRow(line=offset, **cells))
        return rows

    def template(self, kind: str, categories: Iterable = ()) -> bytes:
        """An empty list with the headers and one example line, as XLSX or CSV; the XLSX has
        a second sheet with the codes of the memorial categories and their names."""
        dataset = tablib.Dataset(headers=list(self.columns().values()), title=_("Список"))
        dataset.append(
            [
                "660412301004",
                "Ахметов",
                "Айдар",
                "Серикович",
                "afghanistan-equated-participants",
                "KZ86125KZT5004100100",
            ]
        )
        if kind != "xlsx":
            return base_formats.CSV().export_data(dataset).encode("utf-8-sig")
        return tablib.Databook([dataset, categories_sheet(categories)]).export("xlsx")


def categories_sheet(categories: Iterable) -> tablib.Dataset:
    """The sheet "Категории": the codes the list's fifth column takes, with their names in
    Russian and Kazakh and the memorial date."""
    sheet = tablib.Dataset(
        headers=[
            _("Код категории"),
            _("Наименование (рус.)"),
            _("Наименование (каз.)"),
            _("Памятная дата"),
            _("Пункт Правил"),
        ],
        title=_("Категории"),
    )
    for category in categories:
        sheet.append(
            [
                category.code,
                category.name_ru,
                category.name_kk,
                category.get_occasion_display(),
                category.paragraph,
            ]
        )
    return sheet


def cell_text(values, position: int | None) -> str:
    if position is None or position >= len(values) or values[position] is None:
        return ""
    value = values[position]
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an IIN typed into Excel as a number
    return str(value).strip()


def load_dataset(content: bytes, file_name: str) -> tablib.Dataset:
    lowered = file_name.lower()
    try:
        if lowered.endswith(".xlsx"):
            return base_formats.XLSX().create_dataset(content)
        if lowered.endswith(".csv"):
            text = content.decode("utf-8-sig")
            first = text.split("\n", 1)[0]
            delimiter = ";" if first.count(";") > first.count(",") else ","  # Excel in ru locale
            return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except UnicodeDecodeError:
        raise FileUnreadable(_("CSV-файл должен быть в кодировке UTF-8.")) from None
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        csv.Error,
        StopIteration,
    ):
        raise FileUnreadable(_("Файл повреждён или это не таблица XLSX/CSV.")) from None
    raise FileUnreadable(_("Загрузите файл XLSX или CSV."))
