"""Awards from grant decisions: amounts from rules and the MRP in force, schedules, caps,
the once-a-year limit (p7, p14, p30)."""

import datetime
from decimal import Decimal

import pytest

from benefits.exceptions import AlreadyAwardedThisYear, AmountAboveCap
from benefits.models import Award, ScheduledPayment
from benefits.services.awards import award_amount

D = datetime.date
pytestmark = pytest.mark.django_db


class TestAmountsFollowMrp:
    @pytest.mark.parametrize(
        ("on", "mrp", "amount"),
        [
            (D(2020, 3, 31), "2651", "7953.00"),  # 3 MRP, before the change of 1 April 2020
            (D(2020, 4, 1), "2778", "8334.00"),  # after it
            (D(2022, 3, 31), "3063", "9189.00"),
            (D(2022, 4, 1), "3180", "9540.00"),
        ],
    )
    def test_repression_day_is_three_mrp_of_the_day(self, category, on, mrp, amount):
        basis = award_amount(category=category("repression-victims"), on=on)
        assert basis.amount == Decimal(amount)
        assert basis.mrp_value == Decimal(mrp)
        assert basis.mrp_multiple == Decimal("3")
        assert basis.as_dict()["rule_id"] == basis.rule.pk

    def test_low_income_cap_is_ten_mrp(self, category):
        with pytest.raises(AmountAboveCap, match="30\u00a0630,00"):
            award_amount(category=category(), on=D(2022, 3, 1), requested=Decimal("30630.01"))
        ok = award_amount(category=category(), on=D(2022, 3, 1), requested=Decimal("30630"))
        assert ok.cap == Decimal("30630.00")

    def test_disaster_cap_is_forty_mrp_a_member_at_most_150(self, category):
        fire = category("hardship-disaster-fire")
        assert award_amount(category=fire, on=D(2020, 5, 1), members=2).cap == Decimal("222240.00")
        assert award_amount(category=fire, on=D(2020, 5, 1), members=5).cap == Decimal("416700.00")


class TestAwardFromDecision:
    def test_once_a_year_award_has_one_payment_and_basis(self, grant):
        award = grant(amount="30000", decided_on=D(2022, 6, 10), mrp_value="3180")
        assert award.periodicity == "once_a_year"
        assert award.occasion_year == 2022
        assert award.mrp_value == Decimal("3180.00")
        assert award.basis["rule_id"] and award.basis["on"] == "2022-06-10"
        assert [(p.due_on, p.amount) for p in award.payments.all()] == [
            (D(2022, 6, 10), Decimal("30000.00"))
        ]

    def test_second_low_income_award_to_family_same_year_refused(self, grant, family_factory):
        family = family_factory()
        grant(amount="20000", decided_on=D(2022, 2, 10), mrp_value="3063", family=family)
        with pytest.raises(AlreadyAwardedThisYear, match="один раз в год"):
            grant(amount="20000", decided_on=D(2022, 11, 1), mrp_value="3180", family=family)
        assert Award.objects.filter(family=family).count() == 1
        grant(amount="20000", decided_on=D(2023, 1, 20), mrp_value="3450", family=family)
        assert Award.objects.filter(family=family).count() == 2

    def test_tuberculosis_monthly_schedule_follows_april_mrp_change(self, grant):
        award = grant(
            "hardship-tuberculosis",
            amount="26510",
            decided_on=D(2020, 1, 20),
            mrp_value="2651",
            period=(D(2020, 2, 1), D(2020, 6, 30)),
        )
        rows = list(award.payments.values_list("due_on", "amount", "mrp_value"))
        assert rows == [
            (D(2020, 2, 1), Decimal("26510.00"), Decimal("2651.00")),
            (D(2020, 3, 1), Decimal("26510.00"), Decimal("2651.00")),
            (D(2020, 4, 1), Decimal("27780.00"), Decimal("2778.00")),
            (D(2020, 5, 1), Decimal("27780.00"), Decimal("2778.00")),
            (D(2020, 6, 1), Decimal("27780.00"), Decimal("2778.00")),
        ]
        assert (award.start, award.end) == (D(2020, 2, 1), D(2020, 6, 1))
        assert ScheduledPayment.objects.filter(award=award, status="scheduled").count() == 5

    def test_amount_above_cap_refused(self, grant):
        with pytest.raises(AmountAboveCap):
            grant(
                "hardship-haematology-children",
                amount="30000",
                decided_on=D(2022, 5, 5),
                mrp_value="3180",
                period=(D(2022, 5, 1), D(2022, 7, 31)),
            )
        assert not Award.objects.exists()
