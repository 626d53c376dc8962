"""What is kept for speed gives what Django gives, as the pages show it: each user's rows for the
day (the queue's reads), field__among, the filter bar's widgets under {% cache %}, a page served
from another thread, and what a user typed shown as text in every language."""

import datetime
import threading

import pytest
from django import forms
from django.db import connections
from django.test import Client
from django.urls import reverse

from applications.cases.models import Application
from tests.applications.wf_support import travel
from tests.conftest import login


def overdue_numbers(client, day: datetime.date) -> list[str]:
    """The numbers in the start page's overdue bucket on `day`."""
    with travel(day):
        html = client.get(reverse("workflow:home")).content.decode()
    bucket = html.split('id="table-overdue"')[1].split("</table>")[0]
    return [a.number for a in Application.objects.order_by("pk") if a.number in bucket]


def test_each_user_sees_the_rows_of_their_own_okrug_and_day(
    client, akim, other_akim, application_factory, family_factory, okrug, other_okrug
):
    here = [
        application_factory(family=family_factory(okrug_obj=okrug), channel="akim")
        for _ in range(2)
    ]
    there = application_factory(family=family_factory(okrug_obj=other_okrug), channel="akim")
    Application.objects.filter(pk=here[0].pk).update(due_date=datetime.date(2024, 3, 1))
    Application.objects.filter(pk=here[1].pk).update(due_date=datetime.date(2024, 3, 20))
    Application.objects.filter(pk=there.pk).update(due_date=datetime.date(2024, 3, 1))
    login(client, akim)
    assert overdue_numbers(client, datetime.date(2024, 3, 10)) == [here[0].number]
    assert overdue_numbers(client, datetime.date(2024, 4, 1)) == [a.number for a in here]
    login(client, other_akim)
    assert overdue_numbers(client, datetime.date(2024, 3, 10)) == [there.number]
    assert overdue_numbers(client, datetime.date(2024, 2, 1)) == []


def test_among_writes_the_codes_own_words_into_the_statement(application_factory):
    made = application_factory()
    among = Application.objects.filter(status__among=[Application.Status.REGISTERED, "at_local"])
    sql, params = among.query.sql_with_params()
    assert "IN ('registered', 'at_local')" in sql and params == ()
    assert list(among) == [made]
    with pytest.raises(ValueError, match="plain words"):
        list(Application.objects.filter(status__among=["registered' OR '1'='1"]))


def test_the_filter_bar_writes_what_django_writes_whatever_was_chosen(client, caseworker):
    """The filter bar's selects are kept as fragments: each choice still shows as Django's own
    widget shows it, what was typed is given back escaped, and a status that is not one is
    said to be wrong, none chosen."""
    login(client, caseworker)
    url = reverse("applications:application_list")
    choices = [("", "все"), *Application.Status.choices]
    for typed in ("", 'Ахметов "<b>'):
        for status in ("", "at_local", "nonsense", "at_local"):
            html = client.get(url, {"q": typed, "status": status}).content.decode()
            assert forms.TextInput().render("q", typed or None, {"id": "id_q"}) in html
            select = html.split('<select name="status"')[1].split("</select>")[0]
            if status == "nonsense":
                assert select.startswith(' aria-invalid="true"') and " selected" not in select
                assert "Выберите корректный вариант" in html
                continue
            expected = forms.Select(choices=choices).render("status", status, {"id": "id_status"})
            assert expected in html, status
    granted = client.get(url, {"status": "granted"}).content.decode()
    assert '<option value="granted" selected>' in granted


@pytest.mark.django_db(transaction=True)
def test_a_page_is_served_from_another_thread(caseworker):
    """The development server and the browser tests serve from other threads than the one that
    started the process. Committed data, so that the other thread's connection waits on no lock
    of this test's transaction (SQLite's test database is one in memory, shared by threads)."""
    results, errors = [], []

    def run():
        try:
            browser = login(Client(), caseworker)
            for name in ("workflow:home", "applications:application_list"):
                results.append(browser.get(reverse(name)).status_code)
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert errors == [] and results == [200, 200]


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_what_a_user_typed_is_text_in_every_language_never_a_template(
    client, caseworker, application_factory, language
):
    """A page's words follow the language; what the request brings goes in escaped, and a
    template tag in it stays text."""
    application_factory()
    caseworker.language = language
    caseworker.save(update_fields=["language"])
    login(client, caseworker)
    typed = '"><script>{{ csrf_token }}'
    html = client.get(reverse("applications:application_list"), {"q": typed}).content.decode()
    assert "<script>" not in html
    assert 'value="&quot;&gt;&lt;script&gt;{{ csrf_token }}"' in html  # the search box
    assert 'name="q" value="&quot;&gt;&lt;script&gt;{{ csrf_token }}" id="id_q"' in html
    if language == "kk":
        assert "Көрсету" in html and "Өтініштер" in html and "Показать" not in html
    else:
        assert "Показать" in html and "Көрсету" not in html
