"""The application page (its summary, the course of the case with the steps the user may take,
the family and its income, the documents, the moves and the change log) and the application
list's content.

Both are read many times a day, so their text is rendered from fragments
(zhanakorgan_aid.fragments): the labels once per process and language, the values put in on
each view. What repeats (members, moves, documents) is printed in Python as the other tables
are (applications/templatetags/tables.py)."""

import functools

from django.middleware.csrf import get_token
from django.template.defaultfilters import filesizeformat, linebreaksbr
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.cases import access, selectors
from applications.cases.forms import DocumentForm
from applications.cases.history import application_change_log_html
from applications.cases.models import Application, ApplicationDocument, Decision
from applications.cases.templatetags.tables import member_rows, transition_rows
from commissions.panels import documents_panel
from zhanakorgan_aid import links
from zhanakorgan_aid.compiled import Statement
from zhanakorgan_aid.display import labels_of
from zhanakorgan_aid.fragments import Fragment
from zhanakorgan_aid.markup import dmy, dmy_hm, rows_html
from zhanakorgan_aid.templatetags.aid import money

from . import queues
from .services import steps as workflow

BODY = Fragment(
    "applications/_application_body.html",
    *(
        "number status due decision_due applicant_url applicant iin family_url family address"
        " okrug category channel registered_at registered_by event_date situation workflow"
        " member_count member_rows year quarter income_total income_members per_capita"
        " printed_documents documents upload_url csrf transitions change_log"
    ).split(),
    constants=lambda: {"document_form": DocumentForm()},
)

PANEL = Fragment(
    "applications/_workflow_panel.html",
    *(
        "due late left decision_due outcome decided_on decided_by amount period_start"
        " period_end ground decision_comment notified_on notice_due buttons decide_url"
        " documents_requested_url survey_url special_url"
    ).split(),
)

BUTTONS = ("send_to_local", "forward_to_authority", "send_to_special", "notify")
BUTTON = (
    '<form method="post" action="{}" class="inline" data-confirm="{}: {}?">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
    '<button type="submit" name="step" value="{}">{}</button></form>\n'
)
DOCUMENT = '<li><a href="{}">{}</a> ({}, {})</li>'


def application_body(request, application: Application) -> SafeString:
    """The page's content for this user."""
    user = request.user
    csrf = get_token(request)
    full_iin = access.sees_full_iin(user)
    members = selectors.members_with_incomes(application.family_id)
    income = selectors.per_capita_income(
        family=application.family, on=application.registered_on, members=members
    )
    documents = _documents().fetch(application=application.pk)
    applicant = application.applicant
    return BODY.render(
        {
            "number": application.number,
            "status": application.get_status_display(),
            "due": dmy(application.due_date),
            "decision_due": dmy(application.decision_due),
            "applicant_url": applicant.get_absolute_url(),
            "applicant": applicant.full_name,
            "iin": applicant.iin if full_iin else applicant.masked_iin,
            "family_url": application.family.get_absolute_url(),
            "family": application.family.reg_number,
            "address": application.family.address,
            "okrug": str(application.okrug),
            "category": str(application.category),
            "channel": application.get_channel_display(),
            "registered_at": dmy_hm(application.registered_at),
            "registered_by": str(application.registered_by or ""),
            "event_date": dmy(application.event_date),
            "situation": linebreaksbr(application.situation, autoescape=True),
            "workflow": workflow_panel(application, user, csrf),
            "member_count": len(members),
            "member_rows": member_rows(members, full_iin),
            "year": income.year,
            "quarter": income.quarter,
            "income_total": money(income.total),
            "income_members": income.members,
            "per_capita": money(income.per_capita),
            "printed_documents": documents_panel(application, user, csrf),
            "documents": _document_rows(application.pk, documents),
            "upload_url": links.url("applications:document_upload", application.pk),
            "csrf": csrf,
            "transitions": transition_rows(selectors.application_moves(application)),
            "change_log": application_change_log_html(application=application, user=user),
        },
        has_due=application.due_date is not None,
        has_decision_due=application.decision_due is not None,
        has_event_date=application.event_date is not None,
        has_documents=bool(documents),
    )


