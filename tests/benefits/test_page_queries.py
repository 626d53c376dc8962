"""The pages of awards, payment lists, budgets and the report read as many queries with N rows as
with 2N: the lists in each of their shapes (page 1, filtered, searched, a later page), an award
with N payments, recoveries and repayments, a payment list of N rows, a year of N budget
overrides and awards, a report of N months."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benefits import views
from benefits.models import Budget
from benefits.services.budgets import budget_override_record
from benefits.services.payments import (
    payment_list_build,
    payment_list_mark_paid,
    payment_list_mark_sent,
)
from benefits.services.recovery import award_terminate, recovery_open, recovery_repay
from tests.conftest import login

D = datetime.date
pytestmark = pytest.mark.django_db
N = 3


def queries_of(client, url: str, params: dict | None = None) -> int:
    """The queries of a page once what it keeps (the menu) is kept."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx)


def month(year: int, k: int) -> D:
    """The first day of the k-th month after January of the year."""
    return D(year + k // 12, k % 12 + 1, 1)


def paid_list(*, title: str, start: D, end: D, actor):
    """A payment list of what is due in the period, sent and paid by the bank (p29)."""
    payment_list = payment_list_build(title=title, period_start=start, period_end=end, actor=actor)
    payment_list_mark_sent(payment_list=payment_list, actor=actor)
    payment_list_mark_paid(payment_list=payment_list, paid_on=end, actor=actor)
    return payment_list


def test_the_award_list_reads_as_many_queries_for_n_and_2n_awards_in_every_shape(
    client, caseworker, grant, okrug, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)  # so that N awards make a second page
    login(client, caseworker)
    made = []

    def add(n: int) -> None:
        for k in range(n):
            day = D(2022, 2, 1) + datetime.timedelta(days=len(made) + k)
            made.append(grant(amount="20000", decided_on=day, mrp_value="3063"))

    def shapes() -> dict[str, int]:
        first = made[0]
        params = {
            "page 1": {},
            "filtered": {"status": "active", "category": first.category_id, "okrug": okrug.pk},
            "by surname": {"q": first.recipient.surname},
            "by IIN": {"q": first.recipient.iin[:4]},
            "page 2": {"page": 2},
        }
        url = reverse("benefits:award_list")
        return {name: queries_of(client, url, p) for name, p in params.items()}

    add(N)
    n = shapes()
    add(N)
    assert shapes() == n


def test_an_award_page_reads_as_many_queries_for_n_and_2n_payments_and_recoveries(
    client, caseworker, auditor, administrator, grant
):
    """A monthly award of N months, the first paid through a list, terminated in its last
    month, with N recoveries of N repayments each (p27, p28, p30), against 2N of each."""

    def award_of(n: int, year: int):
        award = grant(
            "hardship-tuberculosis",
            amount="26510",
            decided_on=D(year, 1, 20),
            mrp_value="2651",
            period=(month(year, 1), month(year, n + 1) - datetime.timedelta(days=1)),
        )
        paid_list(title=str(year), start=month(year, 1), end=month(year, 2), actor=administrator)
        award_terminate(award=award, reason="death", event_date=month(year, n), actor=caseworker)
        for k in range(n):
            recovery = recovery_open(
                award=award, amount=Decimal(1000), opened_on=month(year, n), reason=f"№ {k}"
            )
            for _ in range(n):
                recovery_repay(
                    recovery=recovery,
                    kind="voluntary",
                    paid_on=month(year, n),
                    amount=Decimal(10),
                    actor=caseworker,
                )
        return award

    few, more = award_of(N, 2020), award_of(2 * N, 2022)
    assert more.payments.count() == 2 * few.payments.count()
    for user in (caseworker, auditor):
        login(client, user)
        assert queries_of(client, few.get_absolute_url()) == queries_of(
            client, more.get_absolute_url()
        ), user.username


def test_the_payment_lists_read_as_many_queries_for_n_and_2n_lists_and_rows(
    client, administrator, grant, monkeypatch
):
    """The index with N lists and a list of N rows, page 1 and page 2, against 2N."""
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "ITEMS_PAGE_SIZE", 2)
    login(client, administrator)

    def lists_of(n: int, year: int) -> str:
        for k in range(n):
            grant(amount="20000", decided_on=D(year, 2, 1 + k), mrp_value="3063")
        payment_list = payment_list_build(
            title=str(year),
            period_start=D(year, 1, 1),
            period_end=D(year, 12, 31),
            actor=administrator,
        )
        for k in range(n - 1):
            grant(amount="20000", decided_on=D(year, 3, 1 + k), mrp_value="3063")
            payment_list_build(
                title=f"{year}-{k}",
                period_start=D(year, 3, 1 + k),
                period_end=D(year, 3, 1 + k),
                actor=administrator,
            )
        return payment_list.get_absolute_url()

    def shapes(url: str) -> dict[str, int]:
        index = reverse("benefits:payment_list_index")
        return {
            "index": queries_of(client, index),
            "index page 2": queries_of(client, index, {"page": 2}),
            "list": queries_of(client, url),
            "list page 2": queries_of(client, url, {"page": 2}),
        }

    n = shapes(lists_of(N, 2022))
    assert shapes(lists_of(2 * N, 2023)) == n


def test_the_budget_dashboard_reads_as_many_queries_for_n_and_2n_overrides(
    client, administrator, grant
):
    """A year with N awards and N overrides of its budgets (p31), against 2N."""
    login(client, administrator)
    budget = Budget.objects.create(year=2022, programme="hardship", amount=Decimal("1000000"))

    def add(n: int) -> None:
        for k in range(n):
            award = grant(amount="20000", decided_on=D(2022, 2, 1 + k), mrp_value="3063")
            budget_override_record(
                budget=budget,
                amount=Decimal(5000),
                reason="Пожар в с. Сунаката, решение акима",
                application=award.application,
                actor=administrator,
            )

    url = reverse("benefits:budget_dashboard")
    add(N)
    n = queries_of(client, url, {"year": 2022})
    add(N)
    assert queries_of(client, url, {"year": 2022}) == n


def test_the_report_reads_as_many_queries_for_n_and_2n_months(
    client, auditor, administrator, grant
):
    """N months with an award decided and paid in each (p32), against 2N."""
    login(client, auditor)
    made = []

    def add(n: int) -> None:
        for _ in range(n):
            decided = month(2021, len(made))
            made.append(grant(amount="20000", decided_on=decided, mrp_value="3063"))
            paid_list(
                title=str(decided),
                start=decided,
                end=decided + datetime.timedelta(days=27),
                actor=administrator,
            )

    url = reverse("benefits:report")
    period = {"date_from": "2021-01-01", "date_to": "2022-12-31"}
    add(N)
    n = queries_of(client, url, period)
    add(N)
    assert queries_of(client, url, period) == n
