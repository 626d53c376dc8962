"""p30: «Социальная помощь выплачивается с учетом изменения размера месячного расчетного
показателя, утверждаемого в законе о республиканском бюджете на соответствующий финансовый год».

An amount in MRP is the multiple × the MRP in force (on the conclusion or decision date); a
periodic payment set in MRP follows the MRP in force on its due date. MRP: 2 651 ₸ from
1.01.2020, 2 778 ₸ from 1.04.2020; 3 063 ₸ from 1.01.2022, 3 180 ₸ from 1.04.2022
(reference/mrp.csv)."""

from decimal import Decimal

import pytest

from applications.reference import rules
from applications.reference.models import Category
from applications.reference.selectors import mrp_amount, mrp_on
from benefits.services.awards import award_create
from commissions.caps import category_cap

from .conftest import D


@pytest.mark.parametrize(
    ("multiple", "mrp", "tenge"),
    [
        ("10", "3063", "30630.00"),
        ("7.6", "3932", "29883.20"),
        ("3", "2651", "7953.00"),
        ("0.5", "0.05", "0.03"),  # half a tiyn: up
        ("0.5", "0.03", "0.02"),
        ("1", "0.014", "0.01"),  # below half a tiyn: down
    ],
)
def test_an_amount_in_mrp_in_tenge_to_the_tiyn(multiple, mrp, tenge):
    assert str(rules.mrp_amount(Decimal(multiple), Decimal(mrp))) == tenge


def test_both_sides_of_an_mrp_change(db):
    assert mrp_amount(Decimal("10"), D(2022, 3, 31)) == Decimal("30630.00")
    assert mrp_amount(Decimal("10"), D(2022, 4, 1)) == Decimal("31800.00")
    tb = Category.objects.get(code="hardship-tuberculosis")
    assert category_cap(category=tb, members=1, on=D(2020, 3, 31)).amount == Decimal("26510.00")
    assert category_cap(category=tb, members=1, on=D(2020, 4, 1)).amount == Decimal("27780.00")


@pytest.mark.parametrize(
    ("amount", "then", "now", "paid"),
    [
        ("26510.00", "2651", "2651", "26510.00"),  # the same MRP
        ("26510.00", "2651", "2778", "27780.00"),  # after 1.04.2020
        ("13255.00", "2651", "2778", "13890.00"),  # 5 MRP
        ("100.00", "3", "1", "33.33"),
        ("200.00", "3", "1", "66.67"),
        ("0.05", "2", "1", "0.03"),  # half a tiyn: up
    ],
)
def test_a_periodic_payment_follows_the_mrp_of_its_due_date(amount, then, now, paid):
    result = rules.amount_at_mrp(Decimal(amount), mrp_then=Decimal(then), mrp_now=Decimal(now))
    assert str(result) == paid


def test_an_amount_in_tenge_does_not_follow_the_mrp():
    amount = Decimal("1000000")
    assert rules.amount_at_mrp(amount, mrp_then=None, mrp_now=Decimal("4325")) is amount


def test_the_share_of_the_mrp_an_amount_is():
    assert rules.amount_in_mrp(Decimal("36920"), Decimal("3692")) == Decimal("10.0000")
    assert rules.amount_in_mrp(Decimal("1"), Decimal("3")) == Decimal("0.3333")
    assert rules.amount_in_mrp(Decimal("2"), Decimal("3")) == Decimal("0.6667")
    assert rules.amount_in_mrp(Decimal("0.00005"), Decimal("1")) == Decimal("0.0001")  # half up


def test_monthly_payments_across_the_change_of_1_april_2020(db, person_factory, caseworker):
    """5 MRP a month decided in February 2020: 13 255 ₸ in February and March, 13 890 ₸ from
    April, each payment with the MRP it was paid at."""
    award = award_create(
        recipient=person_factory(),
        category=Category.objects.get(code="hardship-tuberculosis"),
        amount=Decimal("13255.00"),
        basis={"mrp_value": "2651", "mrp_multiple": "5"},
        periodicity="monthly",
        first_due=D(2020, 2, 1),
        months=4,
        actor=caseworker,
    )
    payments = list(award.payments.order_by("due_on").values_list("due_on", "amount", "mrp_value"))
    assert payments == [
        (D(2020, 2, 1), Decimal("13255.00"), Decimal("2651.00")),
        (D(2020, 3, 1), Decimal("13255.00"), Decimal("2651.00")),
        (D(2020, 4, 1), Decimal("13890.00"), Decimal("2778.00")),
        (D(2020, 5, 1), Decimal("13890.00"), Decimal("2778.00")),
    ]
    assert mrp_on(D(2020, 4, 1)).value == Decimal("2778")
