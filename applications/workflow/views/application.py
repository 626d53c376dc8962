"""The application page: its summary, the course of the case with the steps the user may take,
the family and its income, the printed and attached documents, the moves and the change log.
One gate, a read per panel, one template (workflow/application_detail.html)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from applications.cases import access, selectors
from applications.cases.forms import DocumentForm
from applications.cases.history import (
    CHANGE_LOG_SECONDS,
    application_change_log,
    change_log_version,
)
from applications.cases.models import Application, Decision
from benefits import access as benefits_access
from commissions.selectors import related_or_none

from ..queues import QueueRow, row_for
from ..services import steps as workflow
from .commissions import printed_documents
from .steps import BUTTON_STEPS


@dataclass(frozen=True)
class Course:
    """The course of the case as its panel shows it to one user."""

    term: QueueRow  # the current step's term, with the working days left or late
    decision: Decision | None
    buttons: list[workflow.Step]  # the steps this user takes now by a plain button
    may_decide: bool
    may_notify: bool  # record how and when the applicant was notified (p25)
    may_request_documents: bool
    opens_survey: bool  # the local commission's act and conclusion (p19)
    opens_special_conclusion: bool  # the special commission's conclusion (p23)


def application_course(application: Application, user) -> Course:
    """Where the case stands for `user`: the term of the step it waits for (p18-p25), the
    decision and its notice (p24, p25), and what the user may do about it now."""
    steps = workflow.available_steps(application=application, user=user)
    names = {step.name for step in steps}
    S = Application.Status
    return Course(
        term=row_for(application, timezone.localdate()),
        decision=related_or_none(application, "decision"),
        buttons=[step for step in steps if step.name in BUTTON_STEPS],
        may_decide="decide" in names,
        may_notify="notify" in names,
        may_request_documents="mark_documents_requested" in names,
        opens_survey=application.status == S.AT_LOCAL_COMMISSION
        and workflow.is_local_member_of_okrug(user, application),
        opens_special_conclusion=application.status == S.AT_SPECIAL_COMMISSION
        and workflow.is_special_member(user, application),
    )


def awards_of(application: Application, user) -> list:
    """The awards a grant made (p24), for a user who may open them; none before a grant."""
    decision = related_or_none(application, "decision")
    if (
        decision is None
        or decision.outcome != Decision.Outcome.GRANTED
        or not benefits_access.can_view(user)
    ):
        return []
    return list(application.awards.only("pk").order_by("pk"))


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    # the decision with its author and who registered the case, in the gate's own query
    application = access.application_get_for(
        user=user, pk=pk, related=("decision__decided_by", "registered_by")
    )
    members = selectors.family_members_with_incomes(application.family)
    income = selectors.per_capita_income(
        family=application.family, on=application.registered_on, members=members
    )
    return render(
        request,
        "workflow/application_detail.html",
        {
            "application": application,
            "full_iin": access.sees_full_iin(user),
            "course": application_course(application, user),
            "members": members,
            "income": income,
            "printed_documents": printed_documents(application, user),
            "documents": selectors.attached_documents(application),
            "document_form": DocumentForm() if access.can_register(user) else None,
            "awards": awards_of(application, user),
            "moves": selectors.application_moves(application),
            "change_log": application_change_log(application=application, user=user),
            "change_log_version": change_log_version(application.pk),
            "change_log_seconds": CHANGE_LOG_SECONDS,
        },
    )
