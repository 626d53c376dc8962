"""Reads for the work queues: what waits for whom (by role and okrug) and by when, the district
dashboard, the overdue report. Joins are inside, so a page's queries do not grow with its rows;
days left or late are counted in working days (workdays.py)."""

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.query import EmptyQuerySet
from django.urls import reverse
from django.utils import timezone

from applications.cases import pagination, selectors
from applications.cases.models import OPEN_STATUSES, Application
from applications.reference.models import Okrug
from applications.reference.workdays import working_days_between
from zhanakorgan_aid import roles
from zhanakorgan_aid.display import in_kazakh

S = Application.Status
OPEN = OPEN_STATUSES

# Whose move it is in each status (DESIGN.md, the path table): role, and whether the role acts
# only in the application's okrug.
CASEWORKER_WAITS = Q(status=S.REGISTERED, channel=Application.Channel.AUTHORITY) | Q(
    status__in=[S.AT_AUTHORITY, S.CONCLUDED, S.GRANTED, S.REFUSED]
)
AKIM_WAITS = Q(status=S.REGISTERED, channel=Application.Channel.AKIM) | Q(status=S.SURVEYED)
LOCAL_WAITS = Q(status=S.AT_LOCAL_COMMISSION)
SPECIAL_WAITS = Q(status=S.AT_SPECIAL_COMMISSION)


def waiting_for(user) -> Q | None:
    """The condition on applications whose next step is this user's, or None."""
    return _waiting(roles.roles_of(user), user.okrug_id)


def _waiting(names: Collection[str], okrug_id) -> Q | None:
    conditions = []
    if roles.CASEWORKER in names:
        conditions.append(CASEWORKER_WAITS)
    if roles.SPECIAL_COMMISSION in names:
        conditions.append(SPECIAL_WAITS)
    if okrug_id:
        if roles.AKIM_OFFICE in names:
            conditions.append(AKIM_WAITS & Q(okrug_id=okrug_id))
        if roles.LOCAL_COMMISSION in names:
            conditions.append(LOCAL_WAITS & Q(okrug_id=okrug_id))
    if not conditions:
        return None
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def application_queue(*, user) -> QuerySet[Application]:
    """Applications waiting for this user's step, the nearest term first."""
    condition = waiting_for(user)
    if condition is None:
        return Application.objects.none()
    return Application.objects.filter(condition).order_by("due_date", "registered_at", "id")


@dataclass(frozen=True)
class QueueRow:
    application: "Application | dict"
    due: datetime.date | None
    working_days: int  # left (upcoming) or late (overdue); 0 when due today

    @property
    def bucket(self) -> str:
        if self.due is None:
            return "upcoming"
        if self.working_days < 0:
            return "overdue"
        return "today" if self.working_days == 0 else "upcoming"

    @property
    def days_late(self) -> int:
        return -self.working_days

    @property
    def step_url(self) -> str:
        """The page of the step the application waits for (step_url)."""
        return step_url(self.application)


# The page of each status's waiting step that has one (the local commission's survey, the
# special commission's conclusion, the decision, the notice); the steps taken by a button
# (send to the local commission, forward to the authorized body, send to the special
# commission) are on the application's page, by its path panel.
STEP_PAGES = {
    S.AT_LOCAL_COMMISSION: "workflow:survey",
    S.AT_SPECIAL_COMMISSION: "workflow:special_conclusion",
    S.CONCLUDED: "workflow:application_decide",
    S.GRANTED: "workflow:application_notify",
    S.REFUSED: "workflow:application_notify",
}


def step_url(application) -> str:
    """Where a queue's row leads: the page of the step the application waits for, or its path
    panel on the application's page (an application as a model or a row of plain values)."""
    if isinstance(application, dict):
        pk, status = application["pk"], application["status"]
    else:
        pk, status = application.pk, application.status
    page = STEP_PAGES.get(status)
    if page is None:
        return reverse("workflow:application_detail", args=[pk]) + "#workflow"
    return reverse(page, args=[pk])


def row_for(application, on: datetime.date) -> QueueRow:
    """The term of an application (a model, or a row as selectors.application_rows reads it)
    and the working days left or late."""
    due = application["due_date"] if isinstance(application, dict) else application.due_date
    if due is None:
        return QueueRow(application, None, 0)
    if due < on:
        # Late by the working days that have passed since the term ended (at least one).
        return QueueRow(application, due, -max(working_days_between(due, on), 1))
    return QueueRow(application, due, working_days_between(on, due))


