"""Demo data for awards and payments: this year's budgets and a payment list of what is due,
built with the real services (called from seed_demo; idempotent)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from .exceptions import PaymentListError
from .models import Budget, PaymentList
from .services.budgets import budget_set
from .services.payments import payment_list_build

DEMO_BUDGETS = {  # tenge for a year, by programme (p31)
    "hardship": Decimal("60000000"),
    "memorial": Decimal("250000000"),
    "social_support": Decimal("40000000"),
    "education": Decimal("30000000"),
}


def demo_budgets_and_list(*, administrator) -> str:
    """Budgets of the current year where none is set, and one draft list of payments due."""
    today = timezone.localdate()
    for programme, amount in DEMO_BUDGETS.items():
        if not Budget.objects.filter(year=today.year, programme=programme).exists():
            budget_set(year=today.year, programme=programme, amount=amount, note="демо")
    if PaymentList.objects.exists():
        return "payment lists already present"
    try:
        built = payment_list_build(
            title=f"Выплаты по {today:%d.%m.%Y}",
            period_start=datetime.date(today.year, 1, 1),
            period_end=today,
            actor=administrator,
        )
    except PaymentListError as error:
        return str(error)
    return f"payment list «{built.title}»: {built.items.count()} rows"
