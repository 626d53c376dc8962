"""Spending stays within the district budget for the financial year (p31)."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from applications.reference.models import Category
from zhanakorgan_aid.templatetags.aid import format_money

from ..exceptions import BenefitsError, BudgetExceeded
from ..models import Budget, BudgetOverride
from ..selectors import budget_committed


def budget_set(*, year: int, programme: str, amount: Decimal, note: str = "") -> Budget:
    """Enter or correct the budget of a programme for a year (p31)."""
    budget, _ = Budget.objects.update_or_create(
        year=year, programme=programme, defaults={"amount": amount, "note": note}
    )
    return budget


@transaction.atomic
def budget_override_record(
    *, budget: Budget, amount: Decimal, reason: str, actor, application=None
) -> BudgetOverride:
    """An administrator allows one award to go beyond what remains, stating why (p31)."""
    if not reason.strip():
        raise BenefitsError(_("Укажите обоснование превышения бюджета."))
    return BudgetOverride.objects.create(
        budget=budget,
        amount=amount,
        reason=reason.strip(),
        recorded_by=actor,
        application=application,
    )


def budget_reserve(
    *, programme: str, due: Iterable[tuple[datetime.date, Decimal]], application=None
) -> list[BudgetOverride]:
    """Check that the payments `due` fit in each year's budget; return the overrides that let
    them in. Must run inside the award's transaction: budget rows are locked until commit, so
    two awards cannot both take the last tenge. A year without a budget entered is not checked.
    """
    by_year: dict[int, Decimal] = {}
    for on, amount in due:
        by_year[on.year] = by_year.get(on.year, Decimal("0")) + amount
    used = []
    for year, need in sorted(by_year.items()):
        budget = Budget.objects.select_for_update().filter(year=year, programme=programme).first()
        if budget is None:
            continue
        remaining = budget.amount - budget_committed(budget=budget)
        if need > remaining:
            used.append(
                _override_for(
                    budget=budget, need=need, remaining=remaining, application=application
                )
            )
    return used


def _override_for(*, budget: Budget, need: Decimal, remaining: Decimal, application):
    excess = need - remaining
    override = (
        BudgetOverride.objects.select_for_update()
        .filter(budget=budget, award__isnull=True, amount__gte=excess)
        .filter(Q(application=application) | Q(application__isnull=True))
        .order_by(F("application_id").asc(nulls_last=True), "amount")
        .first()
    )
    if override is None:
        programme = Category.Programme(budget.programme).label
        raise BudgetExceeded(
            _(
                "Бюджет программы «%(p)s» на %(y)s год исчерпан: остаток %(r)s, требуется %(n)s "
                "(не хватает %(e)s). Превышение возможно только с разрешения администратора с "
                "обоснованием."
            )
            % {
                "p": programme,
                "y": budget.year,
                "r": format_money(remaining),
                "n": format_money(need),
                "e": format_money(excess),
            }
        )
    return override
