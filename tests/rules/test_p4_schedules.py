"""How often aid is paid (p4: «единовременно и (или) периодически (ежемесячно, ежеквартально,
1 раз в полугодие)»): once; monthly, quarterly or once a half-year over the decision's period
(p7.2 «ежемесячно», p7.3 «ежемесячно»); yearly (p5.2–p5.5, p6 «раз в год»; p8 «раз в год»);
once a year per family (p7.4 «один раз в год»)."""

from decimal import Decimal

import pytest

from applications.reference import rules
from applications.reference.models import Category
from benefits.exceptions import AlreadyAwardedThisYear, BenefitsError
from benefits.services.awards import award_create

from .conftest import D


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [
        (D(2024, 3, 1), D(2024, 3, 31), 1),
        (D(2024, 3, 15), D(2024, 3, 1), 1),  # the same month, whatever the days
        (D(2024, 3, 1), D(2024, 8, 31), 6),
        (D(2024, 11, 1), D(2025, 2, 28), 4),  # across the new year
        (D(2024, 1, 1), D(2024, 12, 31), 12),
        (D(2024, 3, 1), D(2024, 2, 29), 0),  # ends before it begins
    ],
)
def test_a_monthly_decisions_period_in_months(first, last, months):
    assert rules.months_in_period(first, last) == months


def test_p7_2_p7_3_monthly_on_the_first_of_each_month():
    assert rules.periodic_schedule(D(2024, 11, 15), 4) == [
        D(2024, 11, 1),
        D(2024, 12, 1),
        D(2025, 1, 1),
        D(2025, 2, 1),
    ]
    assert rules.periodic_schedule(D(2024, 1, 31), 1) == [D(2024, 1, 1)]


@pytest.mark.parametrize(
    ("months", "dates"),
    [
        (12, [D(2024, 11, 1), D(2025, 2, 1), D(2025, 5, 1), D(2025, 8, 1)]),
        (3, [D(2024, 11, 1)]),
        (4, [D(2024, 11, 1), D(2025, 2, 1)]),  # a quarter begun is paid
        (1, [D(2024, 11, 1)]),
    ],
)
def test_p4_quarterly_on_the_first_of_the_month_every_three_months(months, dates):
    assert rules.periodic_schedule(D(2024, 11, 15), months, every=3) == dates


@pytest.mark.parametrize(
    ("months", "dates"),
    [
        (12, [D(2024, 11, 1), D(2025, 5, 1)]),
        (6, [D(2024, 11, 1)]),
        (7, [D(2024, 11, 1), D(2025, 5, 1)]),  # a half-year begun is paid
        (18, [D(2024, 11, 1), D(2025, 5, 1), D(2025, 11, 1)]),
    ],
)
def test_p4_once_a_half_year_on_the_first_of_the_month_every_six_months(months, dates):
    assert rules.periodic_schedule(D(2024, 11, 30), months, every=6) == dates


@pytest.mark.parametrize(
    ("periodicity", "every", "over_a_period"),
    [
        ("monthly", 1, True),
        ("quarterly", 3, True),
        ("half_yearly", 6, True),
        ("once", None, False),
        ("yearly", None, False),
        ("once_a_year", None, False),
    ],
)
def test_p4_periodic_aid_is_paid_over_a_period(periodicity, every, over_a_period):
    assert rules.payment_interval_months(periodicity) == every
    assert rules.paid_over_a_period(periodicity) is over_a_period


def test_p5_2_to_p6_yearly_on_the_same_day_each_year():
    assert rules.yearly_schedule(D(2024, 5, 31), 3) == [
        D(2024, 5, 31),
        D(2025, 5, 31),
        D(2026, 5, 31),
    ]
    # a leap day falls back to 28 February
    assert rules.yearly_schedule(D(2024, 2, 29), 2) == [D(2024, 2, 29), D(2025, 2, 28)]
    # at least one payment
    assert rules.yearly_schedule(D(2024, 4, 26), 0) == [D(2024, 4, 26)]
    assert rules.yearly_schedule(D(2024, 4, 26), 1) == [D(2024, 4, 26)]


