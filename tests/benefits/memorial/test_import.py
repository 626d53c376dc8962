"""Import of a memorial-date list (p5, p15): the preview names each bad line by its number and
reason, and nothing is saved until the bad lines are fixed or excluded."""

import datetime
from decimal import Decimal

import pytest

from applications.cases.models import Person
from applications.reference.testdata import make_kz_iban
from benefits.memorial_resources import FileUnreadable, MemorialListResource
from benefits.models import MemorialList, MemorialListRow
from benefits.services.memorial import (
    MemorialImportHasErrors,
    memorial_list_create,
    memorial_preview_from_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_file(memorial_file, person_factory):
    line, iin = memorial_file["line"], memorial_file["iin"]
    good_iin = iin()
    registered = person_factory(datetime.date(1924, 3, 1), surname="Зарегистрированная")
    rows = [
        line("victory-widows", iin=good_iin, surname="Айтбаева", name="Гульнар"),  # 2
        line("victory-widows", iin="850315301206"),  # 3: wrong check digit
        line("no-such-category"),  # 4
        line("chernobyl-liquidators"),  # 5: another occasion
        line("victory-rear-workers", iin=good_iin),  # 6: the person of line 2 again
        line("victory-minor-prisoners", iban=""),  # 7
        line("victory-equated-workers", iban=make_kz_iban("111", 42)),  # 8: unknown bank
        line("victory-wwii-veterans", iin=registered.iin, surname="", name=""),  # 9
    ]
    return memorial_file["csv"](rows), good_iin, registered


def test_preview_reports_every_bad_line_by_number_and_reason(mixed_file):
    content, good_iin, _ = mixed_file
    preview = memorial_preview_from_file(
        occasion="victory_day", year=2022, content=content, file_name="9may.csv"
    )

    assert preview.report() == [
        "Строка 3: неверный ИИН 850315301206: Неверная контрольная цифра ИИН.",
        "Строка 4: неизвестная категория «no-such-category»",
        "Строка 5: категория «chernobyl-liquidators» не относится к дате «День Победы — 9 мая»",
        f"Строка 6: гражданин с ИИН {good_iin} уже указан в строке 2",
        "Строка 7: не указан банковский счёт (IBAN)",
        "Строка 8: банк с кодом 111 не найден в справочнике банков",
    ]
    assert [line.line for line in preview.good_lines] == [2, 9]
    assert [line.amount for line in preview.good_lines] == [
        Decimal("100000.00"),
        Decimal("1000000.00"),
    ]
    assert MemorialList.objects.count() == 0


def test_nothing_is_saved_while_bad_lines_remain(mixed_file, administrator):
    content, good_iin, _ = mixed_file
    rows = MemorialListResource().read(content, "9may.csv")
    persons = Person.objects.count()

    with pytest.raises(MemorialImportHasErrors, match="строки: 5, 6, 7, 8\\."):
        memorial_list_create(
            occasion="victory_day",
            year=2022,
            rows=rows,
            file_name="9may.csv",
            actor=administrator,
            exclude_lines=[3, 4],
        )

    assert MemorialList.objects.count() == 0
    assert MemorialListRow.objects.count() == 0
    assert Person.objects.count() == persons
    assert not Person.objects.filter(iin=good_iin).exists()


def test_excluding_bad_lines_saves_good_ones_and_registers_new_people(mixed_file, administrator):
    content, good_iin, registered = mixed_file
    rows = MemorialListResource().read(content, "9may.csv")

    memorial_list = memorial_list_create(
        occasion="victory_day",
        year=2022,
        rows=rows,
        file_name="9may.csv",
        actor=administrator,
        exclude_lines=[3, 4, 5, 6, 7, 8],
    )

    assert memorial_list.status == MemorialList.Status.DRAFT
    assert list(memorial_list.rows.values_list("line_number", "person__iin", "amount")) == [
        (2, good_iin, Decimal("100000.00")),
        (9, registered.iin, Decimal("1000000.00")),
    ]
    new = Person.objects.get(iin=good_iin)
    assert (new.surname, new.name, new.birth_date.isoformat(), new.bank.code) == (
        "Айтбаева",
        "Гульнар",
        "1925-05-01",
        "601",
    )
    assert new.history.count() == 1


def test_xlsx_with_iin_typed_as_a_number_is_read(memorial_file):
    iin = memorial_file["iin"]()
    row = memorial_file["line"]("victory-widows", iin=iin)
    row[0] = int(iin)
    preview = memorial_preview_from_file(
        occasion="victory_day",
        year=2022,
        content=memorial_file["xlsx"]([row]),
        file_name="list.xlsx",
    )
    assert preview.report() == []
    assert preview.good_lines[0].source.iin == iin


def test_file_without_the_columns_is_refused_with_a_message():
    with pytest.raises(FileUnreadable, match="В файле нет столбцов: ИИН, Код категории, IBAN"):
        MemorialListResource().read("Ф.И.О.;Сумма\nИванов;1\n".encode(), "x.csv")


def test_template_file_has_the_columns():
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(MemorialListResource().template("xlsx"))).active
    assert [c.value for c in sheet[1]] == [
        "ИИН",
        "Фамилия",
        "Имя",
        "Отчество",
        "Код категории",
        "IBAN",
    ]


def test_registered_citizen_without_account_gets_the_list_iban(memorial_file, administrator):
    from applications.cases.services.intake import person_create

    person = person_create(iin=memorial_file["iin"](), surname="Безсчётов", name="Марат")
    row = memorial_file["line"]("victory-widows", iin=person.iin)
    rows = MemorialListResource().read(memorial_file["csv"]([row]), "l.csv")
    memorial_list_create(
        occasion="victory_day", year=2022, rows=rows, file_name="l.csv", actor=administrator
    )
    person.refresh_from_db()
    assert (person.iban, person.bank.code) == (row[5], "601")
