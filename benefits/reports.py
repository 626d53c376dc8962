"""Monitoring and accounting (p32): by category, okrug and month — applications, grants,
refusals with their grounds (p26), amounts awarded and paid. A handful of grouped queries,
however many rows the period holds."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from applications.cases.models import Application, Decision
from applications.reference.models import Category, Okrug

from .models import Award, ScheduledPayment

ZERO = Decimal("0.00")
Key = tuple[datetime.date, int | None, int]


@dataclass
class ReportRow:
    month: datetime.date
    okrug: str
    category: str
    applications: int = 0
    grants: int = 0
    refusals: int = 0
    grounds: dict[str, int] = field(default_factory=dict)
    awarded: Decimal = ZERO
    paid: Decimal = ZERO


@dataclass
class MonthBar:
    month: datetime.date
    awarded: Decimal
    paid: Decimal
    awarded_pct: int
    paid_pct: int


def _month(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _key(values: dict) -> Key:
    return (_month(values["month"]), values["okrug_id"], values["category_id"])


def report_rows(*, date_from: datetime.date, date_to: datetime.date) -> list[ReportRow]:
    """One row per month, okrug and category with anything in the period."""
    okrugs = dict(Okrug.objects.values_list("pk", "name_ru"))
    categories = {c.pk: f"п. {c.paragraph} — {c.name_ru}" for c in Category.objects.all()}
    rows: dict[Key, ReportRow] = {}

    def row(key: Key) -> ReportRow:
        if key not in rows:
            month, okrug_id, category_id = key
            rows[key] = ReportRow(
                month, okrugs.get(okrug_id, _("без округа")), categories[category_id]
            )
        return rows[key]

    for r in _applications(date_from, date_to):
        row(_key(r)).applications = r["n"]
    for r in _decisions(date_from, date_to):
        target = row(_key(r))
        if r["outcome"] == Decision.Outcome.GRANTED:
            target.grants += r["n"]
        else:
            target.refusals += r["n"]
            ground = Decision.Ground(r["ground"]).label if r["ground"] else "—"
            target.grounds[str(ground)] = target.grounds.get(str(ground), 0) + r["n"]
    for r in _awarded(date_from, date_to):
        row(_key(r)).awarded = r["s"] or ZERO
    for r in _paid(date_from, date_to):
        row(_key(r)).paid = r["s"] or ZERO
    return sorted(rows.values(), key=lambda r: (r.month, r.okrug, r.category))


def _applications(date_from, date_to):
    return (
        Application.objects.filter(registered_at__date__range=(date_from, date_to))
        .annotate(month=TruncMonth("registered_at"))
        .values("month", "okrug_id", "category_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def _decisions(date_from, date_to):
    return (
        Decision.objects.filter(decided_on__range=(date_from, date_to))
        .annotate(
            month=TruncMonth("decided_on"),
            okrug_id=F("application__okrug_id"),
            category_id=F("application__category_id"),
        )
        .values("month", "okrug_id", "category_id", "outcome", "ground")
        .annotate(n=Count("id"))
        .order_by()
    )


def _awarded(date_from, date_to):
    """What the awards decided in the month will pay, cancelled payments left out."""
    return (
        ScheduledPayment.objects.filter(award__decided_on__range=(date_from, date_to))
        .exclude(status=ScheduledPayment.Status.CANCELLED)
        .annotate(
            month=TruncMonth("award__decided_on"),
            okrug_id=F("award__okrug_id"),
            category_id=F("award__category_id"),
        )
        .values("month", "okrug_id", "category_id")
        .annotate(s=Sum("amount"))
        .order_by()
    )


def _paid(date_from, date_to):
    return (
        ScheduledPayment.objects.filter(
            status=ScheduledPayment.Status.PAID, paid_on__range=(date_from, date_to)
        )
        .annotate(
            month=TruncMonth("paid_on"),
            okrug_id=F("award__okrug_id"),
            category_id=F("award__category_id"),
        )
        .values("month", "okrug_id", "category_id")
        .annotate(s=Sum("amount"))
        .order_by()
    )


def month_bars(rows: list[ReportRow]) -> list[MonthBar]:
    """Awarded and paid per month, as percentages of the largest, for the CSS bar chart."""
    by_month: dict[datetime.date, list[Decimal]] = {}
    for r in rows:
        sums = by_month.setdefault(r.month, [ZERO, ZERO])
        sums[0] += r.awarded
        sums[1] += r.paid
    top = max([max(v) for v in by_month.values()] + [Decimal("1")])
    return [
        MonthBar(m, a, p, int(a * 100 / top), int(p * 100 / top))
        for m, (a, p) in sorted(by_month.items())
    ]


def report_totals(rows: list[ReportRow]) -> ReportRow:
    total = ReportRow(month=datetime.date.min, okrug="", category=_("Итого"))
    for r in rows:
        total.applications += r.applications
        total.grants += r.grants
        total.refusals += r.refusals
        total.awarded += r.awarded
        total.paid += r.paid
        for ground, n in r.grounds.items():
            total.grounds[ground] = total.grounds.get(ground, 0) + n
    return total


def report_table(rows: list[ReportRow]) -> Iterator[list]:
    """The report as a table for the XLSX file: header, rows, totals."""
    yield [
        _("Месяц"),
        _("Округ"),
        _("Категория"),
        _("Заявлений"),
        _("Назначено"),
        _("Отказано"),
        _("Основания отказов"),
        _("Сумма назначенного, ₸"),
        _("Выплачено, ₸"),
    ]
    for r in [*rows, report_totals(rows)]:
        month = "" if r.month == datetime.date.min else r.month.strftime("%m.%Y")
        grounds = "; ".join(f"{g}: {n}" for g, n in sorted(r.grounds.items()))
        yield [
            month,
            r.okrug,
            r.category,
            r.applications,
            r.grants,
            r.refusals,
            grounds,
            r.awarded,
            r.paid,
        ]


def awards_in_period(*, date_from: datetime.date, date_to: datetime.date):
    """Awards decided in the period, for the E-Sobes export's filter."""
    return Award.objects.filter(decided_on__range=(date_from, date_to))
