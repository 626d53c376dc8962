"""The steps of an application taken from its page: the step buttons, the decision form, the
notice form and the documents-requested form. Each view: one access gate, one service, a
message, a redirect."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from applications.cases import access
from applications.cases.decision_basis import income_threshold
from applications.cases.exceptions import ApplicationError
from applications.cases.models import Application, Decision
from applications.reference import rules
from benefits.exceptions import BenefitsError

from ..forms import DecisionForm, DocumentsRequestedForm, NoticeForm
from ..services import steps as workflow

# Steps taken by a plain button; the commissions' steps are taken by their own pages, the
# decision and the request of documents by the forms below.
BUTTON_STEPS = {
    "send_to_local": (
        workflow.application_send_to_local,
        gettext_lazy("Документы направлены в участковую комиссию."),
    ),
    "forward_to_authority": (
        workflow.application_forward_to_authority,
        gettext_lazy("Акт и заключение направлены в уполномоченный орган."),
    ),
    "send_to_special": (
        workflow.application_send_to_special,
        gettext_lazy("Доход рассчитан, пакет направлен в специальную комиссию."),
    ),
}


@login_required
@require_POST
def application_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    application = access.application_get_for(user=request.user, pk=pk)
    if step not in BUTTON_STEPS:
        raise Http404
    service, done = BUTTON_STEPS[step]
    try:
        service(application=application, actor=request.user)
    except (ApplicationError, BenefitsError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, str(done))
    return redirect(application)


def step_page(step: str):
    """A page of one step (p18-p25), called with the application the user may see: a role that
    never takes the step gets 403, a step not possible now sends the user back to the case with
    why."""

    def decorate(view):
        @login_required
        @functools.wraps(view)
        def page(request: HttpRequest, pk: int) -> HttpResponse:
            application = access.application_get_for(user=request.user, pk=pk)
            problem = _step_problem(application, request.user, step)
            if problem:
                messages.error(request, problem)
                return redirect(application)
            return view(request, application)

        return page

    return decorate


def _step_problem(application: Application, user, step: str) -> str | None:
    """403 for a user whose role never takes this step; otherwise why it cannot be taken now."""
    if not workflow.STEPS[step].allowed(user, application):
        raise PermissionDenied(workflow.STEPS[step].role_refusal)
    return workflow.STEPS[step].problem(application, user)


def _is_periodic(application: Application) -> bool:
    """The category's aid is paid over a period (p4: monthly, quarterly, half-yearly)."""
    rule = application.category.rule_on(application.registered_on)
    return bool(rule and rules.paid_over_a_period(rule.periodicity))


@step_page("decide")
def application_decide(request: HttpRequest, application: Application) -> HttpResponse:
    """The decision form (p24, p26): the ground is proposed from the facts."""
    initial = workflow.proposed_decision(application)
    form = DecisionForm(request.POST or None, initial=initial, periodic=_is_periodic(application))
    if request.method == "POST" and form.is_valid() and _decide(request, application, form):
        return redirect(application)
    return render(
        request,
        "applications/decision_form.html",
        {
            "application": application,
            "form": form,
            "proposed": initial["ground"],
            "conclusion": workflow.special_conclusion_of(application),
            "threshold": _threshold_or_none(application),
        },
    )


def _decide(request: HttpRequest, application: Application, form: DecisionForm) -> bool:
    """Take the decision the form asks for; a rule it breaks goes back onto the form."""
    data = form.cleaned_data
    try:
        decision = workflow.application_decide(
            application=application,
            actor=request.user,
            grant=data["outcome"] == Decision.Outcome.GRANTED,
            ground=data["ground"],
            comment=data["comment"],
            period_start=data.get("period_start"),
            period_end=data.get("period_end"),
        )
    except (ApplicationError, BenefitsError) as error:
        form.add_error(None, str(error))
        return False
    messages.success(
        request,
        _("Решение принято: %(o)s. Уведомить заявителя до %(d)s.")
        % {"o": decision.get_outcome_display(), "d": decision.notice_due.strftime("%d.%m.%Y")},
    )
    return True


def _threshold_or_none(application: Application):
    """The category's income test (p7(4), p8, p26(3)) beside the decision form, or why it
    cannot be computed (reference data missing), which the form shows instead."""
    try:
        return income_threshold(application)
    except BenefitsError as error:
        return {"missing": str(error)}


@step_page("mark_documents_requested")
def application_documents_requested(request: HttpRequest, application: Application) -> HttpResponse:
    """Record p20 or p21: the decision is then due in 20 working days instead of 8."""
    form = DocumentsRequestedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = workflow.application_mark_documents_requested(
                application=application, actor=request.user, reason=form.comment()
            )
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Срок решения продлён до %(d)s (20 рабочих дней).")
                % {"d": application.decision_due.strftime("%d.%m.%Y")},
            )
            return redirect(application)
    return render(
        request,
        "applications/documents_requested_form.html",
        {"application": application, "form": form},
    )


@step_page("notify")
def application_notify(request: HttpRequest, application: Application) -> HttpResponse:
    """Record how and when the applicant was notified of the decision (p25)."""
    form = NoticeForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            workflow.application_notify(
                application=application,
                actor=request.user,
                how=form.cleaned_data["how"],
                on=form.cleaned_data["on"],
            )
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Уведомление заявителю отмечено."))
            return redirect(application)
    return render(
        request, "applications/notice_form.html", {"application": application, "form": form}
    )
