"""Reads: lists and figures for pages, with their joins inside so query counts stay flat."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import connections
from django.db.models import BooleanField, CharField, Func, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.lookups import StartsWith
from django.utils import timezone

from applications.reference import rules
from zhanakorgan_aid.display import in_kazakh

from .access import scope_applications
from .models import (
    OPEN_STATUSES,
    Application,
    ApplicationDocument,
    ApplicationTransition,
    Family,
    FamilyMember,
    Income,
    application_url,
    full_name,
)

# The application list's orders, as its `sort` parameter names them (bookmarks keep them), and
# the field each sorts by. Every one has an index ending in id (models.Application.Meta).
SORTS = {
    "number": "number",
    "-number": "-number",
    "registered": "registered_at",
    "-registered": "-registered_at",
    "status": "status",
    "-status": "-status",
    "due": "due_date",
    "-due": "-due_date",
    "applicant": "applicant__surname",
    "-applicant": "-applicant__surname",
    "okrug": "okrug__name_ru",
    "-okrug": "-okrug__name_ru",
    "category": "category__paragraph",
    "-category": "-category__paragraph",
}
DEFAULT_SORT = "-registered"


def application_order(qs: QuerySet[Application], sort: str) -> QuerySet[Application]:
    """The list in the order `sort` names (the newest first for one it does not know), ties by
    id the same way round, so that one index serves both directions and a page can continue
    from a row (pagination.py)."""
    order = SORTS.get(sort) or SORTS[DEFAULT_SORT]
    tie = "-id" if order.startswith("-") else "id"
    return qs.order_by(order, tie)


def application_overdue(qs: QuerySet[Application], *, on: datetime.date) -> QuerySet[Application]:
    """The applications still on their path whose current step's term (p18-p25) ended before
    `on`: the open statuses written as literals, as the open-cases index's condition is."""
    return qs.filter(status__among=OPEN_STATUSES, due_date__lt=on)


def is_overdue(*, status: str, due_date: datetime.date | None, on: datetime.date) -> bool:
    """A row of the list is overdue as application_overdue finds it."""
    return status in OPEN_STATUSES and due_date is not None and due_date < on


def application_registered_between(
    qs: QuerySet[Application], *, start: datetime.date | None, end: datetime.date | None
) -> QuerySet[Application]:
    """Applications registered from the day `start` to the day `end`, both included, as days in
    the office's time zone: compared as moments, so the registration index serves it."""
    if start:
        qs = qs.filter(registered_at__gte=_day_starts(start))
    if end:
        qs = qs.filter(registered_at__lt=_day_starts(end + datetime.timedelta(days=1)))
    return qs


