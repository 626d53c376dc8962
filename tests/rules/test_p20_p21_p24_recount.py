"""The decision term of p24 with the extension of p20 and p21, kept by the workflow and counted
again when the administrator corrects the calendar (applications/workflow/services/terms.py):
every open application's term is recounted from the day its step began, and the decision term
from registration.

p24: «в течение восьми рабочих дней со дня регистрации документов … В случаях, указанных в
пунктах 20 и 21 настоящих Правил, … в течение двадцати рабочих дней».
Dates: registered Tuesday 19.03.2024; 21–22 March Nauryz, 25 March the Nauryz day moved from
Saturday 23 March."""

from decimal import Decimal

import pytest

from applications.cases.models import Application, ApplicationTransition
from applications.workflow.services import steps as workflow
from applications.workflow.services.terms import terms_recompute
from tests.applications.wf_support import record_special, record_survey

from .conftest import D, at, override, travel

S = Application.Status
REGISTERED_ON = D(2024, 3, 19)


@pytest.fixture
def register(application_factory):
    def build(**kw):
        with travel(REGISTERED_ON):
            return application_factory(
                registered_at=at(REGISTERED_ON), year=2023, quarter=4, wages=Decimal("300000"), **kw
            )

    return build


def concluded(app, *, caseworker, local_member, special_member):
    with travel(D(2024, 3, 20)):
        app = workflow.application_send_to_local(application=app, actor=caseworker)
        record_survey(app, local_member)
        app = workflow.application_survey_complete(application=app, actor=local_member)
    with travel(D(2024, 3, 26)):
        app = workflow.application_send_to_special(application=app, actor=caseworker)
        record_special(app, special_member)
        return workflow.application_special_conclude(application=app, actor=special_member)


def request_documents(app, caseworker, day):
    with travel(day):
        return workflow.application_mark_documents_requested(
            application=app, actor=caseworker, reason="Запрошены сведения о доходах (п. 20)"
        )


def test_registration_sets_eight_working_days(register):
    app = register()
    assert (app.due_date, app.decision_due) == (D(2024, 3, 20), D(2024, 4, 3))


def test_documents_requested_extends_the_decision_to_twenty_working_days(register, caseworker):
    app = request_documents(register(), caseworker, day=REGISTERED_ON)
    assert app.decision_due == D(2024, 4, 19)
    assert app.due_date == D(2024, 3, 20)  # the step of p18 keeps its own term


def test_a_concluded_application_waits_for_the_decision_and_is_recounted(
    register, caseworker, local_member, special_member
):
    app = concluded(
        register(), caseworker=caseworker, local_member=local_member, special_member=special_member
    )
    assert (app.status, app.due_date, app.decision_due) == (
        S.CONCLUDED,
        D(2024, 4, 3),
        D(2024, 4, 3),
    )
    override(D(2024, 4, 2), "day_off")
    result = terms_recompute()
    app.refresh_from_db()
    assert (app.due_date, app.decision_due) == (D(2024, 4, 4), D(2024, 4, 4))
    assert (result.due_dates, result.decision_dues) == (1, 1)


def test_an_extended_concluded_application_is_recounted_on_twenty_days(
    register, caseworker, local_member, special_member
):
    app = concluded(
        register(), caseworker=caseworker, local_member=local_member, special_member=special_member
    )
    app = request_documents(app, caseworker, day=D(2024, 3, 27))
    assert (app.due_date, app.decision_due) == (D(2024, 4, 19), D(2024, 4, 19))
    override(D(2024, 4, 2), "day_off")
    terms_recompute()
    app.refresh_from_db()
    assert (app.due_date, app.decision_due) == (D(2024, 4, 22), D(2024, 4, 22))


def test_an_extended_registered_application_keeps_the_term_tied_to_the_decision(
    register, caseworker
):
    """A registered application whose due date is the decision's (after p20 extended it) stays
    tied to the decision when recounted; one not tied keeps its step's term."""
    tied = register()
    Application.objects.filter(pk=tied.pk).update(
        documents_requested=True, due_date=tied.decision_due
    )
    untied = register()
    Application.objects.filter(pk=untied.pk).update(documents_requested=True)
    terms_recompute()
    tied.refresh_from_db()
    untied.refresh_from_db()
    assert (tied.due_date, tied.decision_due) == (D(2024, 4, 19), D(2024, 4, 19))
    assert (untied.due_date, untied.decision_due) == (D(2024, 3, 20), D(2024, 4, 19))