QUEUE_ROWS = 10  # rows shown per bucket; the counts beside them are exact (issue 9: a region's
# queue holds tens of thousands of open cases, and the start page must not load them all)


def queue_for(*, user, on: datetime.date) -> dict:
    """The user's queue split into overdue, due today and upcoming: the nearest QUEUE_ROWS terms
    of each bucket (cases without a term after the upcoming ones), and under "counts" how many
    each bucket holds (p18-p25: the terms of the steps). The ids of each bucket's rows are read
    first, and their rows with what a row shows by primary key after: a region's queue holds
    thousands of cases in a bucket, none of which is joined before it is cut."""
    nearest = nearest_ids(nearest_terms(user=user, on=on))
    ids = [pk for bucket in nearest.values() for pk in bucket]
    rows = {row["pk"]: row for row in selectors.application_rows_by_id(ids)}
    queue = {
        name: [row_for(row, on) for row in in_queue_order(rows[pk] for pk in ids if pk in rows)]
        for name, ids in nearest.items()
    }
    upcoming = queue.pop("upcoming") + queue.pop("undated")
    buckets = {
        "overdue": Q(due_date__lt=on),
        "today": Q(due_date=on),
        "upcoming": Q(due_date__gt=on) | Q(due_date__isnull=True),
    }
    counts = _bucket_counts(application_queue(user=user), buckets, user=user, on=on)
    return {**queue, "upcoming": upcoming[:QUEUE_ROWS], "counts": counts}


def nearest_terms(*, user, on: datetime.date) -> dict[str, QuerySet]:
    """The ids of the QUEUE_ROWS nearest terms before the day, on it and after it, and of the
    first cases without a term, in the queue's order. Open cases only, in the words of the
    open-cases index's condition (field__among writes them as literals): that index carries
    status, channel and okrug, so it serves every bucket alone, even in a plan PostgreSQL
    keeps prepared."""
    ids = application_queue(user=user).filter(status__among=OPEN).values_list("pk", flat=True)
    return {
        "overdue": ids.filter(due_date__lt=on)[:QUEUE_ROWS],
        "today": ids.filter(due_date=on)[:QUEUE_ROWS],
        "upcoming": ids.filter(due_date__gt=on)[:QUEUE_ROWS],
        "undated": ids.filter(due_date__isnull=True)[:QUEUE_ROWS],
    }


def in_queue_order(rows) -> list[dict]:
    """Rows in the queue's order: the nearest term first, then as registered."""
    return sorted(
        rows,
        key=lambda row: (
            row["due_date"] is None,
            row["due_date"] or datetime.date.min,
            row["registered_at"],
            row["pk"],
        ),
    )


def nearest_ids(buckets: dict[str, QuerySet]) -> dict[str, list[int]]:
    """Each bucket's ids. Where the database takes a limit and an order in each part of a
    UNION (PostgreSQL), the four buckets are read in one round trip: UNION ALL of the four
    cuts, each row marked with its bucket; elsewhere (SQLite) a query each."""
    if not connection.features.supports_slicing_ordering_in_compound:
        return {name: list(ids) for name, ids in buckets.items()}
    marked = [
        ids.annotate(bucket=Value(name)).values_list("bucket", "pk")
        for name, ids in buckets.items()
        if not isinstance(ids, EmptyQuerySet)  # a role without a queue: none()
    ]
    found: dict[str, list[int]] = {name: [] for name in buckets}
    if marked:
        rows = marked[0].union(*marked[1:], all=True).order_by() if len(marked) > 1 else marked[0]
        for name, pk in rows:
            found[name].append(pk)
    return found


def _bucket_counts(queue: QuerySet, buckets: dict, *, user, on: datetime.date) -> dict:
    """How many cases each bucket holds. A district's queue holds hundreds and is counted on
    every request. A region's caseworker queue holds over ten thousand, and counting them
    takes longer than the rest of the page: like a long list's count (pagination.py), a total
    of LARGE_COUNT or more is kept in the shared cache for COUNT_SECONDS, under the queue's
    roles, okrug and day."""
    key = "queue-counts:{}:{}:{}".format(
        on.isoformat(), ",".join(sorted(roles.roles_of(user))), user.okrug_id
    )
    cached = cache.get(key)
    if cached is not None:
        return cached
    # status among the open ones: the form of the index's condition, so the count is read from
    # the open-cases index alone (an index-only scan of a few thousand entries)
    counts = (
        queue.order_by()
        .filter(status__among=OPEN)
        .aggregate(**{name: Count("id", filter=condition) for name, condition in buckets.items()})
    )
    if sum(counts.values()) >= pagination.LARGE_COUNT:
        cache.set(key, counts, pagination.COUNT_SECONDS)
    return counts


