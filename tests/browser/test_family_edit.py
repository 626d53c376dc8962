"""A family kept up to date in Chromium (issue 20, item 1): a family of nine entered with its
incomes in one go, rows added with «Добавить строку» without losing what was typed; later
edited for a repeat application with a new quarter's incomes, the earlier quarter kept; and the
page of changes opened and saved in Kazakh."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.cases.models import Family, Income, Person
from applications.cases.services import intake
from applications.reference.quarters import previous_quarter
from applications.reference.testdata import iin_sequence
from tests.conftest import PASSWORD

from .conftest import expect_text, kk, log_in, shot, switch_language

pytestmark = pytest.mark.browser

TODAY = timezone.localdate()
YEAR, QUARTER = previous_quarter(TODAY)  # the quarter the first application counts (p22)
NEXT_YEAR, NEXT_QUARTER = TODAY.year, (TODAY.month - 1) // 3 + 1  # the repeat application's


def fresh_iin(birth: datetime.date, sex: str, start: int) -> str:
    return next(
        i
        for i in iin_sequence(birth, sex, start=start)
        if not Person.objects.filter(iin=i).exists()
    )


def cell(page, column: str, row: int):
    return page.get_by_label(f"{column}, № {row}", exact=True)


EIGHT = [
    ("Сейтжанова", "Гульмира", "spouse", datetime.date(1987, 9, 14), "F"),
    ("Сейтжанов", "Арман", "son", datetime.date(2008, 3, 3), "M"),
    ("Сейтжанова", "Айша", "daughter", datetime.date(2010, 11, 20), "F"),
    ("Сейтжанов", "Ерлан", "son", datetime.date(2012, 1, 9), "M"),
    ("Сейтжанова", "Дана", "daughter", datetime.date(2014, 6, 1), "F"),
    ("Сейтжанов", "Тимур", "son", datetime.date(2017, 2, 15), "M"),
    ("Сейтжанова", "Салтанат", "mother", datetime.date(1958, 4, 30), "F"),
    ("Сейтжанов", "Болат", "father", datetime.date(1955, 8, 8), "M"),
]


def test_family_of_nine_entered_in_one_go_then_kept_up_to_date(new_page, caseworker, okrug):
    head = intake.person_create(
        iin=fresh_iin(datetime.date(1984, 6, 2), "M", 11), surname="Сейтжанов", name="Нурлан"
    )
    members = [
        (fresh_iin(birth, sex, 50 + 7 * k), surname, name, relation)
        for k, (surname, name, relation, birth, sex) in enumerate(EIGHT)
    ]
    page = new_page("ru")
    log_in(page, caseworker.username, PASSWORD)
    page.goto(page.base + f"/families/new/?iin={head.iin}")
    page.get_by_label("Округ").select_option(str(okrug.pk))
    page.get_by_label("Адрес места жительства").fill("с. Жанакорган, ул. Абая, 12")

    for row, (iin, surname, name, relation) in enumerate(members, start=1):
        if row > 3:  # three rows come with the form; each further one is added
            page.locator('[data-formset-add="members"]').click()
        cell(page, "ИИН", row).fill(iin)
        cell(page, "Фамилия", row).fill(surname)
        cell(page, "Имя", row).fill(name)
        cell(page, "Родство", row).select_option(relation)
    # what was typed in the first rows is still there after rows were added
    expect(cell(page, "Фамилия", 1)).to_have_value("Сейтжанова")
    expect(cell(page, "ИИН", 8)).to_have_value(members[7][0])

    incomes = [
        (head.iin, "wages", "240000"),
        (members[0][0], "allowance", "60000"),
        (members[6][0], "pension", "270000"),
        (members[7][0], "pension", "285000"),
        (members[1][0], "wages", "90000"),
    ]
    for row, (iin, kind, amount) in enumerate(incomes, start=1):
        if row > 4:
            page.locator('[data-formset-add="incomes"]').click()
        cell(page, "ИИН члена семьи", row).fill(iin)
        cell(page, "Вид дохода", row).select_option(kind)
        cell(page, "Год", row).fill(str(YEAR))
        cell(page, "Квартал", row).fill(str(QUARTER))
        cell(page, "Сумма за квартал, ₸", row).fill(amount)
    shot(page, "family-nine-form")
    # leave the last field first: clicking straight from it, the page's layout moved between
    # the press and the release of the button and the click went to the form (a browser quirk)
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Сохранить семью").click()
    page.wait_for_url(re.compile(r"/families/\d+/$"))

    family = Family.objects.get(applicant=head)
    expect_text(page, f"Семья {family.reg_number} зарегистрирована.")
    expect_text(page, "Состав семьи (9)")
    assert family.members.count() == 9
    assert Income.objects.filter(member__family=family).count() == 5

    # a repeat application: the new quarter's incomes added, the earlier quarter kept
    page.get_by_role("link", name="Изменить семью").click()
    expect(cell(page, "Родство", 1)).to_have_value("applicant")
    new_row = len(incomes) + 1  # the empty row after the five kept
    cell(page, "ИИН члена семьи", new_row).fill(head.iin)
    cell(page, "Вид дохода", new_row).select_option("wages")
    cell(page, "Год", new_row).fill(str(NEXT_YEAR))
    cell(page, "Квартал", new_row).fill(str(NEXT_QUARTER))
    cell(page, "Сумма за квартал, ₸", new_row).fill("315000")
    page.get_by_label("Расходы на содержание жилья в месяц, ₸").fill("18000")
    shot(page, "family-edit-new-quarter")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Сохранить изменения").click()
    page.wait_for_url(re.compile(r"/families/\d+/$"))
    expect_text(page, f"Сведения о семье {family.reg_number} сохранены.")

    quarters = sorted(
        (i.year, i.quarter, int(i.amount))
        for i in Income.objects.filter(member__person=head, member__family=family)
    )
    assert quarters == [(YEAR, QUARTER, 240000), (NEXT_YEAR, NEXT_QUARTER, 315000)]
    assert Income.objects.filter(member__family=family).count() == 6
    expect_text(page, f"{NEXT_YEAR}/{NEXT_QUARTER} кв.")
    expect_text(page, f"{YEAR}/{QUARTER} кв.")

    # in Kazakh: the page of changes opened and saved
    switch_language(page, "kk")
    page.get_by_role("link", name=kk("Изменить семью")).click()
    page.locator("#id_address").fill("Жаңақорған ауылы, Абай көшесі, 14")
    shot(page, "family-edit-kk")
    page.keyboard.press("Tab")
    page.get_by_role("button", name=kk("Сохранить изменения")).click()
    page.wait_for_url(re.compile(r"/families/\d+/$"))
    expect_text(page, f"{family.reg_number} отбасы туралы мәліметтер сақталды.")
    family.refresh_from_db()
    assert family.address == "Жаңақорған ауылы, Абай көшесі, 14"
    assert family.members.count() == 9