@pytest.mark.parametrize(
    ("periodicity", "dates"),
    [
        ("once", [D(2024, 3, 15)]),
        ("once_a_year", [D(2024, 3, 15)]),
        ("monthly", [D(2024, 3, 1), D(2024, 4, 1)]),
        ("quarterly", [D(2024, 3, 1)]),
        ("half_yearly", [D(2024, 3, 1)]),
        ("yearly", [D(2024, 3, 15), D(2025, 3, 15), D(2026, 3, 15)]),
    ],
)
def test_the_schedule_of_each_periodicity(periodicity, dates):
    assert rules.payment_schedule(periodicity, D(2024, 3, 15), months=2, years=3) == dates


def test_the_schedule_defaults_to_one_payment():
    assert rules.payment_schedule("monthly", D(2024, 3, 15)) == [D(2024, 3, 1)]
    assert rules.payment_schedule("yearly", D(2024, 3, 15)) == [D(2024, 3, 15)]
    assert rules.payment_schedule("quarterly", D(2024, 3, 15)) == [D(2024, 3, 1)]


def test_p4_a_years_period_quarterly_and_half_yearly():
    quarterly = rules.payment_schedule("quarterly", D(2025, 10, 1), months=12)
    assert quarterly == [D(2025, 10, 1), D(2026, 1, 1), D(2026, 4, 1), D(2026, 7, 1)]
    half_yearly = rules.payment_schedule("half_yearly", D(2025, 10, 1), months=12)
    assert half_yearly == [D(2025, 10, 1), D(2026, 4, 1)]


def test_p7_4_once_a_year_counts_against_the_decisions_year():
    assert rules.once_a_year_occasion(periodicity="once_a_year", decided_on=D(2024, 12, 31)) == 2024
    for periodicity in ("once", "monthly", "quarterly", "half_yearly", "yearly"):
        assert rules.once_a_year_occasion(periodicity=periodicity, decided_on=D(2024, 5, 1)) is None


class TestAwards:
    """The schedules as benefits/services/awards.py builds them."""

    def test_p6_social_support_yearly_for_three_years(self, db, person_factory, caseworker):
        award = award_create(
            recipient=person_factory(),
            category=Category.objects.get(code="support-widows"),
            amount=Decimal("157280.00"),
            basis={"mrp_value": "3932", "mrp_multiple": "40"},
            periodicity="yearly",
            first_due=D(2025, 5, 9),
            years=3,
            actor=caseworker,
        )
        payments = list(award.payments.order_by("due_on").values_list("due_on", "amount"))
        assert payments == [
            (D(2025, 5, 9), Decimal("157280.00")),
            (D(2026, 5, 9), Decimal("173000.00")),  # 40 × 4 325 ₸ (p30)
            (D(2027, 5, 9), Decimal("173000.00")),
        ]
        assert (award.start, award.end) == (D(2025, 5, 9), D(2027, 5, 9))

    def test_p7_2_monthly_over_the_decisions_period(self, db, person_factory, caseworker):
        award = award_create(
            recipient=person_factory(),
            category=Category.objects.get(code="hardship-tuberculosis"),
            amount=Decimal("39320.00"),
            basis={"mrp_value": "3932", "mrp_multiple": "10"},
            periodicity="monthly",
            first_due=D(2025, 11, 20),
            last_due=D(2026, 1, 10),
            actor=caseworker,
        )
        dues = list(award.payments.order_by("due_on").values_list("due_on", flat=True))
        assert dues == [D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1)]

    def test_a_monthly_period_must_be_given_and_in_order(self, db, person_factory, caseworker):
        kwargs = dict(
            recipient=person_factory(),
            category=Category.objects.get(code="hardship-tuberculosis"),
            amount=Decimal("39320.00"),
            basis={},
            periodicity="monthly",
            first_due=D(2025, 11, 1),
            actor=caseworker,
        )
        with pytest.raises(BenefitsError, match="число месяцев или окончание"):
            award_create(**kwargs)
        with pytest.raises(BenefitsError, match="раньше их начала"):
            award_create(**kwargs, last_due=D(2025, 10, 31))

    def test_p7_4_a_second_award_to_the_family_the_same_year_is_refused(self, db, grant):
        first = grant(amount="36920", decided_on=D(2025, 3, 3), mrp_value="3932")
        assert first.occasion_year == 2025
        with pytest.raises(AlreadyAwardedThisYear):
            grant(amount="36920", decided_on=D(2025, 11, 3), mrp_value="3932", family=first.family)
        again = grant(
            amount="43250", decided_on=D(2026, 1, 5), mrp_value="4325", family=first.family
        )
        assert again.occasion_year == 2026
