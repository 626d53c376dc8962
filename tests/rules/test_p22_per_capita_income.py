"""Per-capita income (p2(6), p22): «доля совокупного дохода семьи, приходящаяся на каждого
члена семьи в месяц», counted from the incomes of the quarter before the quarter of the
application (reference/kz_facts.md §7: Social Code art. 127(2), Ministry order of 2023): the
quarter's income / 3 months / members, to the tiyn, half up."""

from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from applications.cases import selectors
from applications.cases.models import Application
from applications.cases.services import intake
from applications.reference import rules
from applications.workflow.services.terms import terms_recompute

from .conftest import D, at, travel


@pytest.mark.parametrize(
    ("applied_on", "quarter"),
    [
        (D(2024, 1, 1), (2023, 4)),  # the first day of a year: the last quarter of the year before
        (D(2024, 3, 31), (2023, 4)),
        (D(2024, 4, 1), (2024, 1)),
        (D(2024, 6, 30), (2024, 1)),
        (D(2024, 7, 1), (2024, 2)),
        (D(2024, 9, 30), (2024, 2)),
        (D(2024, 10, 1), (2024, 3)),
        (D(2024, 12, 31), (2024, 3)),
    ],
)
def test_incomes_are_those_of_the_quarter_before_the_applications(applied_on, quarter):
    assert rules.income_quarter(applied_on) == quarter


@pytest.mark.parametrize(
    ("total", "members", "per_capita"),
    [
        (Decimal("300000"), 4, Decimal("25000.00")),
        (Decimal("300000"), 1, Decimal("100000.00")),
        (Decimal("100000"), 3, Decimal("11111.11")),  # 11 111.111…
        (Decimal("200000"), 3, Decimal("22222.22")),  # 22 222.222…
        (Decimal("100"), 1, Decimal("33.33")),
        (Decimal("200"), 1, Decimal("66.67")),  # 66.666… up
        (Decimal("0"), 5, Decimal("0.00")),
    ],
)
def test_quarter_income_over_three_months_over_members(total, members, per_capita):
    assert rules.per_capita_income(quarter_total=total, members=members) == per_capita


def test_half_a_tiyn_is_rounded_up():
    """30.15 ₸ a quarter for 2 members is 5.025 ₸ a month each: 5.03 ₸, not the banker's 5.02."""
    exact = Decimal("30.15") / 3 / 2
    assert exact == Decimal("5.025")
    assert exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN) == Decimal("5.02")
    assert rules.per_capita_income(quarter_total=Decimal("30.15"), members=2) == Decimal("5.03")
    assert rules.per_capita_income(quarter_total=Decimal("0.03"), members=2) == Decimal("0.01")
    # just under half a tiyn goes down
    assert rules.per_capita_income(quarter_total=Decimal("30.1497"), members=2) == Decimal("5.02")


def test_the_result_is_in_tenge_and_tiyn():
    per_capita = rules.per_capita_income(quarter_total=Decimal("90000"), members=3)
    assert per_capita.as_tuple().exponent == -2 and str(per_capita) == "10000.00"


def test_a_family_without_members_has_no_income_per_member():
    assert str(rules.per_capita_income(quarter_total=Decimal("90000"), members=0)) == "0.00"


@pytest.mark.parametrize(
    ("quarter", "monthly"),
    [
        (Decimal("300000"), Decimal("100000.00")),
        (Decimal("100"), Decimal("33.33")),
        (Decimal("200"), Decimal("66.67")),
        (Decimal("0.015"), Decimal("0.01")),  # half a tiyn a month: up
    ],
)
def test_monthly_average_of_a_quarters_income_in_the_act(quarter, monthly):
    """Annex 1, item 5: «сумма дохода за предыдущий квартал … в среднем за месяц»."""
    assert rules.monthly_income(quarter) == monthly


class TestEveryCallerCountsTheSame:
    """The application page, the decision basis and the recount all read p22 from one rule."""

    @pytest.fixture
    def family(self, person_factory, okrug):
        head, spouse, child = person_factory(), person_factory(sex="F"), person_factory()
        return intake.family_create(
            applicant=head,
            okrug=okrug,
            address="с. Жанакорган",
            members=[
                intake.MemberData(person=spouse, relation="spouse"),
                intake.MemberData(person=child, relation="son"),
            ],
            incomes=[
                intake.IncomeData(head, "wages", 2023, 4, Decimal("150000.05")),
                intake.IncomeData(spouse, "pension", 2023, 4, Decimal("100000")),
                intake.IncomeData(head, "wages", 2024, 1, Decimal("999999")),  # not this quarter
            ],
        )

    def test_selector(self, family):
        income = selectors.per_capita_income(family=family, on=D(2024, 2, 10))
        assert (income.year, income.quarter, income.members) == (2023, 4, 3)
        assert income.total == Decimal("250000.05")
        assert income.per_capita == Decimal("27777.78")  # 27 777.783…

    def test_selector_from_members_already_read(self, family):
        members = list(selectors.family_members_with_incomes(family))
        income = selectors.per_capita_income(family=family, on=D(2024, 2, 10), members=members)
        assert (income.total, income.per_capita) == (Decimal("250000.05"), Decimal("27777.78"))

    def test_recount_of_the_applications_awaiting_a_decision(self, family, application_factory):
        with travel(D(2024, 2, 10)):
            application = application_factory(family=family, registered_at=at(D(2024, 2, 10)))
        Application.objects.filter(pk=application.pk).update(
            status=Application.Status.AT_SPECIAL_COMMISSION, per_capita_income=Decimal("1")
        )
        terms_recompute()
        application.refresh_from_db()
        assert application.per_capita_income == Decimal("27777.78")
