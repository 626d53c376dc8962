"""Spending within the district budget (p31): the block and the administrator's override."""

import datetime
from decimal import Decimal

import pytest

from benefits.exceptions import BudgetExceeded
from benefits.models import Award, BudgetOverride
from benefits.selectors import budget_committed
from benefits.services.budgets import budget_override_record, budget_set

D = datetime.date
pytestmark = pytest.mark.django_db


def test_award_beyond_what_remains_is_refused_with_remainder(grant):
    budget = budget_set(year=2022, programme="hardship", amount=Decimal("50000"))
    grant(amount="30000", decided_on=D(2022, 6, 1), mrp_value="3180")
    assert budget_committed(budget=budget) == Decimal("30000.00")
    with pytest.raises(BudgetExceeded) as refused:
        grant(amount="25000", decided_on=D(2022, 6, 2), mrp_value="3180")
    assert "остаток 20\u00a0000,00\u00a0₸" in str(refused.value)
    assert "требуется 25\u00a0000,00\u00a0₸" in str(refused.value)
    assert Award.objects.count() == 1


def test_override_with_reason_lets_one_award_through(grant, administrator):
    budget = budget_set(year=2022, programme="hardship", amount=Decimal("50000"))
    grant(amount="30000", decided_on=D(2022, 6, 1), mrp_value="3180")
    override = budget_override_record(
        budget=budget,
        amount=Decimal("5000"),
        reason="Пожар, решение акима района",
        actor=administrator,
    )
    award = grant(amount="25000", decided_on=D(2022, 6, 2), mrp_value="3180")
    override.refresh_from_db()
    assert override.award == award
    assert budget_committed(budget=budget) == Decimal("55000.00")
    with pytest.raises(BudgetExceeded):
        grant(amount="1000", decided_on=D(2022, 6, 3), mrp_value="3180")
    assert BudgetOverride.objects.filter(award__isnull=True).count() == 0


def test_monthly_award_checked_against_each_years_budget(grant):
    budget_set(year=2021, programme="hardship", amount=Decimal("1000000"))
    budget_set(year=2022, programme="hardship", amount=Decimal("20000"))
    with pytest.raises(BudgetExceeded, match="2022 год"):
        grant(
            "hardship-tuberculosis",
            amount="25000",
            decided_on=D(2021, 11, 1),
            mrp_value="2917",
            period=(D(2021, 11, 1), D(2022, 2, 28)),
        )
