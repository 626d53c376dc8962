"""Browser journeys: a decision refused on each ground of p26, as the caseworker takes it on the
decision page. The page proposes the ground the file supports; a ground the file does not
support is refused with the reason and the typed comment kept."""

from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from applications.cases.models import Application, Decision
from applications.cases.services import intake
from applications.reference import rules
from applications.reference.models import Category
from applications.workflow.services import steps as workflow
from applications.workflow.services.commissions import (
    application_local_conclusion_record,
    application_special_conclusion_record,
    application_survey_refusal_record,
)
from commissions.services.survey import survey_act_record
from tests.browser.conftest import (
    accept_dialogs,
    concluded,
    expect_text,
    fire_application,
    fire_family,
    log_in,
    shot,
    spaces,
    surveyed,
)
from tests.conftest import PASSWORD

REFUSE = "отказать в оказании социальной помощи"


def open_decision(page, caseworker, application) -> None:
    accept_dialogs(page)
    log_in(page, caseworker.username, PASSWORD)
    page.goto(page.base + application.get_absolute_url())
    page.get_by_role("link", name="Принять решение").click()


def refuse_on(page, ground_label: str, comment: str = "") -> None:
    page.get_by_label(REFUSE).check()
    page.get_by_label("Основание отказа (п. 26)").select_option(label=str(ground_label))
    if comment:
        page.get_by_label("Комментарий").fill(comment)
    page.get_by_role("button", name="Принять решение").click()


def expect_refused(page, application, ground: str) -> None:
    expect_text(page, f"Решение принято: {REFUSE}.")
    decision = Decision.objects.get(application=application)
    assert (decision.outcome, decision.ground) == ("refused", ground)
    application.refresh_from_db()
    assert application.status == Application.Status.REFUSED
    expect_text(page, decision.get_ground_display())


def test_refused_on_false_information_p26_1(
    new_page, caseworker, local_member, special_member, family_factory, okrug
):
    """p26(1): the special commission found need, the caseworker then finds false information.
    p26(3) is not open for a category without an income test: said, and the comment kept."""
    family = fire_family(family_factory, okrug, surname="Омаров")
    application = concluded(
        surveyed(
            fire_application(family=family, actor=caseworker, channel="authority"),
            sender=caseworker,
            local=local_member,
        ),
        caseworker=caseworker,
        special=special_member,
        amount=Decimal("432500"),
    )
    page = new_page("ru")
    open_decision(page, caseworker, application)
    expect(page.get_by_label("оказать социальную помощь")).to_be_checked()
    comment = "Справка о пожаре выдана на другой адрес."
    refuse_on(page, Decision.Ground.INCOME_ABOVE_THRESHOLD.label, comment)
    expect_text(page, "У категории нет порога дохода: отказ по п. 26, пп. 3 невозможен.")
    expect(page.get_by_label("Комментарий")).to_have_value(comment)
    assert not Decision.objects.filter(application=application).exists()

    refuse_on(page, Decision.Ground.FALSE_INFORMATION.label)
    expect_refused(page, application, "false_information")
    assert Decision.objects.get(application=application).comment == comment
    shot(page, "refusal-p26-1")


def test_refused_on_survey_refusal_p26_2(new_page, caseworker, local_member, family_factory, okrug):
    """p26(2): the applicant refused the survey (annex 1); the decision page proposes the
    refusal on p26(2) and will not take another ground."""
    family = fire_family(family_factory, okrug, surname="Бекова")
    application = workflow.application_send_to_local(
        application=fire_application(family=family, actor=caseworker, channel="authority"),
        actor=caseworker,
    )
    application_survey_refusal_record(
        application=application,
        actor=local_member,
        refused_on=timezone.localdate(),
        signed_by="Членов Ч. Ч.",
    )
    page = new_page("ru")
    open_decision(page, caseworker, application)
    expect(page.locator("#proposed")).to_contain_text("(п. 26, пп. 2)")
    expect(page.get_by_label(REFUSE)).to_be_checked()
    refuse_on(page, Decision.Ground.FALSE_INFORMATION.label)
    expect_text(page, "Заявитель отказался от обследования: основание отказа — п. 26, пп. 2.")

    refuse_on(page, Decision.Ground.SURVEY_REFUSED.label)
    expect_refused(page, application, "survey_refused")
    shot(page, "refusal-p26-2")


def test_refused_on_income_above_threshold_p26_3(
    new_page, caseworker, local_member, special_member, family_factory, okrug
):
    """p26(3): a low-income application (p7.4) whose per-capita income of the quarter before
    is at or above the regional subsistence minimum: the page shows both figures and proposes
    the refusal; the special commission found no need."""
    today = timezone.localdate()
    year, quarter = rules.income_quarter(today)
    # 600 000 ₸ in the quarter / 3 months / 4 members = 50 000 ₸ ≥ 44 300 ₸ (the minimum in force).
    family = family_factory(
        size=4, okrug_obj=okrug, wages=Decimal("600000"), year=year, quarter=quarter
    )
    application = intake.application_register(
        family=family,
        category=Category.objects.get(code="hardship-low-income"),
        actor=caseworker,
        channel="authority",
    )
    application = workflow.application_send_to_local(application=application, actor=caseworker)
    survey_act_record(
        application=application, actor=local_member, surveyed_on=today, place="с. Жанакорган"
    )
    application_local_conclusion_record(
        application=application,
        actor=local_member,
        need=False,
        number=f"УК-{application.number}",
        concluded_on=today,
        documents_count=3,
        received_by="",
    )
    application = workflow.application_send_to_special(application=application, actor=caseworker)
    application_special_conclusion_record(
        application=application, actor=special_member, need=False, amount=None
    )
    page = new_page("ru")
    open_decision(page, caseworker, application)
    assert "50 000,00 ₸" in spaces(page.locator("main").inner_text())
    assert "44 300,00 ₸" in spaces(page.locator("#threshold").inner_text())
    expect(page.locator("#threshold")).to_contain_text("доход выше порога")
    expect(page.locator("#proposed")).to_contain_text("(п. 26, пп. 3)")
    expect(page.get_by_label(REFUSE)).to_be_checked()
    page.get_by_role("button", name="Принять решение").click()
    expect_refused(page, application, "income_above_threshold")
    shot(page, "refusal-p26-3")
