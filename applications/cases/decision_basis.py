"""What a decision rests on, frozen into Decision.basis on the day it is taken (p22, p24, p26):
family composition, the incomes of the quarter before the application's quarter, per-capita
income, the category's threshold, the MRP in force. Later changes to the family's records do
not touch it."""

import datetime
from decimal import Decimal

from applications.reference import rules
from applications.reference.models import CategoryRule
from applications.reference.selectors import mrp_on, subsistence_minimum_on

from .models import Application, FamilyMember, Income
from .selectors import PerCapitaIncome, per_capita_income

CENTS = Decimal("0.01")


def income_threshold(application: Application, per_capita: Decimal | None = None) -> dict | None:
    """The category's income test (p7(4), p8, p26(3)), or None when it has none:
    below_regional_sm — per-capita income below the regional subsistence minimum of the quarter
    before the application's quarter; at_most_sm — not above k × the republican minimum."""
    registered_on = application.registered_on
    rule = application.category.rule_on(registered_on)
    if rule is None:
        return None
    if per_capita is None:
        per_capita = per_capita_income(family=application.family, on=registered_on).per_capita
    if rule.income_test == CategoryRule.IncomeTest.BELOW_REGIONAL_SM:
        on = rules.low_income_minimum_date(registered_on)
        value = subsistence_minimum_on(on, scope="regional").value
        passed = rules.below_subsistence_minimum(per_capita=per_capita, regional_minimum=value)
        factor = Decimal("1")
    elif rule.income_test == CategoryRule.IncomeTest.AT_MOST_SM:
        factor = rules.income_factor(rule)
        value = rules.subsistence_threshold(
            republican_minimum=subsistence_minimum_on(registered_on, scope="republican").value,
            factor=factor,
        )
        passed = rules.within_threshold(per_capita=per_capita, threshold=value)
    else:
        return None
    return {"kind": rule.income_test, "factor": str(factor), "value": str(value), "passed": passed}


def build(*, application: Application, on: datetime.date) -> dict:
    """The basis of a decision taken on `on`, as plain JSON values (Decimals as strings)."""
    family = application.family
    income = per_capita_income(family=family, on=application.registered_on)
    members = family.members.select_related("person").order_by("id")
    category = application.category
    rule = category.rule_on(application.registered_on)
    mrp = mrp_on(on)
    return {
        "category": {
            "code": category.code,
            "paragraph": category.paragraph,
            "name": category.name_ru,
            "periodicity": rule.periodicity if rule else "",
        },
        "family": {
            "reg_number": family.reg_number,
            "address": family.address,
            "okrug": family.okrug.name_ru,
        },
        "members": [_member_basis(m) for m in members],
        "incomes": [_income_row_basis(row) for row in income.rows],
        "income": _income_basis(income),
        "threshold": income_threshold(application, income.per_capita),
        "mrp": {"value": str(mrp.value), "effective_from": mrp.effective_from.isoformat()},
        "decided_on": on.isoformat(),
    }


def _member_basis(member: FamilyMember) -> dict:
    """A member of the family as the family stood on the day of the decision."""
    return {
        "name": member.person.full_name,
        "iin": member.person.iin,
        "birth_date": member.person.birth_date.isoformat(),
        "relation": member.relation,
        "relation_label": str(member.get_relation_display()),
    }


def _income_row_basis(row: Income) -> dict:
    """An income of a member in the quarter before the application's quarter (p22)."""
    return {
        "name": row.member.person.full_name,
        "iin": row.member.person.iin,
        "kind": row.kind,
        "year": row.year,
        "quarter": row.quarter,
        "amount": str(row.amount.quantize(CENTS)),
    }


def _income_basis(income: PerCapitaIncome) -> dict:
    """The family's per-capita income of that quarter (p22)."""
    return {
        "year": income.year,
        "quarter": income.quarter,
        "total": str(income.total.quantize(CENTS)),
        "members": income.members,
        "per_capita": str(income.per_capita),
    }
