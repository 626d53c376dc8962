"""Reads of the effective-dated reference figures."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from applications.reference.models import Category

from .models import Award, Budget, PaymentList, PaymentListItem, ScheduledPayment

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


def budget_dashboard(*, year: int) -> list:
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
class BudgetLine:
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


def award_list(
    *, q: str = "", status: str = "", category_id: int | None = None, okrug_id: int | None = None
) -> QuerySet[Award]:
    """Awards found by IIN or surname, status, category and okrug, with their joins inside."""
    qs = Award.objects.select_related("recipient", "category", "okrug")
    q = (q or "").strip()
    if q.isdigit():
        qs = qs.filter(recipient__iin__startswith=q)
    elif q:
        qs = qs.filter(recipient__surname__icontains=q)
    if status:
        qs = qs.filter(status=status)
    if category_id:
        qs = qs.filter(category_id=category_id)
    if okrug_id:
        qs = qs.filter(okrug_id=okrug_id)
    return qs.order_by("-decided_on", "-id")


def award_schedule(award: Award) -> QuerySet[ScheduledPayment]:
    return award.payments.prefetch_related("list_items__payment_list").order_by("due_on", "id")


def payment_lists() -> QuerySet[PaymentList]:
    """Payment lists with their row count and total, one query."""
    return (
        PaymentList.objects.select_related("created_by")
        .annotate(rows=Count("items"), total=Sum("items__amount"))
        .order_by("-created_at", "-id")
    )


def payment_list_bank_totals(payment_list: PaymentList) -> list[dict]:
    """Rows and sum per bank, and the list's overall figures at the end (p29)."""
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
