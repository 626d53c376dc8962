"""Browser journey (issue 20, item 4): each duplicate refused at intake, in Russian and in
Kazakh, with a link to what already exists and the typed input kept."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from applications.cases.models import Application, Decision, Family
from applications.reference.models import Category
from tests.conftest import PASSWORD

from .conftest import expect_text, log_in, shot, switch_language

pytestmark = pytest.mark.browser

LOW_INCOME = "hardship-low-income"


def fill_application(page, family, situation: str) -> None:
    page.goto(page.base + reverse("applications:application_create"))
    page.locator("#id_family_reg_number").fill(family.reg_number)
    page.locator("#id_category").select_option(str(Category.objects.get(code=LOW_INCOME).pk))
    page.locator("#id_situation").fill(situation)


def submit(page) -> None:
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_an_applicant_heading_a_family_cannot_head_another(
    new_page, caseworker, family_factory, okrug
):
    family = family_factory(size=2, okrug_obj=okrug)
    page = new_page("ru")
    log_in(page, caseworker.username, PASSWORD)
    page.goto(page.base + reverse("applications:family_create"))
    page.locator("#id_applicant_iin").fill(family.applicant.iin)
    page.locator("#id_okrug").select_option(str(okrug.pk))
    page.locator("#id_address").fill("с. Жанакорган, ул. Новая, 15")
    submit(page)
    expect_text(page, f"уже является заявителем семьи № {family.reg_number}")
    expect(page.locator("#id_address")).to_have_value("с. Жанакорган, ул. Новая, 15")
    shot(page, "duplicate-family-head")
    page.locator("#duplicate-link").click()
    page.wait_for_load_state()
    assert page.url.endswith(family.get_absolute_url())
    assert Family.objects.filter(applicant=family.applicant).count() == 1


def test_the_same_form_twice_then_a_second_application_of_the_category(
    new_page, caseworker, family_factory, okrug
):
    family = family_factory(size=2, okrug_obj=okrug)
    page = new_page("ru")
    log_in(page, caseworker.username, PASSWORD)
    fill_application(page, family, "Болезнь кормильца")
    # A double click: the form is posted once by script, then by its button, with one token.
    page.evaluate(
        """async () => {
            const form = document.querySelector("main form");
            await fetch(location.href, {method: "POST", body: new FormData(form)});
        }"""
    )
    submit(page)
    first = Application.objects.get(family=family)
    assert page.url.endswith(first.get_absolute_url())
    expect_text(page, f"Эта форма уже отправлена: заявление № {first.number} зарегистрировано")

    fill_application(page, family, "Ещё раз")
    submit(page)
    expect_text(page, f"уже есть заявление № {first.number}")
    expect(page.locator("#id_situation")).to_have_value("Ещё раз")
    shot(page, "duplicate-undecided-application")
    page.locator("#duplicate-link").click()
    page.wait_for_load_state()
    assert page.url.endswith(first.get_absolute_url())
    assert Application.objects.filter(family=family).count() == 1


def test_low_income_aid_granted_this_year_refused_in_kazakh(
    new_page, caseworker, application_factory, okrug
):
    first = application_factory(size=2, okrug_obj=okrug)
    today = timezone.localdate()
    Application.objects.filter(pk=first.pk).update(status=Application.Status.NOTIFIED)
    Decision.objects.create(
        application=first,
        outcome=Decision.Outcome.GRANTED,
        amount=Decimal("43250"),
        mrp_value=Decimal("4325"),
        decided_on=today,
        decided_by=caseworker,
        notice_due=today + datetime.timedelta(days=3),
    )
    page = new_page("kk")
    log_in(page, caseworker.username, PASSWORD)
    switch_language(page, "kk")
    fill_application(page, first.family, "Екінші рет")
    submit(page)
    expect_text(page, f"жылы «{first.category.name_kk}» көмегі көрсетілген (№ {first.number}")
    expect_text(page, "ол жылына бір рет көрсетіледі")
    expect(page.locator("#id_situation")).to_have_value("Екінші рет")
    expect(page.locator("#duplicate-link")).to_have_text(f"№ {first.number} өтінішті ашу")
    shot(page, "duplicate-p7-4-kk")
    assert Application.objects.filter(family=first.family).count() == 1
