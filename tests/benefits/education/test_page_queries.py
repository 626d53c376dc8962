"""The education aid pages read as many queries with N rows as with 2N: the list of cases (page
1 and page 2), the receipts overdue, and a case of N academic years, each paid, its money
arrived and, after the expulsion, to be returned (p11–p13)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from benefits import education_views
from benefits.services.education import (
    education_case_decide,
    education_case_expel,
    education_transfer_record,
    education_year_continue,
)
from tests.benefits.test_page_queries import N, queries_of
from tests.conftest import login

from .conftest import at
from .test_education import pay_out

D = datetime.date
REGISTERED = D(2024, 8, 20)
pytestmark = pytest.mark.django_db


def awarded_with_money_arrived(education_case, caseworker, *, registered_on=REGISTERED):
    """A case decided, its first year paid out and the money on the student's account."""
    decided = registered_on + datetime.timedelta(days=2)
    case = education_case(registered_on=registered_on, academic_year=registered_on.year)
    education_case_decide(case=case, actor=caseworker, on=decided)
    year = case.years.get()
    pay_out(year, caseworker, paid_on=decided + datetime.timedelta(days=5))
    education_transfer_record(
        year=year, arrived_on=decided + datetime.timedelta(days=5), actor=caseworker
    )
    return case


def test_the_list_and_the_overdue_receipts_read_as_many_queries_for_n_and_2n_cases(
    client, caseworker, education_case, monkeypatch
):
    monkeypatch.setattr(education_views, "PAGE_SIZE", 2)  # so that N cases make a second page

    def add(n: int) -> None:
        for _ in range(n):
            awarded_with_money_arrived(education_case, caseworker)

    def shapes() -> dict[str, int]:
        with time_machine.travel(at(D(2024, 9, 20)), tick=False):
            login(client, caseworker)
            return {
                "list": queries_of(client, reverse("benefits:education_list")),
                "list page 2": queries_of(client, reverse("benefits:education_list"), {"page": 2}),
                "overdue": queries_of(client, reverse("benefits:education_overdue")),
            }

    add(N)
    n = shapes()
    add(N)
    overdue = shapes()
    assert overdue == n


def test_a_case_page_reads_as_many_queries_for_n_and_2n_academic_years(
    client, caseworker, auditor, education_case
):
    def case_of(years: int):
        case = awarded_with_money_arrived(education_case, caseworker, registered_on=D(2022, 8, 20))
        for k in range(1, years):
            year = education_year_continue(
                case=case,
                academic_year=2022 + k,
                tuition=Decimal("900000"),
                actor=caseworker,
                on=D(2022 + k, 8, 28),
            )
            pay_out(year, caseworker, paid_on=D(2022 + k, 9, 3))
        education_case_expel(
            case=case, reason="absence", expelled_on=D(2026, 1, 12), actor=caseworker
        )
        return case

    few, more = case_of(2), case_of(4)
    assert more.years.count() == 2 * few.years.count()
    for user in (caseworker, auditor):
        login(client, user)
        assert queries_of(client, few.get_absolute_url()) == queries_of(
            client, more.get_absolute_url()
        ), user.username
