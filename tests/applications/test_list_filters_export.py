"""The application list as the office works from it: narrowed by category, channel, okrug,
status, the days of registration and being overdue; sorted by its columns; overdue rows marked
in words; and the filtered rows taken to Excel with the filter in the sheet's title."""

import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from applications.cases.models import Application, masked_iin
from tests.conftest import listed_numbers, login
from zhanakorgan_aid import spreadsheets

TODAY = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=datetime.UTC)
LIST = "applications:application_list"
EXPORT = "applications:application_list_export"


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(11, 0)))


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def three(today, application_factory, other_okrug):
    """January's low-income case, March's disaster taken by an akim's office in another okrug,
    and April's low-income case whose step's term ended two days ago."""
    january = application_factory(registered_at=at(datetime.date(2026, 1, 15)))
    march = application_factory(
        code="hardship-disaster-fire",
        channel="akim",
        registered_at=at(datetime.date(2026, 3, 20)),
        okrug_obj=other_okrug,
    )
    april = application_factory(registered_at=at(datetime.date(2026, 4, 1)))
    Application.objects.filter(pk__in=[january.pk, march.pk]).update(
        due_date=datetime.date(2026, 4, 20)
    )
    Application.objects.filter(pk=april.pk).update(due_date=datetime.date(2026, 4, 8))
    return january, march, april


def numbers(client, **params) -> list[str]:
    return listed_numbers(client.get(reverse(LIST), params))


def test_each_filter_narrows_the_list(client, caseworker, three, category, other_okrug):
    january, march, april = three
    login(client, caseworker)
    assert set(numbers(client)) == {january.number, march.number, april.number}
    assert numbers(client, category=category("hardship-disaster-fire").pk) == [march.number]
    assert numbers(client, channel="akim") == [march.number]
    assert numbers(client, okrug=other_okrug.pk) == [march.number]
    assert numbers(client, registered_from="2026-03-01", registered_to="2026-03-31") == [
        march.number
    ]
    # both ends of the range are whole days: registered on the 1st of April counts
    assert numbers(client, registered_from="2026-03-21") == [april.number]
    assert numbers(client, registered_to="2026-01-15") == [january.number]
    assert numbers(client, overdue="on") == [april.number]
    assert numbers(client, overdue="on", channel="akim") == []


def test_a_mistyped_date_is_said_and_kept_and_the_rest_still_filters(client, caseworker, three):
    january, march, april = three
    login(client, caseworker)
    response = client.get(reverse(LIST), {"registered_from": "31.02.2026", "channel": "akim"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="31.02.2026"' in html and "errorlist" in html
    assert listed_numbers(response) == [march.number]


def test_sorted_by_its_columns(client, caseworker, three):
    january, march, april = three
    login(client, caseworker)
    assert numbers(client) == [april.number, march.number, january.number]  # newest first
    assert numbers(client, sort="registered") == [january.number, march.number, april.number]
    assert numbers(client, sort="due")[0] == april.number
    assert numbers(client, sort="-category")[-1] == march.number  # п. 7.1 after 7.4
    assert numbers(client, sort="category")[0] == march.number
    html = client.get(reverse(LIST), {"channel": "authority"}).content.decode()
    # a column's link keeps the filter and asks for the other order
    assert "?channel=authority&sort=category" in html


def test_an_overdue_row_is_marked_by_class_and_words(client, caseworker, three):
    january, march, april = three
    login(client, caseworker)
    body = client.get(reverse(LIST)).content.decode().split("<tbody>")[1]
    rows = body.split("</tbody>")[0].split("</tr>")
    late = next(row for row in rows if april.number in row)
    on_time = next(row for row in rows if january.number in row)
    assert '<tr class="overdue">' in late and "08.04.2026" in late and "просрочено" in late
    assert "overdue" not in on_time and "просрочено" not in on_time


def read_back(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_export_has_the_filtered_rows_and_says_the_filter(client, caseworker, three, category):
    january, march, april = three
    login(client, caseworker)
    low_income = category("hardship-low-income")
    rows = read_back(
        client.get(
            reverse(EXPORT),
            {
                "status": "registered",
                "category": low_income.pk,
                "registered_from": "2026-01-01",
                "registered_to": "2026-03-31",
            },
        )
    )
    assert rows[0][0] == (
        f"Заявления — статус: зарегистрировано, категория: {low_income}, с 01.01.2026 по 31.03.2026"
    )
    assert rows[1][:3] == ["Номер", "Дата регистрации", "Заявитель"]
    assert [row[0] for row in rows[2:]] == [january.number]
    assert rows[2][1] == "15.01.2026" and rows[2][5] == "п. 7.4"

    everything = read_back(client.get(reverse(EXPORT), {"sort": "registered", "overdue": ""}))
    assert everything[0][0] == "Заявления"
    assert [row[0] for row in everything[2:]] == [january.number, march.number, april.number]
    assert "просрочено" in everything[4][7] and "просрочено" not in everything[2][7]

    late = read_back(client.get(reverse(EXPORT), {"overdue": "on"}))
    assert late[0][0] == "Заявления — только просроченные"
    assert [row[0] for row in late[2:]] == [april.number]


def test_an_okrug_exports_its_own_rows_the_iin_masked_for_a_commission(
    client, akim, local_member, three
):
    january, march, april = three
    login(client, akim)
    rows = read_back(client.get(reverse(EXPORT), {"sort": "registered"}))
    assert [row[0] for row in rows[2:]] == [january.number, april.number]
    assert rows[2][3] == january.applicant.iin
    login(client, local_member)
    rows = read_back(client.get(reverse(EXPORT), {"sort": "registered"}))
    assert [row[0] for row in rows[2:]] == [january.number, april.number]
    assert rows[2][3] == masked_iin(january.applicant.iin) != january.applicant.iin


def test_too_many_rows_are_refused_with_a_message_and_the_filter_kept(
    client, caseworker, three, monkeypatch
):
    monkeypatch.setattr(spreadsheets, "EXPORT_ROW_CAP", 2)
    login(client, caseworker)
    assert len(read_back(client.get(reverse(EXPORT), {"channel": "authority"}))) == 2 + 2
    response = client.get(reverse(EXPORT), {"channel": "", "sort": "number"})
    assert response.status_code == 302
    assert response["Location"] == reverse(LIST) + "?channel=&sort=number"
    page = client.get(response["Location"]).content.decode()
    assert "Найдено строк: 3, в файл выгружается не более 2. Сузьте отбор." in page
    assert listed_numbers(client.get(response["Location"])) == sorted(n.number for n in three)


def export_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(EXPORT), {"channel": "authority", "sort": "-number"})
    read_back(response)
    return len(ctx)


def test_the_export_reads_as_many_queries_for_n_and_2n_rows(
    client, caseworker, today, application_factory
):
    login(client, caseworker)
    for _ in range(3):
        application_factory()
    export_queries(client)  # the session and what the cache keeps
    n = export_queries(client)
    for _ in range(3):
        application_factory()
    assert export_queries(client) == n
