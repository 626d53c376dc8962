"""Memorial-date list fixtures: CSV/XLSX files as the authorized organization sends them, and
citizens with valid IINs and IBANs built by the real algorithms."""

import datetime
import io
import itertools

import openpyxl
import pytest

from applications.reference.testdata import iin_sequence, make_kz_iban

HEADERS = ["ИИН", "Фамилия", "Имя", "Отчество", "Код категории", "IBAN"]
_accounts = itertools.count(5_000_000)
_serials = itertools.count(100, 7)


def new_iin(birth=datetime.date(1925, 5, 1), sex="M") -> str:
    """A valid IIN; born in 1925, as a veteran of any memorial category can have been."""
    return next(iin_sequence(birth, sex, start=next(_serials)))


def new_iban(bank="601") -> str:
    return make_kz_iban(bank, next(_accounts))


def line(code: str, *, iin: str | None = None, surname="Ветеранов", name="Иван", iban=None):
    return [iin or new_iin(), surname, name, "Петрович", code, new_iban() if iban is None else iban]


def csv_bytes(rows, delimiter=";") -> bytes:
    text = "\n".join(delimiter.join(str(c) for c in row) for row in [HEADERS, *rows])
    return text.encode("utf-8")


def xlsx_bytes(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADERS, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def memorial_file():
    return {"line": line, "csv": csv_bytes, "xlsx": xlsx_bytes, "iin": new_iin, "iban": new_iban}
