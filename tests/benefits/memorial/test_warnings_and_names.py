"""What a person checking a memorial-date list would catch (issue 21, item 5): a birth year no
one of the category can have, names with markup or a formula, and the template that names the
category codes."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.cases.models import Person
from benefits.models import MemorialList
from tests.conftest import login

pytestmark = pytest.mark.django_db


def upload(client, content, name="9may.csv"):
    return client.post(
        reverse("benefits:memorial_import"),
        {
            "occasion": "victory_day",
            "year": 2022,
            "file": SimpleUploadedFile(name, content, content_type="text/csv"),
        },
    )


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def confirm(client, html, **extra):
    data = {k: hidden(html, k) for k in ("token", "file_name", "occasion", "year", "pay_date")}
    return client.post(reverse("benefits:memorial_import_confirm"), {**data, **extra})


def test_a_wwii_veteran_born_in_2005_is_confirmed_only_when_checked(
    client, administrator, memorial_file
):
    login(client, administrator)
    young = memorial_file["iin"](datetime.date(2005, 6, 1))
    content = memorial_file["csv"](
        [
            memorial_file["line"]("victory-wwii-veterans"),
            memorial_file["line"]("victory-wwii-veterans", iin=young, surname="Молодов"),
        ]
    )

    preview = upload(client, content).content.decode()
    assert re.search(r'id="warned-lines".*?<td>3</td><td>' + young, preview, re.S)
    assert (
        "год рождения 2005: в категорию «victory-wwii-veterans» входят родившиеся не позднее "
        "1927 года — проверьте категорию и ИИН" in preview
    )
    assert "Я проверил(а) строки с предупреждениями" in preview

    refused = confirm(client, preview)
    assert refused.status_code == 400
    assert "Строки с предупреждениями: 3." in refused.content.decode()
    assert young in refused.content.decode()  # the lines are still there to check
    assert MemorialList.objects.count() == 0
    assert not Person.objects.filter(iin=young).exists()

    saved = confirm(client, preview, warnings_checked="on")
    memorial_list = MemorialList.objects.get()
    assert saved.url == memorial_list.get_absolute_url()
    assert sorted(memorial_list.rows.values_list("line_number", flat=True)) == [2, 3]


def test_excluding_the_doubtful_line_needs_no_confirmation(client, administrator, memorial_file):
    login(client, administrator)
    young = memorial_file["iin"](datetime.date(1990, 1, 1))
    content = memorial_file["csv"](
        [
            memorial_file["line"]("victory-minor-prisoners"),
            memorial_file["line"]("victory-minor-prisoners", iin=young),
        ]
    )
    preview = upload(client, content).content.decode()
    assert "входят родившиеся не позднее 1945 года" in preview

    confirm(client, preview, exclude=["3"])
    assert list(MemorialList.objects.get().rows.values_list("line_number", flat=True)) == [2]


@pytest.mark.parametrize(
    ("surname", "name", "error"),
    [
        ("<b>Иванов</b>", "Иван", "фамилия «<b>Иванов</b>»"),
        ("Иванов", "=SUM(A1)", "имя «=SUM(A1)»"),
    ],
)
def test_markup_or_a_formula_in_a_name_is_an_error_line(
    client, administrator, memorial_file, surname, name, error
):
    login(client, administrator)
    content = memorial_file["csv"](
        [memorial_file["line"]("victory-widows", surname=surname, name=name)]
    )
    html = upload(client, content).content.decode()
    bad = re.search(r'<table id="bad-lines">.*?</table>', html, re.S).group(0)
    message = f"{error}: Имя может содержать только буквы, дефис, апостроф и пробел."
    assert message.replace("<", "&lt;").replace(">", "&gt;") in bad
    assert "<b>" not in html  # shown as typed, never as markup

    refused = confirm(client, html)
    assert refused.status_code == 400
    assert "В списке остались ошибочные строки: 2." in refused.content.decode()
    assert MemorialList.objects.count() == 0


def test_kazakh_and_latin_names_are_accepted(client, administrator, memorial_file):
    login(client, administrator)
    kazakh = memorial_file["iin"]()
    content = memorial_file["xlsx"](
        [
            memorial_file["line"](
                "victory-widows", iin=kazakh, surname="Әбдіқадыр-Ұлы", name="Гүлнәр"
            ),
            memorial_file["line"]("victory-widows", surname="O'Brien", name="Мария Анна"),
        ]
    )
    html = upload(client, content, name="9may.xlsx").content.decode()
    assert 'id="bad-lines"' not in html

    confirm(client, html)
    assert Person.objects.get(iin=kazakh).surname == "Әбдіқадыр-Ұлы"


def test_import_page_lists_the_category_codes_with_their_names(client, caseworker):
    login(client, caseworker)
    html = client.get(reverse("benefits:memorial_import")).content.decode()
    codes = re.search(r'<table id="category-codes">.*?</table>', html, re.S).group(0)
    assert "<code>victory-wwii-veterans</code></td><td>Участники и инвалиды Великой" in codes
    assert "chernobyl-liquidators" in codes
    assert "hardship-low-income" not in codes  # not a memorial category


def test_xlsx_template_has_the_list_and_the_categories_sheets(client, caseworker):
    login(client, caseworker)
    response = client.get(reverse("benefits:memorial_template", args=["xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))

    assert book.sheetnames == ["Список", "Категории"]
    listing = [[c.value for c in row] for row in book["Список"].iter_rows()]
    assert listing[0] == ["ИИН", "Фамилия", "Имя", "Отчество", "Код категории", "IBAN"]
    categories = [[c.value for c in row] for row in book["Категории"].iter_rows()]
    assert categories[0][:3] == ["Код категории", "Наименование (рус.)", "Наименование (каз.)"]
    by_code = {row[0]: row for row in categories[1:]}
    assert by_code["victory-wwii-veterans"][1] == "Участники и инвалиды Великой Отечественной войны"
    assert by_code["victory-wwii-veterans"][2].startswith("Ұлы Отан соғысының")
    assert by_code["victory-wwii-veterans"][3] == "День Победы — 9 мая"
    assert "hardship-low-income" not in by_code
    assert len(by_code) == 13
