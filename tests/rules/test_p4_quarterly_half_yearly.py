"""p4: «Социальная помощь предоставляется единовременно и (или) периодически (ежемесячно,
ежеквартально, 1 раз в полугодие)». A category's rule set by the administrator to quarterly or
once a half-year is granted over the decision's period as monthly aid is: each payment on the
first of its month, one a quarter or half-year, of the amount decided (one payment's, within
the category's cap), an amount in MRP following the MRP in force when it is paid (p30);
termination stops it from the month of the event (p27) and what was paid for those months is
recovered (p28)."""

import csv
import io
from decimal import Decimal

import pytest

from applications.reference.models import Category, CategoryRule
from benefits.exceptions import AmountAboveCap, BenefitsError
from benefits.exports import esobes_rows, write_csv
from benefits.models import PaymentList, Recovery, ScheduledPayment
from benefits.selectors import esobes_payments
from benefits.services.awards import award_create
from benefits.services.payments import (
    payment_list_build,
    payment_list_mark_paid,
    payment_list_mark_sent,
)
from benefits.services.recovery import award_terminate, recovery_repay
from tests.conftest import login

from .conftest import D

TB = "hardship-tuberculosis"  # p7.2: up to 10 MRP, set here quarterly or half-yearly
YEAR_FROM_OCTOBER = (D(2025, 10, 1), D(2026, 9, 30))
Status = ScheduledPayment.Status


def periodic_rule(periodicity: str) -> CategoryRule:
    """The administrator's new rule of p7.2 from 2025: the same cap of 10 MRP, paid
    `periodicity`."""
    category = Category.objects.get(code=TB)
    current = category.rule_on(D(2024, 12, 31))
    current.effective_to = D(2024, 12, 31)
    current.save()
    return CategoryRule.objects.create(
        category=category,
        effective_from=D(2025, 1, 1),
        amount_rule=current.amount_rule,
        mrp_multiple=current.mrp_multiple,
        periodicity=periodicity,
        income_test=current.income_test,
    )


@pytest.fixture
def periodic_award(grant):
    """10 MRP (39 320 ₸ at the MRP of 2025) granted on 15 September 2025 for October 2025 to
    September 2026 under a quarterly or half-yearly rule."""

    def build(periodicity: str, period=YEAR_FROM_OCTOBER):
        periodic_rule(periodicity)
        return grant(TB, amount="39320", decided_on=D(2025, 9, 15), mrp_value="3932", period=period)

    return build


def schedule(award) -> list[tuple]:
    return list(award.payments.order_by("due_on").values_list("due_on", "amount", "mrp_value"))


def statuses(award) -> dict:
    return dict(award.payments.values_list("due_on", "status"))


def pay(title: str, start, end, *, paid_on, actor) -> PaymentList:
    """A payment list of the months from `start` to `end`, sent to the bank and paid (p29)."""
    payment_list = payment_list_build(title=title, period_start=start, period_end=end, actor=actor)
    payment_list_mark_sent(payment_list=payment_list, actor=actor)
    payment_list_mark_paid(payment_list=payment_list, paid_on=paid_on, actor=actor)
    return payment_list


class TestSchedules:
    def test_quarterly_one_payment_a_quarter_at_the_mrp_of_its_year(self, periodic_award):
        award = periodic_award("quarterly")
        assert award.periodicity == "quarterly"
        assert schedule(award) == [
            (D(2025, 10, 1), Decimal("39320.00"), Decimal("3932.00")),
            # from 1 January 2026 the MRP is 4 325 ₸: 10 × 4 325 (p30), as monthly aid
            (D(2026, 1, 1), Decimal("43250.00"), Decimal("4325.00")),
            (D(2026, 4, 1), Decimal("43250.00"), Decimal("4325.00")),
            (D(2026, 7, 1), Decimal("43250.00"), Decimal("4325.00")),
        ]
        assert (award.start, award.end) == (D(2025, 10, 1), D(2026, 7, 1))

    def test_half_yearly_one_payment_a_half_year(self, periodic_award):
        award = periodic_award("half_yearly")
        assert award.periodicity == "half_yearly"
        assert schedule(award) == [
            (D(2025, 10, 1), Decimal("39320.00"), Decimal("3932.00")),
            (D(2026, 4, 1), Decimal("43250.00"), Decimal("4325.00")),
        ]

    def test_a_quarter_begun_is_paid(self, periodic_award):
        """Five months, October to February: the quarter from October and the one from
        January."""
        award = periodic_award("quarterly", period=(D(2025, 10, 15), D(2026, 2, 10)))
        assert [due for due, _amount, _mrp in schedule(award)] == [D(2025, 10, 1), D(2026, 1, 1)]

    def test_an_amount_in_tenge_stays_as_decided(self, person_factory, caseworker):
        """Without an MRP behind it the amount is paid as it is, after 1 January too."""
        award = award_create(
            recipient=person_factory(),
            category=Category.objects.get(code=TB),
            amount=Decimal("30000.00"),
            basis={},
            periodicity="half_yearly",
            first_due=D(2025, 11, 20),
            months=12,
            actor=caseworker,
        )
        assert schedule(award) == [
            (D(2025, 11, 1), Decimal("30000.00"), None),
            (D(2026, 5, 1), Decimal("30000.00"), None),
        ]

    def test_each_payment_is_capped_as_a_monthly_one(self, grant):
        """The cap of 10 MRP is one payment's: a quarter's payment is not three months' cap."""
        periodic_rule("quarterly")
        with pytest.raises(AmountAboveCap, match="больше предельной"):
            grant(
                TB,
                amount="39320.01",
                decided_on=D(2025, 9, 15),
                mrp_value="3932",
                period=YEAR_FROM_OCTOBER,
            )
        assert not ScheduledPayment.objects.exists()

    def test_the_period_is_asked_for(self, grant):
        periodic_rule("quarterly")
        with pytest.raises(BenefitsError, match="Помощь выплачивается ежеквартально: укажите"):
            grant(TB, amount="39320", decided_on=D(2025, 9, 15), mrp_value="3932")
        assert not ScheduledPayment.objects.exists()