def workflow_panel(application: Application, user, csrf: str) -> SafeString:
    """The course of the case: the current step's term, the decision and its notice, and the
    buttons of the steps this user may take now."""
    steps = workflow.available_steps(application=application, user=user)
    names = {step.name for step in steps}
    try:
        decision = application.decision  # the page's view reads it beside the application
    except Decision.DoesNotExist:
        decision = None
    row = queues.row_for(application, timezone.localdate())
    bucket = row.bucket if row.due else None
    values = {
        "due": dmy(row.due),
        "late": ngettext(
            "просрочено на %(n)s рабочий день", "просрочено на %(n)s рабочих дн.", row.days_late
        )
        % {"n": row.days_late}
        if bucket == "overdue"
        else "",
        "left": ngettext(
            "остался %(n)s рабочий день", "осталось %(n)s рабочих дн.", row.working_days
        )
        % {"n": row.working_days}
        if bucket not in (None, "overdue", "today")
        else "",
        "decision_due": dmy(application.decision_due),
        "buttons": rows_html(
            BUTTON,
            (
                (
                    links.url("workflow:application_step", application.pk, step.name),
                    _("Подтвердите действие"),
                    step.label,
                    csrf,
                    step.name,
                    step.label,
                )
                for step in steps
                if step.name in BUTTONS
            ),
        ),
        # the links of the steps shown: an URL is built only for a button the user gets
        "decide_url": links.url("workflow:application_decide", application.pk)
        if "decide" in names
        else "",
        "documents_requested_url": links.url(
            "workflow:application_documents_requested", application.pk
        )
        if "mark_documents_requested" in names
        else "",
        "survey_url": "",
        "special_url": "",
        **_decision_values(decision),
    }
    S = Application.Status
    if application.status == S.AT_LOCAL_COMMISSION and workflow.is_local_member_of_okrug(
        user, application
    ):
        values["survey_url"] = _commission_link("workflow:survey", application)
    if application.status == S.AT_SPECIAL_COMMISSION and workflow.is_special_member(
        user, application
    ):
        values["special_url"] = _commission_link("workflow:special_conclusion", application)
    return PANEL.render(
        values,
        bucket=bucket,
        shows_decision_due=bool(application.decision_due and not decision),
        documents_requested=bool(application.documents_requested),
        decided=decision is not None,
        has_amount=decision is not None and decision.amount is not None,
        has_period=decision is not None and bool(decision.period_start),
        has_ground=decision is not None and bool(decision.ground),
        has_comment=decision is not None and bool(decision.comment),
        notified=decision is not None and bool(decision.notified_on),
        can_decide="decide" in names,
        can_request_documents="mark_documents_requested" in names,
        has_survey=bool(values["survey_url"]),
        has_special=bool(values["special_url"]),
    )


def _decision_values(decision: Decision | None) -> dict:
    if decision is None:
        return dict.fromkeys(
            "outcome decided_on decided_by amount period_start period_end ground"
            " decision_comment notified_on notice_due".split(),
            "",
        )
    return {
        "outcome": decision.get_outcome_display(),
        "decided_on": dmy(decision.decided_on),
        "decided_by": str(decision.decided_by or ""),
        "amount": money(decision.amount) if decision.amount is not None else "",
        "period_start": dmy(decision.period_start),
        "period_end": dmy(decision.period_end),
        "ground": decision.get_ground_display() if decision.ground else "",
        "decision_comment": decision.comment,
        "notified_on": dmy(decision.notified_on),
        "notice_due": dmy(decision.notice_due),
    }


def _commission_link(name: str, application: Application) -> str:
    """The commissions' page for this application, when that page exists."""
    try:
        return links.url(name, application.pk)
    except NoReverseMatch:
        return ""


def _document_rows(pk: int, documents: list[tuple]) -> SafeString:
    kinds = labels_of(ApplicationDocument._meta.get_field("kind"))
    return rows_html(
        DOCUMENT,
        (
            (
                links.url("applications:document_download", pk, doc_pk),
                kinds.get(kind, kind),
                content_type,
                filesizeformat(size),
            )
            for doc_pk, kind, content_type, size in documents
        ),
    )


@functools.cache
def _documents() -> Statement:
    return Statement(
        lambda v: (
            ApplicationDocument.objects.filter(application_id=v.application)
            .order_by("uploaded_at", "id")
            .values_list("pk", "kind", "content_type", "size")
        ),
        application=int,
    )
