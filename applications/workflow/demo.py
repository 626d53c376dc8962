"""Demo data for the workflow: move some demo applications along their path with the real
services, so the queues, the dashboard and the history show every step (used by seed_demo)."""

from decimal import Decimal

from django.utils import timezone

from applications.cases.models import Application
from applications.reference import rules
from applications.reference.selectors import mrp_on
from applications.workflow.services.commissions import (
    application_local_conclusion_record,
    application_special_conclusion_record,
)
from benefits.exceptions import BenefitsError
from commissions.services.documents import notice_issue
from commissions.services.survey import survey_act_record

from .services import steps as workflow

S = Application.Status
# How far each demo application goes, in turn: stays registered, at the local commission,
# surveyed, at the special commission, concluded, decided, notified.
STAGES = ("registered", "at_local", "surveyed", "at_special", "concluded", "decided", "notified")


def advance_demo_applications(users: dict) -> int:
    """Move registered demo applications of okrugs that have demo akims and local commissions;
    applications moved before are left alone (the command may run again)."""
    demo = Application.objects.filter(family__reg_number__startswith="DEMO-")
    if demo.exclude(status=S.REGISTERED).exists():
        return 0
    okrug_ids = [users[name].okrug_id for name in ("local_zhanakorgan", "local_shalkiya")]
    apps = (
        demo.filter(okrug_id__in=okrug_ids)
        .select_related("okrug", "family", "applicant", "category")
        .order_by("number")
    )
    moved = 0
    for index, application in enumerate(apps):
        stage = STAGES[index % len(STAGES)]
        if stage != "registered":
            _advance(application, stage, users)
            moved += 1
    return moved


def _people(application: Application, users: dict) -> dict:
    suffix = "zhanakorgan" if application.okrug.kato == "434030000" else "shalkiya"
    return {
        "akim": users[f"akim_{suffix}"],
        "local": users[f"local_{suffix}"],
        "caseworker": users["caseworker"],
        "special": users["special_chair"],
    }


def _advance(application: Application, stage: str, users: dict) -> None:
    who = _people(application, users)
    sender = who["akim"] if application.channel == Application.Channel.AKIM else who["caseworker"]
    application = workflow.application_send_to_local(application=application, actor=sender)
    if stage == "at_local":
        return
    today = timezone.localdate()
    survey_act_record(
        application=application,
        actor=who["local"],
        surveyed_on=today,
        place=application.okrug.centre_ru or application.okrug.name_ru,
    )
    application_local_conclusion_record(
        application=application,
        actor=who["local"],
        need=True,
        number=f"УК-{application.number}",
        concluded_on=today,
        documents_count=4,
        received_by="",
    )
    application.refresh_from_db()
    if application.status == S.SURVEYED:
        if stage == "surveyed":
            return
        application = workflow.application_forward_to_authority(
            application=application, actor=who["akim"]
        )
    if stage == "surveyed":
        return
    application = workflow.application_send_to_special(
        application=application, actor=who["caseworker"]
    )
    if stage == "at_special":
        return
    _conclude_and_decide(application, stage, who)


def _conclude_and_decide(application: Application, stage: str, who: dict) -> None:
    proposed = workflow.proposed_ground(application)
    application_special_conclusion_record(
        application=application,
        actor=who["special"],
        need=not proposed,
        amount=None if proposed else _demo_amount(application),
    )
    if stage == "concluded":
        return
    application.refresh_from_db()
    rule = application.category.rule_on(application.registered_on)
    periodic = not proposed and rules.paid_over_a_period(rule.periodicity)
    try:
        workflow.application_decide(
            application=application,
            actor=who["caseworker"],
            grant=not proposed,
            ground=proposed,
            period_start=_month_start() if periodic else None,
            period_end=_month_start().replace(month=12, day=31) if periodic else None,
        )
    except BenefitsError:
        return  # e.g. the demo budget is spent: the application stays concluded
    if stage == "notified":
        notice_issue(application=application, actor=who["caseworker"])
        workflow.application_notify(
            application=application, actor=who["caseworker"], how="in_person"
        )


def _month_start():
    return timezone.localdate().replace(day=1)


def _demo_amount(application: Application) -> Decimal:
    """Half of the category's cap, which every demo category allows."""

    rule = application.category.rule_on(application.registered_on)
    multiple = rule.mrp_multiple or Decimal("10")
    return rules.mrp_amount(multiple / 2, mrp_on(timezone.localdate()).value)
