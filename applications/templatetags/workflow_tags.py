"""The workflow panel of the application page."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from applications import queues
from applications.models import Application, Decision
from applications.services import workflow
from zhanakorgan_aid import roles

register = template.Library()

BUTTONS = ("send_to_local", "forward_to_authority", "send_to_special", "notify")


def commission_link(name: str, application: Application) -> str | None:
    """The commissions' page for this application, when that page exists."""
    try:
        return reverse(name, args=[application.pk])
    except NoReverseMatch:
        return None


def commission_links(application: Application, user) -> dict:
    links = {}
    S = Application.Status
    if application.status == S.AT_LOCAL_COMMISSION and workflow.is_local_member_of_okrug(
        user, application
    ):
        links["survey"] = commission_link("commissions:survey", application)
    if application.status == S.AT_SPECIAL_COMMISSION and workflow.is_special_member(
        user, application
    ):
        links["special"] = commission_link("commissions:special_conclusion", application)
    return {k: v for k, v in links.items() if v}


@register.inclusion_tag("applications/_workflow_panel.html", takes_context=True)
def workflow_panel(context, application: Application) -> dict:
    user = context["request"].user
    steps = workflow.available_steps(application=application, user=user)
    names = {s.name for s in steps}
    try:
        decision = application.decision  # the page's view reads it beside the application
    except Decision.DoesNotExist:
        decision = None
    return {
        "application": application,
        "row": queues.row_for(application, timezone.localdate()),
        "buttons": [s for s in steps if s.name in BUTTONS],
        "can_decide": "decide" in names,
        "can_request_documents": "mark_documents_requested" in names,
        "links": commission_links(application, user),
        "decision": decision,
        "csrf_token": context.get("csrf_token"),
        "is_caseworker": roles.has_role(user, roles.CASEWORKER),
    }