def _day_starts(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def application_search(qs: QuerySet[Application], q: str) -> QuerySet[Application]:
    """Applications found by what was typed in the search box: a whole IIN (the applicant's or a
    member's of the family), the digits of a number or the beginning of an IIN, or words of the
    applicant's name (each the beginning of the surname, name or patronymic, in any case)."""
    q = (q or "").strip()
    if not q:
        return qs
    if q.isdigit() and len(q) == 12:
        # a subquery, not a join: a join over members would repeat rows and need DISTINCT,
        # which sorts the whole list before the page is cut (issue 9)
        members = FamilyMember.objects.filter(person__iin=q).values("family_id")
        return qs.filter(Q(applicant__iin=q) | Q(family_id__in=members))
    if q.isdigit():
        return qs.filter(Q(number__icontains=q) | Q(applicant__iin__startswith=q))
    if any(ch.isalpha() for ch in q):
        # A letter never occurs in an application number, so numbers are not searched.
        for word in q.split():
            qs = qs.filter(_name_starts(word))
        return qs
    return qs.filter(number__icontains=q)


def _name_starts(word: str) -> Q | RawSQL:
    """The applicant's surname, name or patronymic begins with `word`, in any case. On
    PostgreSQL, on the application's own `applicant_key` (migration 0012): a common word is
    checked on each row the list's index walk reads, a rare one found by the key's trigram
    index, and no applicant is looked up for either. Elsewhere on the person's names. (The
    column is named with its table: the condition belongs to the list's own query, not to one
    nested in another, where Django would give the table another alias.)"""
    connection = connections[Application.objects.db]
    if connection.vendor != "postgresql":
        # SQLite's LIKE and UPPER fold Latin letters only: «ахмет» would not find «Ахметов»
        capitals = word.upper()
        return (
            Q(StartsWith(UnicodeUpper("applicant__surname"), capitals))
            | Q(StartsWith(UnicodeUpper("applicant__name"), capitals))
            | Q(StartsWith(UnicodeUpper("applicant__patronymic"), capitals))
        )
    column = f"{connection.ops.quote_name(Application._meta.db_table)}.applicant_key"
    pattern = connection.ops.prep_for_like_query(word) + "%"
    return RawSQL(f"{column} LIKE '%%|' || UPPER(%s)", [pattern], output_field=BooleanField())


class UnicodeUpper(Func):
    """Text in capitals by Python's rules, every alphabet's letters (SQLite only: the function
    add_unicode_upper gives each SQLite connection; PostgreSQL's UPPER does this itself)."""

    function = "UNICODE_UPPER"
    output_field = CharField()


def add_unicode_upper(sender, connection, **kwargs) -> None:
    """On a new SQLite connection, UNICODE_UPPER(text): str.upper, Cyrillic and Kazakh too."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "UNICODE_UPPER",
            1,
            lambda text: None if text is None else text.upper(),
            deterministic=True,
        )


# What a row of the list, of a work queue or of the start page's latest applications shows.
ROW_VALUES = (
    "pk",
    "number",
    "registered_at",
    "status",
    "due_date",
    "applicant__surname",
    "applicant__name",
    "applicant__patronymic",
    "applicant__iin",
    "okrug__name_ru",
    "okrug__name_kk",
    "category__paragraph",
    "channel",
)


def application_rows(applications: QuerySet[Application]) -> list[dict]:
    """The applications as rows of a list, plain values rather than models (a page of them is
    read as one query, with no model built for the applicant, okrug and category): number and
    its address, registration, applicant and IIN, the okrug in the user's language, the
    category's paragraph, status and term."""
    okrug = "okrug__name_kk" if in_kazakh() else "okrug__name_ru"
    today = timezone.localdate()
    return [
        {
            "pk": row["pk"],
            "url": application_url(row["pk"]),
            "number": row["number"],
            "registered_at": row["registered_at"],
            "applicant": full_name(
                row["applicant__surname"], row["applicant__name"], row["applicant__patronymic"]
            ),
            "iin": row["applicant__iin"],
            "okrug": row[okrug],
            "paragraph": row["category__paragraph"],
            "status": row["status"],
            "due_date": row["due_date"],
            "overdue": is_overdue(status=row["status"], due_date=row["due_date"], on=today),
            "channel": row["channel"],
        }
        for row in applications.values(*ROW_VALUES)
    ]


def application_rows_by_id(ids: list[int]) -> list[dict]:
    """The rows of these applications in the order of `ids` (one deleted meanwhile is left
    out), read by primary key: the ids were chosen under the list's scope and filters."""
    found = {row["pk"]: row for row in application_rows(Application.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]


def latest_applications(*, user, n: int) -> list[dict]:
    """The rows of the `n` applications the user may see that were registered last."""
    visible = scope_applications(Application.objects.all(), user=user)
    return application_rows(visible.order_by("-registered_at", "-id")[:n])


def application_moves(application: Application) -> QuerySet[ApplicationTransition]:
    """The application's moves, oldest first, each with who made it (p16-p25)."""
    return application.transitions.select_related("actor").order_by("at", "id")


def attached_documents(application: Application) -> QuerySet[ApplicationDocument]:
    """The scans attached to the application (p16: the documents brought with it), oldest
    first."""
    return application.documents.order_by("uploaded_at", "id")


@dataclass(frozen=True)
class PerCapitaIncome:
    """p22: the family's income of the quarter before the application's quarter / 3 / members."""

    year: int
    quarter: int
    total: Decimal
    members: int
    per_capita: Decimal
    rows: list


def family_members_with_incomes(family: Family) -> QuerySet[FamilyMember]:
    """The family's members with their persons, each with its incomes as `income_list` (every
    quarter, oldest first)."""
    return (
        family.members.select_related("person")
        .prefetch_related(Prefetch("incomes", to_attr="income_list"))
        .order_by("-relation", "id")
    )


def per_capita_income(*, family: Family, on, members: list | None = None) -> PerCapitaIncome:
    """Average monthly income per member for the quarter before the quarter of `on` (p22).

    `members`, when given, are the family's members as family_members_with_incomes reads them
    (a page that shows them anyway): the figures are then taken from them, with no query."""
    year, quarter = rules.income_quarter(on)
    if members is not None:
        rows = sorted(
            (
                income
                for member in members
                for income in member.income_list
                if (income.year, income.quarter) == (year, quarter)
            ),
            key=lambda income: (income.member_id, income.kind),
        )
        return _per_capita(year, quarter, rows, len(members))
    rows = list(
        Income.objects.filter(member__family=family, year=year, quarter=quarter)
        .select_related("member__person")
        .order_by("member_id", "kind")
    )
    return _per_capita(year, quarter, rows, family.members.count())


def _per_capita(year: int, quarter: int, rows: list, members: int) -> PerCapitaIncome:
    total = sum((row.amount for row in rows), Decimal("0"))
    per_capita = rules.per_capita_income(quarter_total=total, members=members)
    return PerCapitaIncome(year, quarter, total, members, per_capita, rows)
