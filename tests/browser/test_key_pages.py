"""A screenshot of each key page in Russian and in Kazakh (issue 8, item 2), and what office
workers expect of them (item 3): the page is in the chosen language, dates as 25.08.2024,
money as 1 234 567,00 ₸, a print button on documents, a confirmation before what cannot be
undone, and that dismissing the confirmation changes nothing."""

from decimal import Decimal

import pytest
from django.utils import timezone, translation

from applications.cases.models import Application
from applications.workflow.services import steps as workflow
from benefits.services.payments import payment_list_build
from commissions.services.documents import notice_issue
from tests.conftest import PASSWORD

from .conftest import (
    concluded,
    expect_text,
    fire_application,
    fire_family,
    log_in,
    shot,
    spaces,
    surveyed,
    switch_language,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def cases(caseworker, local_member, special_member, administrator, family_factory, okrug):
    """Three applications along the path: at the local commission, at the special commission,
    and granted, notified and paid by a payment list."""
    at_local = workflow.application_send_to_local(
        application=fire_application(
            family=fire_family(family_factory, okrug, "Омаров"),
            actor=caseworker,
            channel="authority",
        ),
        actor=caseworker,
    )
    at_special = workflow.application_send_to_special(
        application=surveyed(
            fire_application(
                family=fire_family(family_factory, okrug, "Нуров"),
                actor=caseworker,
                channel="authority",
            ),
            sender=caseworker,
            local=local_member,
        ),
        actor=caseworker,
    )
    done = concluded(
        surveyed(
            fire_application(
                family=fire_family(family_factory, okrug, "Есенов"),
                actor=caseworker,
                channel="authority",
            ),
            sender=caseworker,
            local=local_member,
        ),
        caseworker=caseworker,
        special=special_member,
        amount=Decimal("1234567.00") / 2,
    )
    workflow.application_decide(application=done, actor=caseworker, grant=True)
    notice_issue(application=done, actor=caseworker)
    workflow.application_notify(application=done, actor=caseworker, how="in_person")
    today = timezone.localdate()
    payment_list = payment_list_build(
        title="ТЖС за месяц",
        period_start=today.replace(day=1),
        period_end=today,
        actor=administrator,
    )
    return {
        "at_local": at_local,
        "at_special": at_special,
        "done": done,
        "payment_list": payment_list,
    }


def in_language(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_key_pages_in_both_languages(
    new_page, lang, cases, caseworker, local_member, special_member, administrator
):
    done, payment_list = cases["done"], cases["payment_list"]
    pages = [
        (caseworker, "start-page", "/", "Мои задачи"),
        (caseworker, "application-list", "/applications/", "Заявления"),
        (caseworker, "application-page", done.get_absolute_url(), "Ход рассмотрения"),
        (caseworker, "dashboard", "/dashboard/", "Сводка по району"),
        (
            local_member,
            "survey-page",
            f"/applications/{cases['at_local'].pk}/survey/",
            "Обследование семьи участковой комиссией",
        ),
        (
            special_member,
            "special-conclusion-page",
            f"/applications/{cases['at_special'].pk}/special-conclusion/",
            "Заключение специальной комиссии",
        ),
        (administrator, "payment-list", payment_list.get_absolute_url(), "Итоги по банкам"),
    ]
    browsers = {}
    for user, name, url, marker in pages:
        if user.pk not in browsers:
            browsers[user.pk] = page = new_page(lang)
            log_in(page, user.username, PASSWORD)
            if lang != "ru":
                switch_language(page, lang)
        page = browsers[user.pk]
        response = page.goto(page.base + url)
        assert response.status == 200, name
        assert page.locator("html").get_attribute("lang") == lang
        expect_text(page, in_language(lang, marker))
        shot(page, f"page-{name}-{lang}")

    page = browsers[caseworker.pk]
    page.goto(page.base + done.get_absolute_url())
    main = spaces(page.locator("main").inner_text())
    assert (
        done.registered_at.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y") in main
    )
    assert "617 283,50 ₸" in main  # the decision's amount
    assert page.get_by_role("button", name=in_language(lang, "Печать")).is_visible()
    page = browsers[administrator.pk]
    page.goto(page.base + payment_list.get_absolute_url())
    assert spaces(page.locator("#list-total").inner_text()) == "617 283,50 ₸"
    assert page.get_by_role("button", name=in_language(lang, "Печать")).is_visible()


def test_dismissing_a_confirmation_changes_nothing(new_page, cases, administrator):
    """Marking a payment list sent cannot be undone: the browser asks first, and «Cancel»
    leaves the list a draft (issue 8, item 3)."""
    payment_list = cases["payment_list"]
    page = new_page("ru")
    log_in(page, administrator.username, PASSWORD)
    page.goto(page.base + payment_list.get_absolute_url())
    questions = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("button", name="Отметить: отправлена в банк").click()
    page.wait_for_timeout(300)
    assert questions == ["Отметить ведомость отправленной в банк? После этого её нельзя изменить."]
    payment_list.refresh_from_db()
    assert payment_list.status == "draft"
    assert not page.locator(".messages").count()


def test_decision_form_asks_before_the_irreversible_decision(
    new_page, caseworker, family_factory, okrug, local_member, special_member
):
    """«Cancel» on the decision's confirmation leaves the application undecided (p24)."""
    application = concluded(
        surveyed(
            fire_application(
                family=fire_family(family_factory, okrug, "Бекова"),
                actor=caseworker,
                channel="authority",
            ),
            sender=caseworker,
            local=local_member,
        ),
        caseworker=caseworker,
        special=special_member,
        amount=Decimal("100000"),
    )
    page = new_page("ru")
    log_in(page, caseworker.username, PASSWORD)
    page.goto(page.base + f"/applications/{application.pk}/decision/")
    questions = []
    page.on("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Принять решение").click()
    page.wait_for_timeout(300)
    assert questions == ["Решение нельзя отменить. Принять решение?"]
    application.refresh_from_db()
    assert application.status == Application.Status.CONCLUDED
    assert "/decision/" in page.url


def test_keyboard_login_and_search_from_any_page(new_page, cases, caseworker):
    """Item 3: the login form works from the keyboard (Django's AuthenticationForm focuses the
    user name), and the search box in the header finds a family by surname or IIN from any
    page, here the payment list."""
    done = cases["done"]
    page = new_page("ru")
    page.goto(page.base + "/login/")
    from playwright.sync_api import expect

    # as a user does: type once the cursor is in the field (typing before the autofocus lost
    # the first letter on a loaded machine)
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(caseworker.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect_text(page, "Мои задачи")

    page.goto(page.base + cases["payment_list"].get_absolute_url())
    page.get_by_label("Поиск").fill("Есенов")
    page.keyboard.press("Enter")
    expect_text(page, done.number)
    assert "Омаров" not in page.locator("main").inner_text()
    shot(page, "page-search-by-surname-ru")

    page.get_by_label("Поиск").fill(done.applicant.iin)
    page.keyboard.press("Enter")
    expect_text(page, done.number)
    assert "Нуров" not in page.locator("main").inner_text()
