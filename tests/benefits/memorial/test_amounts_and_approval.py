"""Amounts from the category rule and the MRP of the memorial date (p5, p6, p30), the lump sum
of p5.3 paid once, the akimat's approval (p15) and one payment per person, occasion and year."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from benefits.memorial_resources import MemorialListResource
from benefits.models import Award, LumpSumPayment, MemorialList, MemorialListRow, ScheduledPayment
from benefits.services.memorial import (
    MemorialListLocked,
    memorial_list_approve,
    memorial_list_create,
    memorial_preview_from_file,
    memorial_row_remove,
)
from benefits.services.payments import payment_list_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def load(memorial_file, administrator):
    def build(occasion, year, rows, pay_date=None):
        content = memorial_file["csv"](rows)
        return memorial_list_create(
            occasion=occasion,
            year=year,
            rows=MemorialListResource().read(content, "l.csv"),
            file_name="l.csv",
            actor=administrator,
            pay_date=pay_date,
        )

    return build


@pytest.mark.parametrize(
    ("occasion", "code", "year", "amount", "multiple", "mrp"),
    [
        # 31 May 2020 is after the MRP change of 1 April 2020: 3 × 2 778.
        ("repression_day", "repression-victims", 2020, "8334.00", "3.00", "2778.00"),
        ("repression_day", "repression-victims", 2022, "9540.00", "3.00", "3180.00"),
        # 15 February comes before the April changes: 30 × 2 651 and 30 × 3 063.
        (
            "afghanistan_day",
            "afghanistan-equated-participants",
            2020,
            "79530.00",
            "30.00",
            "2651.00",
        ),
        (
            "afghanistan_day",
            "afghanistan-equated-participants",
            2022,
            "91890.00",
            "30.00",
            "3063.00",
        ),
        ("chernobyl_day", "chernobyl-liquidators", 2022, "95400.00", "30.00", "3180.00"),
        ("nuclear_day", "nuclear-tests-disabled", 2020, "83340.00", "30.00", "2778.00"),
        ("victory_day", "victory-widows", 2020, "100000.00", None, None),
        ("victory_day", "victory-wwii-veterans", 2022, "1000000.00", None, None),
    ],
)
def test_amount_by_category_and_year(memorial_file, occasion, code, year, amount, multiple, mrp):
    content = memorial_file["csv"]([memorial_file["line"](code)])
    preview = memorial_preview_from_file(
        occasion=occasion, year=year, content=content, file_name="l.csv"
    )
    line = preview.good_lines[0]
    assert line.amount == Decimal(amount)
    assert line.mrp_multiple == (Decimal(multiple) if multiple else None)
    assert line.mrp_value == (Decimal(mrp) if mrp else None)


def test_social_support_is_paid_at_the_mrp_of_the_date_given(load, memorial_file):
    rows = [memorial_file["line"]("support-widows")]
    january = load("social_support", 2022, rows, pay_date=datetime.date(2022, 3, 1))
    assert january.rows.get().amount == Decimal("122520.00")  # 40 × 3 063
    rows = [memorial_file["line"]("support-widows")]
    may = load("social_support", 2023, rows, pay_date=datetime.date(2023, 5, 1))
    assert may.rows.get().amount == Decimal("138000.00")  # 40 × 3 450


def test_lump_sum_of_40_mrp_is_paid_only_once(load, memorial_file, administrator):
    iin = memorial_file["iin"]()
    first = load(
        "afghanistan_day", 2022, [memorial_file["line"]("afghanistan-equated-disabled", iin=iin)]
    )
    row = first.rows.get()
    assert (row.mrp_multiple, row.lump_sum, row.lump_sum_mrp) == (
        Decimal("30"),
        True,
        Decimal("40"),
    )
    assert row.amount == Decimal("214410.00")  # (30 + 40) × 3 063
    memorial_list_approve(memorial_list=first, actor=administrator, on=datetime.date(2022, 2, 10))
    paid = LumpSumPayment.objects.get()
    assert (paid.person.iin, paid.year, paid.amount) == (iin, 2022, Decimal("122520.00"))

    second = load(
        "afghanistan_day", 2023, [memorial_file["line"]("afghanistan-equated-disabled", iin=iin)]
    )
    row = second.rows.get()
    assert (row.lump_sum, row.lump_sum_mrp, row.amount) == (False, None, Decimal("103500.00"))
    assert LumpSumPayment.objects.count() == 1


def test_lump_sum_record_is_unique_in_the_database(load, memorial_file, administrator):
    iin = memorial_file["iin"]()
    memorial_list = load(
        "afghanistan_day", 2022, [memorial_file["line"]("afghanistan-equated-disabled", iin=iin)]
    )
    memorial_list_approve(memorial_list=memorial_list, actor=administrator)
    paid = LumpSumPayment.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        LumpSumPayment.objects.create(
            person=paid.person,
            category=paid.category,
            row=paid.row,
            year=2023,
            mrp_multiple=40,
            amount=1,
        )


def test_database_forbids_paying_a_person_twice_for_one_occasion_and_year(
    load, memorial_file, administrator
):
    iin = memorial_file["iin"]()
    first = load("chernobyl_day", 2022, [memorial_file["line"]("chernobyl-liquidators", iin=iin)])
    row = first.rows.get()
    other = MemorialList.objects.create(
        occasion="chernobyl_day",
        year=2022,
        pay_date=datetime.date(2022, 4, 26),
        source_file_name="second.csv",
        created_by=administrator,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        MemorialListRow.objects.create(
            memorial_list=other,
            line_number=2,
            person=row.person,
            category=row.category,
            occasion="chernobyl_day",
            year=2022,
            amount=Decimal("1"),
            iban=row.iban,
        )
    # Another year, or another occasion, is a payment of its own.
    MemorialListRow.objects.create(
        memorial_list=other,
        line_number=3,
        person=row.person,
        category=row.category,
        occasion="chernobyl_day",
        year=2023,
        amount=Decimal("1"),
        iban=row.iban,
    )


def test_preview_of_a_second_list_names_the_person_already_paid(load, memorial_file):
    iin = memorial_file["iin"]()
    first = load("chernobyl_day", 2022, [memorial_file["line"]("chernobyl-liquidators", iin=iin)])
    content = memorial_file["csv"]([memorial_file["line"]("chernobyl-liquidators", iin=iin)])
    preview = memorial_preview_from_file(
        occasion="chernobyl_day", year=2022, content=content, file_name="again.csv"
    )
    assert preview.report() == [
        f"Строка 2: гражданину уже назначена выплата к этой дате за 2022 год (список № {first.pk})"
    ]


def test_approval_locks_the_list_and_makes_awards_ready_for_a_payment_list(
    load, memorial_file, administrator
):
    rows = [memorial_file["line"]("victory-widows"), memorial_file["line"]("victory-rear-workers")]
    memorial_list = load("victory_day", 2022, rows)
    approved = memorial_list_approve(
        memorial_list=memorial_list,
        actor=administrator,
        decision_number="123",
        on=datetime.date(2022, 5, 4),
    )

    assert approved.status == MemorialList.Status.APPROVED
    assert approved.approved_by == administrator
    awards = Award.objects.filter(memorial_row__memorial_list=approved).order_by("id")
    assert [(a.amount, a.occasion_year, a.periodicity) for a in awards] == [
        (Decimal("100000.00"), 2022, "once"),
        (Decimal("100000.00"), 2022, "once"),
    ]
    payments = ScheduledPayment.objects.filter(award__in=awards)
    # p5: dated by the memorial date, not by the approval of 4 May.
    assert {(p.due_on, p.amount, p.status) for p in payments} == {
        (datetime.date(2022, 5, 9), Decimal("100000.00"), "scheduled")
    }
    assert payments.first().purpose == "День Победы — 9 мая, 2022 год"

    with pytest.raises(MemorialListLocked, match="утверждён акиматом"):
        memorial_row_remove(row=approved.rows.first(), actor=administrator)
    with pytest.raises(MemorialListLocked):
        memorial_list_approve(memorial_list=approved, actor=administrator)
    assert approved.rows.count() == 2

    listed = payment_list_build(
        title="9 мая",
        period_start=datetime.date(2022, 5, 1),
        period_end=datetime.date(2022, 5, 31),
        actor=administrator,
        occasion="victory_day",
    )
    assert listed.items.count() == 2


def test_draft_row_can_be_removed(load, memorial_file, administrator):
    memorial_list = load(
        "victory_day",
        2022,
        [memorial_file["line"]("victory-widows"), memorial_file["line"]("victory-widows")],
    )
    memorial_row_remove(row=memorial_list.rows.first(), actor=administrator)
    assert memorial_list.rows.count() == 1
