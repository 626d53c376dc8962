"""The income tests that a refusal on p26(3) rests on.

p7.4: «семей, имеющих среднедушевой доход семьи (гражданина) ниже величины прожиточного
минимума по Кызылординской области за квартал предшествующий кварталу обращения».
p8: «детям из малообеспеченных семей среднедушевой доход, которых не превышает прожиточного
минимума установленного Законом … о республиканском бюджете»; for children left without
parental care «не превышает трехкратного размера прожиточного минимума».
p26(3): refusal on «превышения размера среднедушевого дохода … порога»."""

from decimal import Decimal

import pytest

from applications.cases import decision_basis
from applications.reference import rules
from applications.reference.models import Category, CategoryRule

from .conftest import D, at, travel

# The regional minimum as entered for Kyzylorda region (fixtures/reference.json)
Q1_2019, Q2_2019 = "24769.00", "25902.00"


@pytest.mark.parametrize(
    ("applied_on", "minimum_of"),
    [
        (D(2019, 5, 20), D(2019, 1, 1)),
        (D(2019, 4, 1), D(2019, 1, 1)),
        (D(2019, 7, 1), D(2019, 4, 1)),
        (D(2019, 9, 30), D(2019, 4, 1)),
        (D(2020, 2, 10), D(2019, 10, 1)),
    ],
)
def test_p7_4_minimum_of_the_quarter_before_the_applications(applied_on, minimum_of):
    assert rules.low_income_minimum_date(applied_on) == minimum_of


def test_p7_4_below_the_minimum_and_not_at_it():
    minimum = Decimal("25902.00")
    assert rules.below_subsistence_minimum(per_capita=Decimal("25901.99"), regional_minimum=minimum)
    assert not rules.below_subsistence_minimum(per_capita=minimum, regional_minimum=minimum)
    assert not rules.below_subsistence_minimum(
        per_capita=Decimal("25902.01"), regional_minimum=minimum
    )


def test_p8_at_most_the_threshold_and_at_it():
    threshold = Decimal("46228.00")
    assert rules.within_threshold(per_capita=Decimal("46227.99"), threshold=threshold)
    assert rules.within_threshold(per_capita=threshold, threshold=threshold)
    assert not rules.within_threshold(per_capita=Decimal("46228.01"), threshold=threshold)


def test_p8_threshold_is_k_times_the_republican_minimum():
    assert rules.subsistence_threshold(
        republican_minimum=Decimal("46228"), factor=Decimal("3")
    ) == Decimal("138684.00")
    assert rules.subsistence_threshold(
        republican_minimum=Decimal("46228"), factor=Decimal("1")
    ) == Decimal("46228.00")
    # to the tiyn, half up
    assert rules.subsistence_threshold(
        republican_minimum=Decimal("0.05"), factor=Decimal("0.5")
    ) == Decimal("0.03")
    assert str(
        rules.subsistence_threshold(republican_minimum=Decimal("100"), factor=Decimal("1"))
    ) == ("100.00")


def rule_with(test: str, factor: str) -> CategoryRule:
    return CategoryRule(income_test=test, income_factor=Decimal(factor))


def test_p8_factor_is_the_categorys_where_its_test_is_k_times_the_minimum():
    assert rules.income_factor(rule_with("at_most_sm", "3")) == Decimal("3")
    assert rules.income_factor(rule_with("below_regional_sm", "3")) == Decimal("1")
    assert rules.income_factor(rule_with("none", "2")) == Decimal("1")


class TestTheDecisionBasis:
    """What the decision freezes and what the caseworker is offered as a ground (p26(3))."""

    @pytest.fixture
    def low_income(self, application_factory):
        def build(applied_on, per_capita):
            wages = Decimal(per_capita) * 3 * 4  # a family of 4
            year, quarter = rules.income_quarter(applied_on)
            with travel(applied_on):
                return application_factory(
                    registered_at=at(applied_on), year=year, quarter=quarter, wages=wages
                )

        return build

    def test_below_the_minimum_of_the_quarter_before_passes(self, low_income):
        threshold = decision_basis.income_threshold(low_income(D(2019, 7, 10), "25901.99"))
        assert threshold == {
            "kind": "below_regional_sm",
            "factor": "1",
            "value": Q2_2019,
            "passed": True,
        }

    def test_at_the_minimum_fails(self, low_income):
        threshold = decision_basis.income_threshold(low_income(D(2019, 7, 10), "25902"))
        assert threshold["passed"] is False

    def test_the_quarter_decides_which_minimum(self, low_income):
        """In May the January quarter's minimum (24 769 ₸) applies: 25 000 ₸ is above it."""
        threshold = decision_basis.income_threshold(low_income(D(2019, 5, 20), "25000"))
        assert (threshold["value"], threshold["passed"]) == (Q1_2019, False)

    def test_at_most_k_times_the_republican_minimum(self, application_factory):
        rule = Category.objects.get(code="hardship-low-income").rule_on(D(2025, 3, 1))
        CategoryRule.objects.filter(pk=rule.pk).update(
            income_test="at_most_sm", income_factor=Decimal("3")
        )
        with travel(D(2025, 3, 10)):
            application = application_factory(
                registered_at=at(D(2025, 3, 10)), year=2024, quarter=4, wages=Decimal("0")
            )
        threshold = decision_basis.income_threshold(application, Decimal("138684.00"))
        assert threshold == {
            "kind": "at_most_sm",
            "factor": "3.00",
            "value": "138684.00",
            "passed": True,
        }
        assert not decision_basis.income_threshold(application, Decimal("138684.01"))["passed"]

    def test_a_category_without_a_test_has_no_threshold(self, application_factory):
        with travel(D(2025, 3, 10)):
            application = application_factory(
                "hardship-tuberculosis", registered_at=at(D(2025, 3, 10))
            )
        assert decision_basis.income_threshold(application) is None
