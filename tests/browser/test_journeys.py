"""End-to-end journeys in Chromium (issue 8, item 1): each role does its step through the pages,
and each journey leaves screenshots of its key pages in artifacts/screenshots/."""

import datetime
import re

import pytest
from django.utils import timezone

from applications.models import Application, Family, Person
from applications.quarters import previous_quarter
from applications.testdata import iin_sequence, make_kz_iban
from tests.conftest import PASSWORD

from .conftest import accept_dialogs, log_in, shot

pytestmark = pytest.mark.browser


def fresh_iin(birth: datetime.date, sex: str, start: int) -> str:
    """An IIN that no citizen in the database has yet."""
    return next(i for i in iin_sequence(birth, sex, start=start)
                if not Person.objects.filter(iin=i).exists())


def register_person(page, *, iin: str, surname: str, name: str, iban: str) -> None:
    page.goto(page.base + "/persons/new/")
    page.get_by_label("ИИН").fill(iin)
    page.get_by_label("Фамилия").fill(surname)
    page.get_by_label("Имя", exact=False).first.fill(name)
    page.get_by_label("Адрес").fill("с. Жанакорган, ул. Абая, 12")
    page.get_by_label("Счёт (IBAN)").fill(iban)
    page.get_by_role("button", name="Сохранить").click()


def test_caseworker_registers_family_of_four_and_fire_application(new_page, caseworker, okrug,
                                                                 category):
    """Journey 1: a citizen, a family of four with the quarter's incomes (p16, p22) and an
    application for fire damage within three months of the event (p7.1) — all through forms."""
    page = new_page("ru")
    log_in(page, caseworker.username, PASSWORD)
    shot(page, "j1-01-start-page")

    head_iin = fresh_iin(datetime.date(1984, 6, 2), "M", 11)
    register_person(page, iin=head_iin, surname="Сейтжанов", name="Нурлан",
                    iban=make_kz_iban("601", 77001))
    expect_text(page, "Гражданин Сейтжанов")
    shot(page, "j1-02-person-registered")

    page.get_by_role("link", name="Зарегистрировать семью этого заявителя").click()
    assert page.get_by_label("ИИН заявителя").input_value() == head_iin
    page.get_by_label("Округ").select_option(str(okrug.pk))
    page.get_by_label("Адрес места жительства").fill("с. Жанакорган, ул. Абая, 12")
    members = [
        (fresh_iin(datetime.date(1987, 9, 14), "F", 21), "Сейтжанова", "Гульмира", "spouse"),
        (fresh_iin(datetime.date(2012, 3, 3), "M", 31), "Сейтжанов", "Арман", "son"),
        (fresh_iin(datetime.date(2015, 11, 20), "F", 41), "Сейтжанова", "Айша", "daughter"),
    ]
    for row, (iin, surname, name, relation) in enumerate(members, start=1):
        cell_label(page, "ИИН", row).fill(iin)
        cell_label(page, "Фамилия", row).fill(surname)
        cell_label(page, "Имя", row).fill(name)
        cell_label(page, "Родство", row).select_option(relation)
    year, quarter = previous_quarter(timezone.localdate())
    incomes = [(head_iin, "wages", "240000"), (members[0][0], "allowance", "60000")]
    for row, (iin, kind, amount) in enumerate(incomes, start=1):
        cell_label(page, "ИИН члена семьи", row).fill(iin)
        cell_label(page, "Вид дохода", row).select_option(kind)
        cell_label(page, "Год", row).fill(str(year))
        cell_label(page, "Квартал", row).fill(str(quarter))
        cell_label(page, "Сумма за квартал, ₸", row).fill(amount)
    shot(page, "j1-03-family-form")
    page.get_by_role("button", name="Сохранить семью").click()
    page.wait_for_url(re.compile(r"/families/\d+/$"))

    family = Family.objects.get(applicant__iin=head_iin)
    expect_text(page, f"Семья {family.reg_number} зарегистрирована.")
    assert family.members.count() == 4
    shot(page, "j1-04-family-page")

    page.get_by_role("link", name="Новое заявление").last.click()
    assert page.get_by_label("Регистрационный номер семьи").input_value() == family.reg_number
    page.get_by_label("Категория").select_option(label=str(category("hardship-disaster-fire")))
    event = timezone.localdate() - datetime.timedelta(days=20)
    page.get_by_label("Дата наступления ТЖС").fill(event.isoformat())
    page.get_by_label("Трудная жизненная ситуация").fill("Пожар в жилом доме, сгорела кровля.")
    page.get_by_role("button", name="Зарегистрировать").click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))

    application = Application.objects.get(family=family)
    expect_text(page, f"Заявление № {application.number} зарегистрировано.")
    assert application.category.paragraph == "7.1"
    assert application.event_date == event
    page_text = page.locator("main").inner_text()
    assert event.strftime("%d.%m.%Y") in page_text
    # per-capita income of the quarter before: (240 000 + 60 000) / 3 / 4 = 25 000,00 ₸
    assert page.locator("#per-capita").inner_text().replace("\xa0", " ") == "25 000,00 ₸"
    shot(page, "j1-05-application-page")


def cell_label(page, column: str, row: int):
    """A field of a formset table, found by its label (column and row number)."""
    return page.get_by_label(f"{column}, строка {row}", exact=True)


def expect_text(page, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator("main")).to_contain_text(text)
