"""Terms and figures of the open applications counted again (p18–p25, p22).

The administrator corrects the calendar (a holiday or a transferred day off, CalendarOverride)
after terms were already set: every open application's terms are then counted again on the
corrected calendar from the day its step began, and the per-capita income of the applications
awaiting a decision is recomputed from the family's incomes. Only rows whose values change are
written, each with a history row, in batches, so a region's open cases take seconds.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.utils import timezone

from applications.cases.models import (
    OPEN_STATUSES,
    Application,
    ApplicationTransition,
    Decision,
    FamilyMember,
    Income,
)
from applications.reference import rules
from zhanakorgan_aid.audit import history_rows_create

from . import steps as workflow

S = Application.Status
# The term of the step each status waits for, counted from the day the step began (p18–p23).
STEP_TERMS = {
    S.REGISTERED: rules.send_to_local_due,
    S.AT_LOCAL_COMMISSION: rules.survey_due,
    S.SURVEYED: rules.akim_forward_due,
    S.AT_AUTHORITY: rules.income_due,
    S.AT_SPECIAL_COMMISSION: rules.special_conclusion_due,
}
# The per-capita income is stored when the package goes to the special commission (p22).
INCOME_STORED = (S.AT_SPECIAL_COMMISSION, S.CONCLUDED)
BATCH = 2000
REASON = "Сроки и доход пересчитаны после изменения календаря"


@dataclass
class Recounted:
    applications: int = 0
    due_dates: int = 0
    decision_dues: int = 0
    notice_dues: int = 0
    incomes: int = 0


def terms_recompute(*, batch_size: int = BATCH) -> Recounted:
    """Count again the terms of every open application, and the per-capita income of those
    awaiting a decision; return how many values changed."""
    result = Recounted()
    ids = list(
        Application.objects.filter(status__among=OPEN_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            _recount(ids[start : start + batch_size], result)
    result.applications = len(ids)
    return result


def _recount(ids: list[int], result: Recounted) -> None:
    step_began = (
        ApplicationTransition.objects.filter(
            application=OuterRef("pk"), to_status=OuterRef("status")
        )
        .exclude(from_status=F("to_status"))
        .order_by("-at")
        .values("at")[:1]
    )
    applications = list(
        Application.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, status__among=OPEN_STATUSES)
        .annotate(step_began=Subquery(step_began))
        .order_by("pk")
    )
    decisions = {
        d.application_id: d
        for d in Decision.objects.select_for_update().filter(
            application__in=[a for a in applications if a.status in (S.GRANTED, S.REFUSED)]
        )
    }
    incomes = _per_capita([a for a in applications if a.status in INCOME_STORED])
    changed_apps, changed_decisions = [], []
    for app in applications:
        decision = decisions.get(app.pk)
        notice_before = decision.notice_due if decision is not None else None
        if _recount_one(app, decision, incomes, result):
            changed_apps.append(app)
        if decision is not None and decision.notice_due != notice_before:
            changed_decisions.append(decision)
    _write(Application, changed_apps, ["due_date", "decision_due", "per_capita_income"])
    _write(Decision, changed_decisions, ["notice_due"])


def _write(model, objects: list, fields: list[str]) -> None:
    """One prepared UPDATE run for all rows (far cheaper than bulk_update's CASE over
    thousands of ids), then their history rows in one insert."""
    if not objects:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [model._meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{connection.ops.quote_name(c.column)} = %s" for c in columns)
    rows = [
        [c.get_db_prep_save(getattr(obj, c.attname), connection) for c in columns] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)
    history_rows_create(model, objects, batch_size=BATCH, update=True, default_change_reason=REASON)


def _recount_one(app: Application, decision, incomes: dict, result: Recounted) -> bool:
    old = (app.due_date, app.decision_due, app.per_capita_income)
    if app.status in (S.GRANTED, S.REFUSED):
        if decision is not None:
            notice_due = rules.notice_due(decision.decided_on)
            result.notice_dues += decision.notice_due != notice_due
            decision.notice_due = app.due_date = notice_due
    else:
        tied_to_decision = app.due_date is not None and app.due_date == app.decision_due
        app.decision_due = workflow.decision_term(app)
        if app.status == S.CONCLUDED or tied_to_decision:
            # the decision is what the step waits for (p24): after a refused survey, after the
            # special commission, or where the term was extended (p20, p21)
            app.due_date = app.decision_due
        else:
            app.due_date = STEP_TERMS[app.status](_began(app))
        if app.pk in incomes:
            app.per_capita_income = incomes[app.pk]
    result.due_dates += app.due_date != old[0]
    result.decision_dues += app.decision_due != old[1]
    result.incomes += app.per_capita_income != old[2]
    return (app.due_date, app.decision_due, app.per_capita_income) != old


def _began(app: Application) -> datetime.date:
    if app.status == S.REGISTERED:
        return app.registered_on
    return timezone.localdate(app.step_began or app.status_changed_at)


def _per_capita(applications: list[Application]) -> dict[int, Decimal]:
    """p22 for many applications at once: the family's income of the quarter before the
    application's quarter / 3 months / members (selectors.per_capita_income, in two queries)."""
    if not applications:
        return {}
    families = {a.family_id for a in applications}
    members = dict(
        FamilyMember.objects.filter(family_id__in=families)
        .values_list("family_id")
        .annotate(n=Count("id"))
    )
    totals: dict = defaultdict(Decimal)
    for family_id, year, quarter, amount in (
        Income.objects.filter(member__family_id__in=families)
        .values_list("member__family_id", "year", "quarter")
        .annotate(s=Sum("amount"))
    ):
        totals[(family_id, year, quarter)] += amount
    return {
        app.pk: rules.per_capita_income(
            quarter_total=totals[(app.family_id, *rules.income_quarter(app.registered_on))],
            members=members.get(app.family_id, 0),
        )
        for app in applications
    }
