"""Reads of awards, payment lists and budgets (p27–p32): each page's querysets with their joins
inside, so that a page reads as many queries for N rows as for 2N."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from applications.reference.models import Category

from .models import (
    Award,
    Budget,
    BudgetOverride,
    PaymentList,
    PaymentListItem,
    Recovery,
    ScheduledPayment,
    Termination,
)
from .resources import EsobesPaymentResource

# --- awards, payments and budgets (p27–p31) -------------------------------------------------


def budget_committed(*, budget) -> Decimal:
    """What the programme's awards will pay in the budget's year: every scheduled payment due
    that year that is not cancelled (p31)."""
    total = (
        ScheduledPayment.objects.filter(
            award__category__programme=budget.programme, due_on__year=budget.year
        )
        .exclude(status=ScheduledPayment.Status.CANCELLED)
        .aggregate(s=Sum("amount"))["s"]
    )
    return total or Decimal("0.00")


def budget_paid(*, budget) -> Decimal:
    """What the programme's awards have paid out of the budget's year (p31)."""
    total = ScheduledPayment.objects.filter(
        award__category__programme=budget.programme,
        due_on__year=budget.year,
        status=ScheduledPayment.Status.PAID,
    ).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0.00")


@dataclass
class BudgetLine:
    """A programme's budget of a year beside what its awards committed and paid (p31)."""

    programme: str
    label: str
    budget: Budget | None
    committed: Decimal
    paid: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget.amount - self.committed

    @property
    def committed_pct(self) -> int:
        if self.budget is None or not self.budget.amount:
            return 0
        return min(100, int(self.committed * 100 / self.budget.amount))

    @property
    def paid_pct(self) -> int:
        if self.budget is None or not self.budget.amount:
            return 0
        return min(100, int(self.paid * 100 / self.budget.amount))


def budget_lines(*, year: int) -> list[BudgetLine]:
    """Each programme's budget of the year beside what is committed and paid (p31), in two
    grouped queries."""
    spent = (
        ScheduledPayment.objects.filter(due_on__year=year)
        .exclude(status=ScheduledPayment.Status.CANCELLED)
        .values("award__category__programme")
        .annotate(
            committed=Sum("amount"),
            paid=Sum("amount", filter=Q(status=ScheduledPayment.Status.PAID)),
        )
        .order_by()
    )
    figures = {r["award__category__programme"]: r for r in spent}
    budgets = {b.programme: b for b in Budget.objects.filter(year=year)}
    rows = []
    for programme, label in Category.Programme.choices:
        budget, got = budgets.get(programme), figures.get(programme, {})
        committed = got.get("committed") or Decimal("0.00")
        paid = got.get("paid") or Decimal("0.00")
        rows.append(BudgetLine(programme, label, budget, committed, paid))
    return rows


@dataclass
class BudgetYear:
    """The budget dashboard of a year (p31): each programme's line, and the overrides allowed."""

    lines: list[BudgetLine]
    overrides: QuerySet[BudgetOverride]


def budget_year(*, year: int) -> BudgetYear:
    return BudgetYear(lines=budget_lines(year=year), overrides=budget_overrides(year=year))


def budget_overrides(*, year: int) -> QuerySet[BudgetOverride]:
    """The awards allowed beyond the year's budgets (p31), with who allowed them and the award
    that used each."""
    return BudgetOverride.objects.filter(budget__year=year).select_related(
        "budget", "application", "award", "recorded_by"
    )


def award_list() -> QuerySet[Award]:
    """Awards, the latest decided first, with what the list shows of each (filters.AwardFilter
    narrows them)."""
    return Award.objects.select_related("recipient", "category", "okrug").order_by(
        "-decided_on", "-id"
    )


def award_search(queryset: QuerySet[Award], q: str) -> QuerySet[Award]:
    """Digits find by the start of the recipient's IIN, anything else by part of the surname."""
    q = (q or "").strip()
    if q.isdigit():
        return queryset.filter(recipient__iin__startswith=q)
    if q:
        return queryset.filter(recipient__surname__icontains=q)
    return queryset


