"""Terms counted again when the administrator corrects the calendar (p18–p25), and the
per-capita income (p22) of applications awaiting a decision recomputed. Dates: 19.03.2024 is a
Tuesday; 21–22 March 2024 are Nauryz and 25 March the Nauryz day moved from Saturday."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.cases import selectors
from applications.cases.models import Application, Decision, Income
from applications.reference.models import CalendarOverride
from applications.workflow.services import steps as workflow
from applications.workflow.services.terms import terms_recompute

from .wf_support import at, fresh_calendar, travel  # noqa: F401

S = Application.Status
D = datetime.date
REGISTERED_ON = D(2024, 3, 19)


@pytest.fixture
def register(application_factory):
    def build(**kw):
        with travel(REGISTERED_ON):
            return application_factory(registered_at=at(REGISTERED_ON), year=2023, quarter=4, **kw)

    return build


def day_off(day: datetime.date) -> CalendarOverride:
    return CalendarOverride.objects.create(date=day, kind="day_off", name_ru="Выходной акимата")


def test_a_new_day_off_moves_the_terms_of_open_applications(
    register, caseworker, django_capture_on_commit_callbacks
):
    registered = register()
    sent = register()
    with travel(D(2024, 3, 20)):
        workflow.application_send_to_local(application=sent, actor=caseworker)
    registered.refresh_from_db()
    sent.refresh_from_db()
    assert registered.due_date == D(2024, 3, 20)  # p18: 1 working day
    assert registered.decision_due == D(2024, 4, 3)  # p24: 8 working days
    assert sent.due_date == D(2024, 3, 27)  # p19: 2 working days from receipt on 20.03

    with django_capture_on_commit_callbacks(execute=True):
        day_off(D(2024, 3, 20))
    with django_capture_on_commit_callbacks(execute=True):
        day_off(D(2024, 3, 26))

    registered.refresh_from_db()
    sent.refresh_from_db()
    assert registered.due_date == D(2024, 3, 27)  # 20, 21–26 are days off now
    assert registered.decision_due == D(2024, 4, 5)
    assert sent.due_date == D(2024, 3, 28)  # still from the day the step began
    assert sent.decision_due == D(2024, 4, 5)
    latest = registered.history.first()
    assert latest.history_change_reason.startswith("Сроки и доход пересчитаны")
    dues = [v.decision_due for v in registered.history.order_by("-history_date")]
    assert dues[:3] == [D(2024, 4, 5), D(2024, 4, 4), D(2024, 4, 3)]  # one version per change


def test_unchanged_applications_are_not_written(register):
    application = register()
    versions = application.history.count()
    result = terms_recompute()
    assert (result.applications, result.due_dates, result.decision_dues) == (1, 0, 0)
    assert application.history.count() == versions


def test_notified_applications_are_left_alone(register):
    application = register()
    Application.objects.filter(pk=application.pk).update(status=S.NOTIFIED, due_date=None)
    day_off(D(2024, 3, 20))
    assert terms_recompute().applications == 0
    application.refresh_from_db()
    assert application.due_date is None and application.decision_due == D(2024, 4, 3)


def test_notice_term_follows_the_decision_day(register, caseworker):
    """p25: 3 working days from the decision; the application waits for that term."""
    application = register()
    Decision.objects.create(
        application=application,
        outcome=Decision.Outcome.REFUSED,
        ground=Decision.Ground.INCOME_ABOVE_THRESHOLD,
        mrp_value=Decimal("3692"),
        decided_on=D(2024, 3, 19),
        decided_by=caseworker,
        notice_due=D(2024, 3, 27),
    )
    Application.objects.filter(pk=application.pk).update(status=S.REFUSED, due_date=D(2024, 3, 27))
    day_off(D(2024, 3, 20))
    result = terms_recompute()
    assert result.notice_dues == 1
    application.refresh_from_db()
    assert application.decision.notice_due == D(2024, 3, 28)  # 26, 27, 28
    assert application.due_date == D(2024, 3, 28)


def test_per_capita_income_recomputed_for_applications_awaiting_a_decision(register):
    application = register(wages=Decimal("300000"))
    Application.objects.filter(pk=application.pk).update(
        status=S.AT_SPECIAL_COMMISSION, per_capita_income=Decimal("25000.00")
    )
    income = Income.objects.filter(member__family=application.family).first()
    Income.objects.filter(pk=income.pk).update(amount=income.amount + Decimal("30000"))
    result = terms_recompute()
    application.refresh_from_db()
    expected = selectors.per_capita_income(family=application.family, on=REGISTERED_ON)
    assert result.incomes == 1
    assert application.per_capita_income == expected.per_capita
    assert application.per_capita_income != Decimal("25000.00")


def test_queries_do_not_grow_with_the_applications(register):
    register()
    with CaptureQueriesContext(connection) as few:
        terms_recompute()
    for _ in range(5):
        register()
    with CaptureQueriesContext(connection) as more:
        terms_recompute()
    assert len(more) == len(few)


def test_command_reports_what_changed(register, capsys):
    register()
    day_off(D(2024, 3, 20))
    call_command("recompute_terms")
    out = capsys.readouterr().out
    assert "Открытых заявлений: 1" in out
    assert "изменено сроков шага: 1" in out and "сроков решения: 1" in out