def test_a_step_is_counted_from_the_day_it_began_not_from_a_later_note(register, caseworker):
    """Sent to the local commission on 20.03 (survey due 2 working days later, p19); the
    documents requested on 26.03 leave the status as it was, so the step still began on 20.03."""
    with travel(D(2024, 3, 20)):
        app = workflow.application_send_to_local(application=register(), actor=caseworker)
    app = request_documents(app, caseworker, day=D(2024, 3, 26))
    assert app.due_date == D(2024, 3, 27)  # 26, 27 March
    override(D(2024, 3, 27), "day_off")
    terms_recompute()
    app.refresh_from_db()
    assert app.due_date == D(2024, 3, 28)  # from 20.03: 26, 28 (from 26.03 it would be 29.03)
    assert app.decision_due == D(2024, 4, 22)


def test_the_day_a_step_began_is_the_local_day_in_qyzylorda(register, caseworker):
    """A step taken at 02:00 on 20.03 in Qyzylorda (21:00 on 19.03 in UTC) began on 20.03."""
    app = register()
    with travel(D(2024, 3, 20), hour=2):
        app = workflow.application_send_to_local(application=app, actor=caseworker)
    Application.objects.filter(pk=app.pk).update(due_date=None)
    terms_recompute()
    app.refresh_from_db()
    assert app.due_date == D(2024, 3, 27)  # 26, 27 (from 19.03 it would be 26.03)


def test_the_latest_entry_into_the_status_counts(register, caseworker):
    """Two entries into the same status: the term runs from the later one."""
    with travel(D(2024, 3, 20)):
        app = workflow.application_send_to_local(application=register(), actor=caseworker)
    ApplicationTransition.objects.create(
        application=app,
        from_status=S.REGISTERED,
        to_status=S.AT_LOCAL_COMMISSION,
        actor=caseworker,
        at=at(D(2024, 3, 27)),
    )
    terms_recompute()
    app.refresh_from_db()
    assert app.due_date == D(2024, 3, 29)  # 2 working days from 27.03


def test_a_registered_application_is_counted_from_its_registration(register):
    app = register()
    Application.objects.filter(pk=app.pk).update(due_date=D(2024, 3, 30))
    terms_recompute()
    app.refresh_from_db()
    assert app.due_date == D(2024, 3, 20)


def test_each_waiting_status_has_its_own_term(register, caseworker, local_member, akim):
    """At the authorized body 1 working day (p22); at the akim's 2 (p19)."""
    at_authority = register()
    surveyed = register(channel="akim")
    with travel(D(2024, 3, 20)):
        at_authority = workflow.application_send_to_local(
            application=at_authority, actor=caseworker
        )
        surveyed = workflow.application_send_to_local(application=surveyed, actor=akim)
    with travel(D(2024, 3, 26)):
        for app in (at_authority, surveyed):
            record_survey(app, local_member)
            workflow.application_survey_complete(application=app, actor=local_member)
    Application.objects.filter(pk__in=[at_authority.pk, surveyed.pk]).update(due_date=None)
    terms_recompute()
    at_authority.refresh_from_db()
    surveyed.refresh_from_db()
    assert (at_authority.status, at_authority.due_date) == (S.AT_AUTHORITY, D(2024, 3, 27))
    assert (surveyed.status, surveyed.due_date) == (S.SURVEYED, D(2024, 3, 28))


def test_the_notice_term_is_recounted_from_the_decision(register, caseworker, local_member):
    """p25: 3 working days from the decision (a refusal after a refused survey, p26(2))."""
    with travel(D(2024, 3, 20)):
        app = workflow.application_send_to_local(application=register(), actor=caseworker)
        record_survey(app, local_member, refused=True)
        app = workflow.application_survey_complete(application=app, actor=local_member)
    with travel(D(2024, 3, 26)):
        decision = workflow.application_decide(
            application=app, actor=caseworker, grant=False, ground="survey_refused"
        )
    assert decision.notice_due == D(2024, 3, 29)
    override(D(2024, 3, 28), "day_off")
    assert terms_recompute().notice_dues == 1
    decision.refresh_from_db()
    app.refresh_from_db()
    assert decision.notice_due == app.due_date == D(2024, 4, 1)