@dataclass
class AwardPanels:
    """What an award's page shows below the award: its schedule, its termination (p27) and the
    overpayments to return with their repayments (p28)."""

    schedule: QuerySet[ScheduledPayment]
    termination: Termination | None
    recoveries: QuerySet[Recovery]


def award_panels(award: Award) -> AwardPanels:
    return AwardPanels(
        schedule=award_schedule(award),
        termination=Termination.objects.filter(award=award).select_related("recorded_by").first(),
        recoveries=award_recoveries(award),
    )


def award_schedule(award: Award) -> QuerySet[ScheduledPayment]:
    """The award's payments by due date, each with the payment list it went into (p29)."""
    return award.payments.prefetch_related("list_items__payment_list").order_by("due_on", "id")


def award_recoveries(award: Award) -> QuerySet[Recovery]:
    """The award's overpayments (p28), each with what is still owed (`outstanding`: the sum
    less its repayments, counted in the same query) and its repayments with who recorded
    them."""
    repaid = Coalesce(Sum("repayments__amount"), Value(Decimal("0.00")))
    return (
        award.recoveries.annotate(outstanding=F("amount") - repaid)
        .prefetch_related("repayments__recorded_by")
        .order_by("-opened_on", "-id")  # the model's order, which a grouped query drops
    )


def payment_lists() -> QuerySet[PaymentList]:
    """Payment lists with their row count and total, one query."""
    return (
        PaymentList.objects.select_related("created_by")
        .annotate(rows=Count("items"), total=Sum("items__amount"))
        .order_by("-created_at", "-id")
    )


@dataclass
class PaymentListPanels:
    """A payment list's page: rows and sum per bank with the list's overall figures (p29), and
    its rows."""

    banks: list[dict]
    rows: int
    total: Decimal
    items: QuerySet[PaymentListItem]
    settlement: list[dict]


def payment_list_panels(payment_list: PaymentList) -> PaymentListPanels:
    banks = payment_list_bank_totals(payment_list)
    return PaymentListPanels(
        banks=banks,
        rows=sum(b["rows"] for b in banks),
        total=sum((b["total"] for b in banks), start=Decimal("0")),
        items=payment_list_items(payment_list),
        settlement=payment_list_settlement(payment_list),
    )


def payment_list_settlement(payment_list: PaymentList) -> list[dict]:
    """What the bank answered (p29): rows and sum paid, returned and still outstanding, in
    that order, one query."""
    statuses = PaymentListItem.Status
    figures = PaymentListItem.objects.filter(payment_list=payment_list).aggregate(
        **{
            f"{status}_{name}": aggregate(
                "amount" if name == "total" else "id", filter=Q(status=status)
            )
            for status in statuses.values
            for name, aggregate in (("rows", Count), ("total", Sum))
        }
    )
    return [
        {
            "status": status,
            "label": label,
            "rows": figures[f"{status}_rows"],
            "total": figures[f"{status}_total"] or Decimal("0.00"),
        }
        for status, label in (
            (statuses.PAID, statuses.PAID.label),
            (statuses.RETURNED, statuses.RETURNED.label),
            (statuses.PENDING, statuses.PENDING.label),
        )
    ]


def payment_list_bank_totals(payment_list: PaymentList) -> list[dict]:
    """Rows and sum per bank (p29)."""
    return list(
        PaymentListItem.objects.filter(payment_list=payment_list)
        .values("bank__name")
        .annotate(rows=Count("id"), total=Sum("amount"))
        .order_by("bank__name")
    )


def payment_list_items(payment_list: PaymentList) -> QuerySet[PaymentListItem]:
    return (
        PaymentListItem.objects.filter(payment_list=payment_list)
        .select_related("bank", "payment__award__recipient", "payment__award__category")
        .order_by("bank__name", "id")
    )


def esobes_payments(*, date_from: datetime.date, date_to: datetime.date):
    """The scheduled payments of the awards decided in the period, as the E-Sobes export reads
    them (p32, docs/esobes_export.md)."""
    return (
        EsobesPaymentResource().get_queryset().filter(award__decided_on__range=(date_from, date_to))
    )