@dataclass(frozen=True)
class DashboardRow:
    okrug: str
    by_status: list[int]
    total: int
    overdue: int
    okrug_id: int | None = None  # the list of its overdue cases is filtered by it


DASHBOARD_SECONDS = 60
DASHBOARD_AGE = datetime.timedelta(seconds=DASHBOARD_SECONDS)


def dashboard_counts(*, on: datetime.date) -> tuple[dict, dict, datetime.datetime]:
    """Applications per okrug and step, and overdue per okrug (two queries). Counting a
    region's half a million applications takes a noticeable part of a second, so the figures
    are kept in the shared cache for a minute; the page says when they were counted."""
    key = f"dashboard-counts:{on.isoformat()}"
    cached = cache.get(key)
    # The minute is counted from counted_at as well: Redis expires an entry by its own clock.
    if cached is not None and timezone.now() - cached[2] < DASHBOARD_AGE:
        return cached
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in Application.objects.values("okrug_id", "status").annotate(n=Count("id")):
        counts[row["okrug_id"]][row["status"]] = row["n"]
    overdue = dict(
        Application.objects.filter(status__among=OPEN, due_date__lt=on)
        .values_list("okrug_id")
        .annotate(n=Count("id"))
    )
    result = (dict(counts), overdue, timezone.now())
    cache.set(key, result, DASHBOARD_SECONDS)
    return result


def dashboard(*, on: datetime.date) -> dict:
    """Applications per step and overdue per okrug across the district."""
    statuses = list(S)
    counts, overdue, counted_at = dashboard_counts(on=on)
    names = dict(
        Okrug.objects.filter(pk__in=counts).values_list(
            "pk", "name_kk" if in_kazakh() else "name_ru"
        )
    )
    rows = [
        DashboardRow(
            names[pk], [by.get(s, 0) for s in statuses], sum(by.values()), overdue.get(pk, 0), pk
        )
        for pk, by in counts.items()
    ]
    rows.sort(key=lambda r: (-r.overdue, r.okrug))
    totals = [sum(r.by_status[i] for r in rows) for i in range(len(statuses))]
    return {
        "statuses": statuses,
        "rows": rows,
        "totals": totals,
        "total": sum(totals),
        "overdue": sum(r.overdue for r in rows),
        "counted_at": counted_at,
    }


def overdue_applications(*, on: datetime.date) -> QuerySet[Application]:
    return (
        Application.objects.filter(status__among=OPEN, due_date__lt=on)
        .select_related("okrug", "applicant")
        .order_by("due_date", "number")
    )


def responsible_users(applications) -> dict:
    """For each application, the active users whose step it waits for (two queries)."""
    users = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[
                roles.CASEWORKER,
                roles.AKIM_OFFICE,
                roles.LOCAL_COMMISSION,
                roles.SPECIAL_COMMISSION,
            ],
        )
        .prefetch_related("groups")
        .distinct()
    )
    by_role: dict[tuple[str, int | None], list] = defaultdict(list)
    for user in users:
        for group in user.groups.all():
            by_role[(group.name, None)].append(user)
            if user.okrug_id:
                by_role[(group.name, user.okrug_id)].append(user)
    return {a.pk: _responsible(a, by_role) for a in applications}


def _responsible(application: Application, by_role) -> list:
    status, okrug = application.status, application.okrug_id
    if status == S.AT_LOCAL_COMMISSION:
        return by_role[(roles.LOCAL_COMMISSION, okrug)]
    if status == S.SURVEYED or (
        status == S.REGISTERED and application.channel == Application.Channel.AKIM
    ):
        return by_role[(roles.AKIM_OFFICE, okrug)]
    if status == S.AT_SPECIAL_COMMISSION:
        return by_role[(roles.SPECIAL_COMMISSION, None)]
    return by_role[(roles.CASEWORKER, None)]
