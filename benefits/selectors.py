"""Reads of the effective-dated reference figures."""

import datetime
from decimal import Decimal

from django.db.models import Sum

from .exceptions import ReferenceDataMissing
from .models import MRP, ScheduledPayment, SubsistenceMinimum


def mrp_on(on: datetime.date) -> MRP:
    """The MRP in force on a date (p30), mid-year changes included."""
    mrp = MRP.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if mrp is None:
        raise ReferenceDataMissing(f"МРП на {on:%d.%m.%Y} не задан")
    return mrp


def subsistence_minimum_on(on: datetime.date, *, scope: str) -> SubsistenceMinimum:
    row = (
        SubsistenceMinimum.objects.filter(scope=scope, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        raise ReferenceDataMissing(f"Прожиточный минимум ({scope}) на {on:%d.%m.%Y} не задан")
    return row


def mrp_amount(multiple: Decimal, on: datetime.date) -> Decimal:
    return (Decimal(multiple) * mrp_on(on).value).quantize(Decimal("0.01"))


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
