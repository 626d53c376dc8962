"""Termination in the middle of a schedule (p27) and the overpayment it leaves (p28)."""

import datetime
from decimal import Decimal

import pytest

from benefits.exceptions import AwardNotActive, RepaymentTooLarge
from benefits.models import Award, PaymentListItem, Recovery
from benefits.services.payments import (
    payment_list_build,
    payment_list_mark_paid,
    payment_list_mark_sent,
)
from benefits.services.recovery import award_terminate, recovery_repay

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_through_april(grant, administrator):
    """Tuberculosis aid Feb–Jul 2020; Feb–Apr paid, May in a draft list, Jun–Jul scheduled."""
    award = grant(
        "hardship-tuberculosis",
        amount="26510",
        decided_on=D(2020, 1, 20),
        mrp_value="2651",
        period=(D(2020, 2, 1), D(2020, 7, 31)),
    )
    paid = payment_list_build(
        title="Фев–апр", period_start=D(2020, 2, 1), period_end=D(2020, 4, 30), actor=administrator
    )
    payment_list_mark_sent(payment_list=paid, actor=administrator)
    payment_list_mark_paid(payment_list=paid, paid_on=D(2020, 5, 5), actor=administrator)
    payment_list_build(
        title="Май", period_start=D(2020, 5, 1), period_end=D(2020, 5, 31), actor=administrator
    )
    return award


def statuses(award):
    return list(award.payments.order_by("due_on").values_list("due_on", "status"))


def test_death_in_march_cancels_from_march_and_leaves_overpayment(paid_through_april, caseworker):
    award = paid_through_april
    termination = award_terminate(
        award=award, reason="death", event_date=D(2020, 3, 17), actor=caseworker
    )
    assert statuses(award) == [
        (D(2020, 2, 1), "paid"),
        (D(2020, 3, 1), "paid"),
        (D(2020, 4, 1), "paid"),
        (D(2020, 5, 1), "cancelled"),
        (D(2020, 6, 1), "cancelled"),
        (D(2020, 7, 1), "cancelled"),
    ]
    assert not PaymentListItem.objects.filter(payment__due_on=D(2020, 5, 1)).exists()
    award.refresh_from_db()
    assert award.status == Award.Status.TERMINATED
    recovery = termination.recovery
    # March at 2 651 and April at 2 778 (p30): 26 510 + 27 780.
    assert recovery.amount == Decimal("54290.00")
    assert recovery.balance == Decimal("54290.00")
    assert "смерть получателя с 17.03.2020" in recovery.reason


def test_repayments_reduce_balance_and_close_recovery(paid_through_april, caseworker):
    recovery = award_terminate(
        award=paid_through_april, reason="moved_out", event_date=D(2020, 4, 2), actor=caseworker
    ).recovery
    assert recovery.amount == Decimal("27780.00")
    recovery_repay(
        recovery=recovery,
        kind="voluntary",
        paid_on=D(2020, 6, 1),
        amount=Decimal("10000"),
        actor=caseworker,
    )
    with pytest.raises(RepaymentTooLarge, match="17\u00a0780,00"):
        recovery_repay(
            recovery=recovery,
            kind="enforced",
            paid_on=D(2020, 7, 1),
            amount=Decimal("20000"),
            actor=caseworker,
        )
    recovery_repay(
        recovery=recovery,
        kind="enforced",
        paid_on=D(2020, 8, 1),
        amount=Decimal("17780"),
        actor=caseworker,
    )
    recovery.refresh_from_db()
    assert recovery.balance == 0
    assert (recovery.status, recovery.closed_on) == (Recovery.Status.CLOSED, D(2020, 8, 1))


def test_termination_after_last_paid_month_leaves_no_debt(paid_through_april, caseworker):
    termination = award_terminate(
        award=paid_through_april,
        reason="state_institution",
        event_date=D(2020, 5, 20),
        actor=caseworker,
    )
    assert not Recovery.objects.exists()
    assert termination.recorded_by == caseworker
    with pytest.raises(AwardNotActive):
        award_terminate(
            award=paid_through_april, reason="death", event_date=D(2020, 6, 1), actor=caseworker
        )