class TestTerminationAndRecovery:
    @pytest.fixture
    def paid_october_and_january(self, periodic_award, administrator):
        """The quarterly award with its October and January payments paid by the bank."""
        award = periodic_award("quarterly")
        pay("Октябрь", D(2025, 10, 1), D(2025, 10, 31), paid_on=D(2025, 10, 6), actor=administrator)
        pay("Январь", D(2026, 1, 1), D(2026, 1, 31), paid_on=D(2026, 1, 8), actor=administrator)
        return award

    def test_p27_terminated_mid_quarter_cancels_exactly_the_later_payments(
        self, paid_october_and_january, administrator, caseworker
    ):
        award = paid_october_and_january
        draft = payment_list_build(
            title="Апрель",
            period_start=D(2026, 4, 1),
            period_end=D(2026, 4, 30),
            actor=administrator,
        )
        assert draft.items.count() == 1
        award_terminate(
            award=award, reason="moved_out", event_date=D(2026, 2, 10), actor=caseworker
        )
        assert statuses(award) == {
            D(2025, 10, 1): Status.PAID,
            D(2026, 1, 1): Status.PAID,
            D(2026, 4, 1): Status.CANCELLED,  # taken out of the draft list as well
            D(2026, 7, 1): Status.CANCELLED,
        }
        assert draft.items.count() == 0
        # January's payment was for January to March; payment stops from February (p27), so
        # February and March were paid in excess: two thirds of 43 250 ₸ (p28).
        recovery = Recovery.objects.get(award=award)
        assert recovery.amount == Decimal("28833.33")

    def test_p27_terminated_in_the_first_month_of_no_quarter_paid_recovers_nothing(
        self, paid_october_and_january, caseworker
    ):
        award = paid_october_and_january
        payment = award.payments.get(due_on=D(2026, 1, 1))
        assert payment.status == Status.PAID
        award_terminate(award=award, reason="moved_out", event_date=D(2026, 4, 1), actor=caseworker)
        assert statuses(award)[D(2026, 4, 1)] == Status.CANCELLED
        assert not Recovery.objects.filter(award=award).exists()  # January to March all owed

    def test_p28_a_quarterly_payment_paid_for_the_month_of_the_event_is_recovered(
        self, paid_october_and_january, caseworker
    ):
        award = paid_october_and_january
        termination = award_terminate(
            award=award, reason="death", event_date=D(2026, 1, 20), actor=caseworker
        )
        assert statuses(award)[D(2026, 4, 1)] == Status.CANCELLED
        assert statuses(award)[D(2026, 7, 1)] == Status.CANCELLED
        recovery = termination.recovery
        assert recovery.amount == Decimal("43250.00")  # January's payment, at the MRP of 2026
        assert "20.01.2026" in recovery.reason
        for part, day in (
            (Decimal("40000.00"), D(2026, 3, 2)),
            (Decimal("3250.00"), D(2026, 4, 1)),
        ):
            recovery_repay(
                recovery=recovery, kind="voluntary", paid_on=day, amount=part, actor=caseworker
            )
        recovery.refresh_from_db()
        assert (recovery.status, recovery.closed_on) == (Recovery.Status.CLOSED, D(2026, 4, 1))


class TestAwardPage:
    @pytest.mark.parametrize(
        ("periodicity", "russian", "kazakh", "months"),
        [
            (
                "quarterly",
                "ежеквартально",
                "тоқсан сайын",
                ["10.2025", "01.2026", "04.2026", "07.2026"],
            ),
            ("half_yearly", "раз в полугодие", "жарты жылда бір рет", ["10.2025", "04.2026"]),
        ],
    )
    def test_the_award_page_names_the_periodicity_and_the_months(
        self, client, caseworker, periodic_award, periodicity, russian, kazakh, months
    ):
        award = periodic_award(periodicity)
        page = login(client, caseworker).get(award.get_absolute_url()).content.decode()
        assert f"<td>{russian}</td>" in page
        assert [m for m in months if f"<td>{m}</td>" in page] == months
        assert "43\u00a0250,00\u00a0₸" in page
        caseworker.language = "kk"
        caseworker.save(update_fields=["language"])
        page = client.get(award.get_absolute_url()).content.decode()
        assert f"<td>{kazakh}</td>" in page
        assert russian not in page


def test_p32_the_e_sobes_file_gives_the_periodicity_and_each_quarters_payment(periodic_award):
    """docs/esobes_export.md: PERIODICITY `quarterly`, one row a quarter with its MRP."""
    periodic_award("quarterly")
    payments = esobes_payments(date_from=D(2025, 9, 1), date_to=D(2025, 9, 30))
    text = "".join(write_csv(esobes_rows(payments)))
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [
        (r["PERIODICITY"], r["DUE_DATE"], r["MRP_VALUE"], r["AMOUNT"], r["PAY_STATUS"])
        for r in rows
    ] == [
        ("quarterly", "2025-10-01", "3932.00", "39320.00", "scheduled"),
        ("quarterly", "2026-01-01", "4325.00", "43250.00", "scheduled"),
        ("quarterly", "2026-04-01", "4325.00", "43250.00", "scheduled"),
        ("quarterly", "2026-07-01", "4325.00", "43250.00", "scheduled"),
    ]
