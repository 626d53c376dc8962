"""The akim's office's path in Chromium (issue 20, item 3): register a citizen → the citizen's
page (the message shown, no 404) → a family of its okrug → the application, in Russian; the
citizen's page in Kazakh; an akim's office of another okrug gets 404 for the citizen and the
family."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from applications.cases.models import Application, Family, Person
from applications.reference.testdata import iin_sequence
from tests.conftest import PASSWORD

from .conftest import expect_text, kk, log_in, shot, switch_language

pytestmark = pytest.mark.browser


def fresh_iin() -> str:
    return next(
        i
        for i in iin_sequence(datetime.date(1979, 10, 4), "F", start=61)
        if not Person.objects.filter(iin=i).exists()
    )


def test_akim_registers_citizen_family_and_application(new_page, akim, other_akim, okrug, category):
    page = new_page("ru")
    log_in(page, akim.username, PASSWORD)

    iin = fresh_iin()
    page.goto(page.base + "/persons/new/")
    page.get_by_label("ИИН").fill(iin)
    page.get_by_label("Фамилия").fill("Әбдіқадырова")
    page.get_by_label("Имя", exact=False).first.fill("Жанар")
    page.get_by_label("Телефон").fill("8 702 555 44 33")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url(re.compile(r"/persons/\d+/$"))

    person = Person.objects.get(iin=iin)
    assert person.created_by == akim
    expect_text(page, "Гражданин Әбдіқадырова Жанар зарегистрирован.")
    expect_text(page, "+7 702 555 44 33")
    expect_text(page, "04.10.1979")
    shot(page, "akim-01-person-registered")

    # one step in Kazakh: the same page, its labels and buttons in Kazakh
    switch_language(page, "kk")
    expect_text(page, kk("Не состоит в зарегистрированной семье."))
    expect(page.get_by_role("link", name=kk("Изменить данные"))).to_be_visible()
    expect(page.get_by_role("link", name=kk("Исправить ИИН"))).to_have_count(0)
    shot(page, "akim-02-person-kk")
    switch_language(page, "ru")

    page.get_by_role("link", name="Зарегистрировать семью этого заявителя").click()
    assert page.get_by_label("ИИН заявителя").input_value() == iin
    okrug_select = page.get_by_label("Округ")
    assert okrug_select.locator("option[value]:not([value=''])").count() == 1
    okrug_select.select_option(str(okrug.pk))
    page.get_by_label("Адрес места жительства").fill("с. Жанакорган, ул. Абая, 40")
    page.get_by_role("button", name="Сохранить семью").click()
    page.wait_for_url(re.compile(r"/families/\d+/$"))

    family = Family.objects.get(applicant=person)
    assert family.okrug == okrug
    expect_text(page, f"Семья {family.reg_number} зарегистрирована.")
    shot(page, "akim-03-family")

    page.get_by_role("link", name="Новое заявление").last.click()
    assert page.get_by_label("Регистрационный номер семьи").input_value() == family.reg_number
    page.get_by_label("Категория").select_option(label=str(category("hardship-low-income")))
    page.get_by_label("Трудная жизненная ситуация").fill("Доход ниже черты бедности.")
    page.get_by_role("button", name="Зарегистрировать").click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))

    application = Application.objects.get(family=family)
    assert application.channel == Application.Channel.AKIM and application.okrug == okrug
    expect_text(page, f"Заявление № {application.number} зарегистрировано.")
    expect_text(page, "+7 702 555 44 33")
    shot(page, "akim-04-application")

    # back to the citizen's page from the application: no dead end
    page.get_by_role("link", name="Әбдіқадырова Жанар").first.click()
    page.wait_for_url(re.compile(r"/persons/\d+/$"))
    expect(page.get_by_role("link", name=family.reg_number)).to_be_visible()

    # another okrug's akim's office: the citizen, the family and the application are not there
    other = new_page("ru")
    log_in(other, other_akim.username, PASSWORD)
    for url in (
        person.get_absolute_url(),
        family.get_absolute_url(),
        application.get_absolute_url(),
    ):
        response = other.goto(other.base + url)
        assert response.status == 404, url
    expect(other.locator("body")).not_to_contain_text("Әбдіқадырова")
