"""Awards and payment lists as the office works from them: narrowed by their filters and taken
to Excel, the filter in the sheet's title, the rows read back."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from applications.reference.models import Category
from benefits.services.payments import payment_list_build
from tests.conftest import login
from zhanakorgan_aid import spreadsheets

D = datetime.date
pytestmark = pytest.mark.django_db


def read_back(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def awards(grant):
    """February's and March's low-income grants and April's tuberculosis one."""
    return [
        grant(amount="20000", decided_on=D(2022, 2, 1), mrp_value="3063"),
        grant(amount="25000", decided_on=D(2022, 3, 15), mrp_value="3063"),
        grant(
            "hardship-tuberculosis",
            amount="30630",
            decided_on=D(2022, 4, 1),
            mrp_value="3063",
            period=(D(2022, 4, 1), D(2022, 9, 30)),
        ),
    ]


def award_numbers(client, **params) -> set[int]:
    html = client.get(reverse("benefits:award_list"), params).content.decode()
    return {int(n) for n in re.findall(r'<a href="/awards/(\d+)/"', html)}


def test_the_award_list_narrows_by_the_days_of_the_decision(client, caseworker, awards):
    february, march, april = awards
    login(client, caseworker)
    assert award_numbers(client) >= {february.pk, march.pk, april.pk}
    assert award_numbers(client, decided_from="2022-03-01") == {march.pk, april.pk}
    assert award_numbers(client, decided_from="2022-03-01", decided_to="2022-03-31") == {march.pk}


def test_the_awards_found_export_with_the_filter_in_the_title(client, caseworker, awards):
    february, march, april = awards
    login(client, caseworker)
    low_income = Category.objects.get(code="hardship-low-income")
    rows = read_back(
        client.get(
            reverse("benefits:award_list_export"),
            {"category": low_income.pk, "decided_from": "2022-03-01", "decided_to": "2022-04-30"},
        )
    )
    assert rows[0][0] == (
        f"Назначения — Категория: {low_income}, Решение с: 01.03.2022, Решение по: 30.04.2022"
    )
    assert rows[1][:3] == ["№", "Дата решения", "Получатель"]
    assert [row[0] for row in rows[2:]] == [march.pk]
    assert rows[2][1] == "15.03.2022" and rows[2][5] == "п. 7.4"
    assert rows[2][7] == 25000  # the amount a number, summed in Excel
    everything = read_back(client.get(reverse("benefits:award_list_export")))
    assert everything[0][0] == "Назначения"
    assert {row[0] for row in everything[2:]} == {february.pk, march.pk, april.pk}


def test_too_many_awards_are_refused_with_a_message(client, caseworker, awards, monkeypatch):
    monkeypatch.setattr(spreadsheets, "EXPORT_ROW_CAP", 2)
    login(client, caseworker)
    response = client.get(reverse("benefits:award_list_export"), {"status": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("benefits:award_list") + "?status="
    page = client.get(response["Location"]).content.decode()
    assert "Найдено строк: 3, в файл выгружается не более 2. Сузьте отбор." in page


def test_payment_lists_narrow_by_their_days_and_status_and_export(client, administrator, awards):
    login(client, administrator)
    first = payment_list_build(
        title="Февраль 2022",
        period_start=D(2022, 2, 1),
        period_end=D(2022, 2, 28),
        actor=administrator,
    )
    second = payment_list_build(
        title="Апрель 2022",
        period_start=D(2022, 4, 1),
        period_end=D(2022, 4, 30),
        actor=administrator,
    )
    index = reverse("benefits:payment_list_index")
    html = client.get(index, {"period_from": "2022-03-01"}).content.decode()
    assert "Апрель 2022" in html and "Февраль 2022" not in html
    html = client.get(index, {"status": "sent"}).content.decode()
    assert "Апрель 2022" not in html and "Февраль 2022" not in html
    rows = read_back(
        client.get(
            reverse("benefits:payment_list_index_export"),
            {"status": "draft", "period_to": "2022-03-31"},
        )
    )
    assert rows[0][0] == "Платёжные ведомости — Статус: черновик, Выплаты по: 31.03.2022"
    assert [row[0] for row in rows[2:]] == [first.title]
    assert rows[2][1] == "01.02.2022 — 28.02.2022"
    assert second.title not in {row[0] for row in rows[2:]}


def export_queries(client) -> int:
    url = reverse("benefits:award_list_export")
    read_back(client.get(url, {"status": "active"}))
    with CaptureQueriesContext(connection) as ctx:
        read_back(client.get(url, {"status": "active"}))
    return len(ctx)


def test_the_award_export_reads_as_many_queries_for_n_and_2n_awards(client, caseworker, grant):
    login(client, caseworker)
    for k in range(3):
        grant(amount="20000", decided_on=D(2022, 2, 1 + k), mrp_value="3063")
    n = export_queries(client)
    for k in range(3):
        grant(amount="20000", decided_on=D(2022, 3, 1 + k), mrp_value="3063")
    assert export_queries(client) == n
