"""Reads: lists and figures for pages, with their joins inside so query counts stay flat."""

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connections
from django.db.models import BooleanField, CharField, Func, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.lookups import StartsWith

from applications.reference import rules
from zhanakorgan_aid import roles
from zhanakorgan_aid.compiled import Statement, pk_in
from zhanakorgan_aid.display import in_kazakh, labels_of
from zhanakorgan_aid.links import pk_url

from .access import application_scope, scope_applications, scope_in_statement
from .models import (
    Application,
    ApplicationDocument,
    ApplicationTransition,
    Family,
    FamilyMember,
    Income,
    full_name,
)

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
}


def application_list(
    *,
    user,
    q: str = "",
    status: str = "",
    okrug_id: int | None = None,
    sort: str = "-registered",
) -> QuerySet[Application]:
    """Applications a user may see, found by IIN, name or number, by status and okrug."""
    qs = scope_applications(Application.objects.all(), user=user)
    q = (q or "").strip()
    if q:
        if q.isdigit() and len(q) == 12:
            # a subquery, not a join: a join over members would repeat rows and need DISTINCT,
            # which sorts the whole list before the page is cut (issue 9)
            members = FamilyMember.objects.filter(person__iin=q).values("family_id")
            qs = qs.filter(Q(applicant__iin=q) | Q(family_id__in=members))
        elif q.isdigit():
            qs = qs.filter(Q(number__icontains=q) | Q(applicant__iin__startswith=q))
        elif any(ch.isalpha() for ch in q):
            # Words of a name, each the beginning of the surname, name or patronymic (issue 9:
            # see _name_starts). A letter never occurs in an application number, so numbers
            # are not searched.
            for word in q.split():
                qs = qs.filter(_name_starts(word))
        else:
            qs = qs.filter(number__icontains=q)
    if status:
        qs = qs.filter(status=status)
    if okrug_id:
        qs = qs.filter(okrug_id=okrug_id)
    order = SORTS.get(sort, "-registered_at")
    # the tie-breaker runs the same way as the sort, so one index serves both directions
    tie = "-id" if order.startswith("-") else "id"
    return qs.select_related("applicant", "okrug", "category", "family").order_by(order, tie)


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


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    """An application as a row of the list or a work queue shows it. Read as plain values:
    building the application, its applicant, okrug and category as model objects cost three
    times the query for 25 rows (issue 9)."""

    pk: int
    number: str
    registered_at: datetime.datetime
    applicant: str  # the full name
    iin: str
    okrug: str  # the name in the interface language
    paragraph: str
    status: str
    due_date: datetime.date | None

    def get_absolute_url(self) -> str:
        return pk_url("workflow:application_detail", self.pk)

    def get_status_display(self) -> str:
        return labels_of(Application._meta.get_field("status")).get(self.status, self.status)


def application_rows(ids: list[int]) -> list[ApplicationRow]:
    """The rows of these applications, in the order of `ids` (one deleted meanwhile is left
    out), read by primary key alone: the ids were chosen under the page's scope and filters."""
    if not ids:
        return []
    found = {row.pk: row for row in rows_from(_rows_by_ids(in_kazakh()).fetch(ids=ids))}
    return [found[pk] for pk in ids if pk in found]


@functools.cache
def _rows_by_ids(kazakh: bool) -> Statement:
    """Built once per process and language: the ORM spent three times the query's own time
    building it for every page of a list (issue 9)."""
    return Statement(
        lambda v: (
            Application.objects.filter(pk_in(Application, v.ids))
            .order_by()
            .values_list(*row_fields(kazakh))
        ),
        ids=list,
    )


def latest_rows_for(user, n: int) -> list[ApplicationRow]:
    """The rows of the `n` applications the user may see that were registered last (the start
    page), by a statement built once per process for each kind of scope and language."""
    names = frozenset(roles.roles_of(user))
    statement = _latest_rows(names, user.okrug_id is not None, in_kazakh(), n)
    return [] if statement is None else rows_from(statement.fetch(okrug=user.okrug_id))


@functools.cache
def _latest_rows(names: frozenset[str], with_okrug: bool, kazakh: bool, n: int):
    if application_scope(names, 1 if with_okrug else None) is None:
        return None
    scope, slots = scope_in_statement(names, with_okrug)
    return Statement(
        lambda v: (
            Application.objects.filter(scope(v))
            .order_by("-registered_at", "-id")
            .values_list(*row_fields(kazakh))[:n]
        ),
        **slots,
    )


def row_fields(kazakh: bool) -> tuple[str, ...]:
    """The values an ApplicationRow is made of, as values_list() names them (the okrug's name
    in Kazakh or in Russian)."""
    return (
        "pk",
        "number",
        "registered_at",
        "applicant__surname",
        "applicant__name",
        "applicant__patronymic",
        "applicant__iin",
        "okrug__name_kk" if kazakh else "okrug__name_ru",
        "category__paragraph",
        "status",
        "due_date",
    )


def rows_from(values: Iterable[tuple]) -> list[ApplicationRow]:
    """ApplicationRows of value tuples in the order of row_fields()."""
    return [
        ApplicationRow(pk, number, at, full_name(surname, name, patronymic), *rest)
        for pk, number, at, surname, name, patronymic, *rest in values
    ]


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
