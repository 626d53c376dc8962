"""p27: «Выплата социальной помощи прекращается с месяца наступления указанных обстоятельств»
(death, moving out of the district, a state medical-social institution, false information).
p28: «Излишне выплаченные суммы подлежат возврату в добровольном или ином установленном
законодательством Республики Казахстан порядке»; p13 the same for education aid on expulsion.
A sum to recover and each repayment are positive; a recovery repaid in full takes no more."""

from decimal import Decimal

import pytest

from applications.reference import rules
from benefits.exceptions import BenefitsError, RepaymentTooLarge
from benefits.models import Recovery
from benefits.services.payments import (
    payment_list_build,
    payment_list_mark_paid,
    payment_list_mark_sent,
)
from benefits.services.recovery import award_terminate, recovery_open, recovery_repay

from .conftest import D

JULY = D(2020, 7, 1)


@pytest.mark.parametrize(
    ("event", "from_month"),
    [
        (D(2020, 3, 1), D(2020, 3, 1)),
        (D(2020, 3, 17), D(2020, 3, 1)),
        (D(2020, 3, 31), D(2020, 3, 1)),
        (D(2020, 12, 31), D(2020, 12, 1)),
    ],
)
def test_p27_payments_stop_from_the_month_of_the_event(event, from_month):
    assert rules.payments_stop_from(event) == from_month


@pytest.mark.parametrize(
    ("due_on", "every", "stop_from", "share"),
    [
        (D(2026, 1, 1), 1, D(2026, 2, 1), "0.00"),  # January's month, stopped from February
        (D(2026, 2, 1), 1, D(2026, 2, 1), "43250.00"),  # the month of the event: returned
        (D(2026, 1, 1), 3, D(2026, 1, 1), "43250.00"),  # the quarter from its first month
        (D(2026, 1, 1), 3, D(2026, 2, 1), "28833.33"),  # February and March of it
        (D(2026, 1, 1), 3, D(2026, 3, 1), "14416.67"),  # March of it, half up
        (D(2026, 1, 1), 3, D(2026, 4, 1), "0.00"),  # the next quarter: all owed
        (D(2025, 10, 1), 6, D(2026, 3, 1), "7208.33"),  # a half-year's last month
        (D(2025, 10, 1), 6, D(2025, 9, 1), "43250.00"),  # stopped before it began
    ],
)
def test_p27_p28_the_months_paid_for_after_the_stop_are_overpaid(due_on, every, stop_from, share):
    amount = Decimal("43250.00")
    assert rules.overpaid_share(
        amount=amount, due_on=due_on, every_months=every, stop_from=stop_from
    ) == Decimal(share)


@pytest.mark.parametrize(
    ("amount", "positive"),
    [
        (Decimal("0.01"), True),
        (Decimal("1000"), True),
        (Decimal("0"), False),
        (Decimal("-5"), False),
    ],
)
def test_p28_a_sum_to_recover_or_repay_is_positive(amount, positive):
    assert rules.sum_recoverable(amount) is positive


def test_p28_a_repayment_returns_at_most_what_is_left():
    left = Decimal("17780.00")
    assert rules.repayment_within_balance(amount=Decimal("17779.99"), balance=left)
    assert rules.repayment_within_balance(amount=left, balance=left)
    assert not rules.repayment_within_balance(amount=Decimal("17780.01"), balance=left)


def test_p28_nothing_left_is_repaid():
    assert rules.recovery_repaid(Decimal("0"))
    assert rules.recovery_repaid(Decimal("-0.01"))
    assert not rules.recovery_repaid(Decimal("0.01"))


def test_p13_p28_what_is_still_to_return():
    assert rules.recovery_outstanding(
        paid=Decimal("1447264.00"), already_recovered=Decimal("447264.00")
    ) == Decimal("1000000.00")
    assert rules.recovery_outstanding(paid=Decimal("0"), already_recovered=Decimal("0")) == 0


@pytest.fixture
def paid_february_to_april(grant, administrator):
    """Tuberculosis aid Feb–May 2020 (p7.2), February to April paid."""
    award = grant(
        "hardship-tuberculosis",
        amount="26510",
        decided_on=D(2020, 1, 20),
        mrp_value="2651",
        period=(D(2020, 2, 1), D(2020, 5, 31)),
    )
    paid = payment_list_build(
        title="Фев–апр", period_start=D(2020, 2, 1), period_end=D(2020, 4, 30), actor=administrator
    )
    payment_list_mark_sent(payment_list=paid, actor=administrator)
    payment_list_mark_paid(payment_list=paid, paid_on=D(2020, 5, 5), actor=administrator)
    return award


class TestServices:
    def test_p27_death_on_the_first_of_the_month_stops_that_month(
        self, paid_february_to_april, caseworker
    ):
        termination = award_terminate(
            award=paid_february_to_april, reason="death", event_date=D(2020, 4, 1), actor=caseworker
        )
        # April is overpaid at the MRP of April (p30): 10 × 2 778 ₸
        assert termination.recovery.amount == Decimal("27780.00")

    def test_p27_death_on_the_last_day_of_the_month_stops_that_month(
        self, paid_february_to_april, caseworker
    ):
        termination = award_terminate(
            award=paid_february_to_april,
            reason="death",
            event_date=D(2020, 3, 31),
            actor=caseworker,
        )
        assert termination.recovery.amount == Decimal("54290.00")  # March and April

    def test_p28_a_recovery_is_positive(self, paid_february_to_april):
        for amount in (Decimal("0"), Decimal("-1")):
            with pytest.raises(BenefitsError, match="больше нуля"):
                recovery_open(
                    award=paid_february_to_april,
                    amount=amount,
                    opened_on=D(2020, 6, 1),
                    reason="переплата",
                )
        assert not Recovery.objects.exists()

    def test_p28_a_repayment_is_positive_and_a_repaid_recovery_takes_no_more(
        self, paid_february_to_april, caseworker
    ):
        recovery = recovery_open(
            award=paid_february_to_april,
            amount=Decimal("27780"),
            opened_on=D(2020, 6, 1),
            reason="переплата",
        )

        def repay(amount, day=JULY):
            return recovery_repay(
                recovery=recovery, kind="voluntary", paid_on=day, amount=amount, actor=caseworker
            )

        for amount in (Decimal("0"), Decimal("-100")):
            with pytest.raises(BenefitsError, match="Сумма погашения должна быть больше нуля"):
                repay(amount)
        with pytest.raises(RepaymentTooLarge):
            repay(Decimal("27780.01"))
        repay(Decimal("27779.99"))
        recovery.refresh_from_db()
        assert recovery.status == Recovery.Status.OPEN
        repay(Decimal("0.01"), day=D(2020, 8, 3))
        recovery.refresh_from_db()
        assert (recovery.status, recovery.closed_on) == (Recovery.Status.CLOSED, D(2020, 8, 3))
        with pytest.raises(BenefitsError, match="уже погашена полностью"):
            repay(Decimal("0.01"))
        assert recovery.repayments.count() == 2
