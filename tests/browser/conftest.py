"""Browser tests: Playwright drives Debian's Chromium against a live Django server.

Playwright's own browser download is not possible here, so the system Chromium is launched.
Screenshots of key pages go to artifacts/screenshots/ (kept out of git)."""

import datetime
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Playwright's sync API runs an event loop in this thread
    while it is open, so Django would refuse the tests' own (synchronous, safe) ORM calls:
    DJANGO_ALLOW_ASYNC_UNSAFE is set for that time only and removed afterwards, so it does not
    leak into the rest of the suite (check --deploy refuses it)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run scripts/system_deps.sh (make test does)"
        )
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make(lang: str = "ru"):
        context = browser.new_context(
            locale=lang, viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        context.set_default_timeout(30_000)  # a loaded CI machine is slow
        contexts.append(context)
        page = context.new_page()
        page.base = live_server.url
        return page

    yield make
    for context in contexts:
        context.close()


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, username: str, password: str) -> None:
    page.goto(page.base + "/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def accept_dialogs(page) -> None:
    """Answer «OK» to every confirm() from now on (Playwright dismisses them by default)."""
    page.on("dialog", lambda dialog: dialog.accept())


def fire_family(family_factory, okrug, surname: str = "Жумабеков"):
    """A family of four in the okrug, built with the real services (journeys that start later
    in the path do not repeat the registration forms, journey 1 covers them)."""
    return family_factory(size=4, okrug_obj=okrug, surname=surname)


def fire_application(*, family, actor, channel: str):
    """An application for fire damage (p7.1), the event 20 days ago (within 3 months, p16)."""
    from django.utils import timezone

    from applications.cases.services import intake
    from applications.reference.models import Category

    return intake.application_register(
        family=family,
        category=Category.objects.get(code="hardship-disaster-fire"),
        actor=actor,
        channel=channel,
        event_date=timezone.localdate() - datetime.timedelta(days=20),
        situation="Пожар в жилом доме.",
    )


def surveyed(application, *, sender, local):
    """Sent to the local commission, act and conclusion of need recorded (p18, p19)."""
    from django.utils import timezone

    from applications.workflow.services import steps as workflow
    from applications.workflow.services.commissions import application_local_conclusion_record
    from commissions.services.survey import survey_act_record

    application = workflow.application_send_to_local(application=application, actor=sender)
    today = timezone.localdate()
    survey_act_record(
        application=application, actor=local, surveyed_on=today, place="с. Жанакорган"
    )
    application_local_conclusion_record(
        application=application,
        actor=local,
        need=True,
        number=f"УК-{application.number}",
        concluded_on=today,
        documents_count=4,
        received_by="",
    )
    application.refresh_from_db()
    return application


def concluded(application, *, caseworker, special, amount):
    """Sent to the special commission, which concluded on need with the amount (p22, p23)."""
    from applications.workflow.services import steps as workflow
    from applications.workflow.services.commissions import application_special_conclusion_record

    application = workflow.application_send_to_special(application=application, actor=caseworker)
    application_special_conclusion_record(
        application=application, actor=special, need=True, amount=amount
    )
    application.refresh_from_db()
    return application


def switch_language(page, code: str) -> None:
    """Choose the language with the switcher in the header; the page reloads in it."""
    from playwright.sync_api import expect

    page.locator("header select[name=language]").select_option(code)
    expect(page.locator("html")).to_have_attribute("lang", code)


def kk(text: str) -> str:
    """The Kazakh translation of a Russian message, capitalised as labels are."""
    from django.utils import translation
    from django.utils.text import capfirst

    with translation.override("kk"):
        return capfirst(translation.gettext(text))


def spaces(text: str) -> str:
    """Money is printed with non-breaking spaces between thousands; compare with plain ones."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def expect_text(where, text: str) -> None:
    """The page's main part (or the given part) shows the text, waiting for it to load."""
    from playwright.sync_api import expect

    locator = where.locator("main") if hasattr(where, "goto") else where
    expect(locator).to_contain_text(text)
