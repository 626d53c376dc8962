"""The caps (предельные размеры, p2(11)) of p7 and p8, at the MRP in force (p30).

p7.1: «единовременно на каждого члена семьи до 40 месячного расчетного показателя, но не более
150 месячного расчетного показателя на одну семью».
p7.2: «не более 10 месячного расчетного показателя ежемесячно»; p7.3: «не более 7,6 …
ежемесячно»; p7.4: «не превышающего 10 месячного расчетного показателя».
p8: «раз в год не более 392 … (Бакалавр)», «не более 420 … (Магистр)», «не более 530 …
(резидентура)»."""

from decimal import Decimal

import pytest

from applications.reference import rules
from applications.reference.models import Category, CategoryRule, EducationCap
from benefits.services.awards import award_amount
from commissions.caps import category_cap

from .conftest import D

FORTY, HUNDRED_FIFTY = Decimal("40"), Decimal("150")
MRP_2025 = Decimal("3932")


@pytest.mark.parametrize(
    ("members", "multiple"),
    [
        (0, 40),  # a family has at least its applicant
        (1, 40),  # a one-person family: 40 MRP
        (2, 80),
        (3, 120),
        (4, 150),  # 160 → the family's 150
        (5, 150),
    ],
)
def test_p7_1_forty_mrp_a_member_at_most_150_a_family(members, multiple):
    cap = rules.disaster_cap_multiple(per_member=FORTY, family_cap=HUNDRED_FIFTY, members=members)
    assert cap == multiple


def test_p7_1_without_a_family_cap_each_member_counts():
    assert rules.disaster_cap_multiple(per_member=FORTY, family_cap=None, members=5) == 200
    # just below the family's cap
    assert rules.disaster_cap_multiple(per_member=FORTY, family_cap=Decimal("81"), members=2) == 80


def rule(amount_rule, multiple=None, family_cap=None) -> CategoryRule:
    return CategoryRule(
        amount_rule=amount_rule,
        mrp_multiple=None if multiple is None else Decimal(multiple),
        family_cap_mrp=None if family_cap is None else Decimal(family_cap),
    )


@pytest.mark.parametrize(
    ("category_rule", "members", "multiple"),
    [
        (rule("cap_per_member", "40", "150"), 1, Decimal("40")),  # p7.1
        (rule("cap_per_member", "40", "150"), 4, Decimal("150")),
        (rule("cap_mrp", "10"), 6, Decimal("10")),  # p7.2, p7.4: not per member
        (rule("cap_mrp", "7.6"), 3, Decimal("7.6")),  # p7.3
        (rule("mrp_multiple", "30"), 2, Decimal("30")),  # p5.3–p5.5
        (rule("fixed_tenge"), 1, None),  # p5.1: a sum in tenge, no MRP
    ],
)
def test_cap_in_mrp_of_each_kind_of_rule(category_rule, members, multiple):
    assert rules.cap_multiple(category_rule, members=members) == multiple


class TestTheSpecialCommissionsAndTheAwardsCapsAgree:
    """commissions/caps.py and benefits/services/awards.py read the same rule (p7.1 settled:
    up to 40 MRP for each member, at most 150 for the family; a one-person family gets 40)."""

    @pytest.mark.parametrize(
        ("members", "tenge"), [(1, "157280.00"), (3, "471840.00"), (4, "589800.00")]
    )
    def test_disaster_or_fire(self, db, members, tenge):
        fire = Category.objects.get(code="hardship-disaster-fire")
        on = D(2025, 6, 10)
        cap = category_cap(category=fire, members=members, on=on)
        assert cap.amount == award_amount(category=fire, on=on, members=members).cap
        assert cap.amount == Decimal(tenge) == cap.mrp_multiple * MRP_2025

    def test_a_one_person_family_may_be_given_forty_mrp(self, db):
        fire = Category.objects.get(code="hardship-disaster-fire")
        basis = award_amount(
            category=fire, on=D(2025, 6, 10), requested=Decimal("157280"), members=1
        )
        assert (basis.cap, basis.mrp_multiple) == (Decimal("157280.00"), Decimal("40.0000"))


class TestEducationCaps:
    """p8's caps by degree, entered as EducationCap rows, at the MRP of the decision (p30)."""

    @pytest.mark.parametrize(
        ("degree", "mrp"), [("bachelor", 392), ("master", 420), ("residency", 530)]
    )
    def test_caps_by_degree(self, db, degree, mrp):
        assert EducationCap.objects.get(degree=degree).cap_mrp == mrp

    def test_the_tuition_at_most_the_cap(self):
        cap = Decimal("392")
        # 392 × 3 932 ₸ = 1 541 344 ₸
        assert rules.education_amount(
            tuition=Decimal("2000000"), cap_mrp=cap, mrp_value=MRP_2025
        ) == Decimal("1541344.00")
        assert rules.education_amount(
            tuition=Decimal("1541344"), cap_mrp=cap, mrp_value=MRP_2025
        ) == Decimal("1541344")
        assert rules.education_amount(
            tuition=Decimal("800000"), cap_mrp=cap, mrp_value=MRP_2025
        ) == Decimal("800000")
