"""Helpers of issue 9 give what Django gives: zhanakorgan_aid.compiled (a query built once and run
with each request's values gives the ORM's rows), field__among, and the Python-built widgets."""

import datetime
import re
import threading
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connections

from applications.cases.models import Application
from zhanakorgan_aid.compiled import Statement, pk_in


def by_okrug_and_term(v):
    return (
        Application.objects.filter(okrug_id=v.okrug, due_date__lt=v.on)
        .order_by("pk")
        .values_list("pk", "number", "registered_at", "due_date")
    )


def test_each_run_takes_its_own_values_and_converts_rows_as_the_orm(
    application_factory, family_factory, okrug, other_okrug
):
    here = [application_factory(family=family_factory(okrug_obj=okrug)) for _ in range(2)]
    there = application_factory(family=family_factory(okrug_obj=other_okrug))
    Application.objects.filter(pk=here[0].pk).update(due_date=datetime.date(2024, 3, 1))
    Application.objects.filter(pk=here[1].pk).update(due_date=datetime.date(2024, 3, 20))
    Application.objects.filter(pk=there.pk).update(due_date=datetime.date(2024, 3, 1))
    statement = Statement(by_okrug_and_term, okrug=int, on=datetime.date)
    for okrug_id, day in [
        (okrug.pk, datetime.date(2024, 3, 10)),
        (okrug.pk, datetime.date(2024, 4, 1)),
        (other_okrug.pk, datetime.date(2024, 3, 10)),
        (other_okrug.pk, datetime.date(2024, 2, 1)),
    ]:
        expected = list(by_okrug_and_term(SimpleNamespace(okrug=okrug_id, on=day)))
        assert statement.fetch(okrug=okrug_id, on=day) == expected
    rows = statement.fetch(okrug=okrug.pk, on=datetime.date(2024, 4, 1))
    assert [row[0] for row in rows] == [here[0].pk, here[1].pk]
    # a moment comes back aware, as the ORM gives it; a day as a date
    assert rows[0][2] == Application.objects.get(pk=here[0].pk).registered_at
    assert rows[0][2].tzinfo is not None and rows[0][3] == datetime.date(2024, 3, 1)


def test_a_value_the_query_does_not_take_as_is_is_refused(db):
    with pytest.raises(ValueError, match="okrug"):
        Statement(lambda v: Application.objects.filter(due_date=v.on), on=datetime.date, okrug=int)
    with pytest.raises(TypeError):
        Statement(lambda v: Application.objects.filter(amount=v.amount), amount=Decimal)


def test_text_and_moments_are_values_too(application_factory):
    made = application_factory()
    statement = Statement(
        lambda v: Application.objects.filter(number=v.number, registered_at__lte=v.at).values_list(
            "pk", flat=True
        ),
        number=str,
        at=datetime.datetime,
    )
    later = made.registered_at + datetime.timedelta(minutes=1)
    assert statement.fetch(number=made.number, at=later) == [(made.pk,)]
    assert statement.fetch(number=made.number, at=made.registered_at - datetime.timedelta(1)) == []
    assert statement.fetch(number=made.number + "x", at=later) == []


def test_a_list_of_ids_is_one_value_however_long(application_factory):
    made = [application_factory() for _ in range(3)]
    statement = Statement(
        lambda v: (
            Application.objects.filter(pk_in(Application, v.ids))
            .order_by("pk")
            .values_list("number", flat=False)
        ),
        ids=list,
    )
    assert statement.sql.count("%s") == 1
    assert statement.fetch(ids=[made[2].pk, made[0].pk]) == [(made[0].number,), (made[2].number,)]
    assert statement.fetch(ids=[made[1].pk]) == [(made[1].number,)]
    assert statement.fetch(ids=[]) == []


def test_among_writes_the_codes_own_words_into_the_statement(application_factory):
    made = application_factory()
    among = Application.objects.filter(status__among=[Application.Status.REGISTERED, "at_local"])
    sql, params = among.query.sql_with_params()
    assert "IN ('registered', 'at_local')" in sql and params == ()
    assert list(among) == [made]
    with pytest.raises(ValueError, match="plain words"):
        list(Application.objects.filter(status__among=["registered' OR '1'='1"]))


def test_quick_widgets_write_what_django_writes(db):
    """The filter bar's widgets built in Python give Django's own markup."""
    from django import forms

    from applications.cases.forms import ApplicationFilterForm
    from zhanakorgan_aid.widgets import QuickSelect, QuickTextInput

    for value in ("", 'Ахметов "<b>', None):
        assert QuickTextInput().render("q", value, {"id": "id_q"}) == forms.TextInput().render(
            "q", value, {"id": "id_q"}
        )
    choices = [("", "все"), *Application.Status.choices]
    for value in ("", "at_local", "nonsense"):
        django_markup = forms.Select(choices=choices).render("status", value, {"id": "s"})
        assert QuickSelect(choices=choices).render("status", value, {"id": "s"}) == re.sub(
            r">\s+<", "><", django_markup
        )
    bar = ApplicationFilterForm({"status": "granted"})
    assert '<option value="granted" selected>' in str(bar["status"])


def test_model_instances_come_with_what_was_selected_beside_them(
    application_factory, django_assert_num_queries
):
    made = application_factory()
    statement = Statement(
        lambda v: Application.objects.filter(pk=v.pk).select_related("applicant", "okrug"),
        pk=int,
    )
    with django_assert_num_queries(1):
        (found,) = statement.objects(pk=made.pk)
        assert found == made and found.number == made.number
        assert found.applicant.iin == made.applicant.iin and found.okrug.pk == made.okrug_id
    assert found.registered_at == Application.objects.get(pk=made.pk).registered_at
    assert statement.objects(pk=made.pk + 1000) == []


@pytest.mark.django_db(transaction=True)
def test_a_statement_built_in_one_thread_runs_in_another():
    """Statements are built once for the process, and Django's connections belong to threads
    (the development server and the browser tests serve from other threads). Committed data,
    so that the other thread's connection waits on no lock of this test's transaction (SQLite's
    test database is one in memory, shared by the threads)."""
    statement = Statement(
        lambda v: Application.objects.filter(pk=v.pk).select_related("okrug"), pk=int
    )
    results, errors = [], []

    def run():
        try:
            results.append((statement.objects(pk=1), statement.fetch(pk=1)))
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert errors == [] and results == [([], [])]


# The documents panel as a fragment with holes (commissions/_documents.html before it became a
# plain template over the printed documents), the sample the test below renders.
PANEL_WITH_HOLES = """{% load i18n %}
<h2>{% translate "Документы (печатные формы)" %}</h2>
<table class="documents">
<thead><tr><th>{% translate "Документ" %}</th><th>{% translate "На русском" %}</th><th>{% translate "На казахском" %}</th></tr></thead>
<tbody>{{ rows }}</tbody>
</table>
{% if can_issue_notice %}
<form method="post" action="{{ notice_url }}" data-confirm="{% translate 'Выдать уведомление о решении? Выданный документ не изменяется.' %}">
<input type="hidden" name="csrfmiddlewaretoken" value="{{ csrf }}">
<button type="submit">{% translate "Выдать уведомление о решении" %}</button></form>
{% endif %}
"""


def test_a_fragment_is_rendered_once_per_language_and_shape_and_filled_escaped(settings):
    """zhanakorgan_aid.fragments: the template's text is kept for each language and shape; a
    value goes in escaped unless it is marked safe, and a value never becomes a template."""
    from django.test.signals import template_rendered
    from django.utils.safestring import mark_safe
    from django.utils.translation import override

    from zhanakorgan_aid.fragments import Fragment

    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "APP_DIRS": False,
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"commissions/_documents.html": PANEL_WITH_HOLES},
                    )
                ],
            },
        }
    ]
    panel = Fragment("commissions/_documents.html", "rows", "notice_url", "csrf")
    rendered = []

    def seen(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(seen)
    try:
        values = {"rows": mark_safe("<tr><td>акт</td></tr>"), "notice_url": "/n/", "csrf": "t"}
        with override("ru"):
            first = panel.render(values, can_issue_notice=True)
            again = panel.render({**values, "csrf": '"><script>{{ csrf }}'}, can_issue_notice=True)
            without = panel.render(values, can_issue_notice=False)
        with override("kk"):
            kazakh = panel.render(values, can_issue_notice=True)
    finally:
        template_rendered.disconnect(seen)
    assert rendered == ["commissions/_documents.html"] * 3  # ru twice (two shapes), kk once
    assert "<tbody><tr><td>акт</td></tr></tbody>" in first
    assert 'action="/n/"' in first and 'value="t"' in first
    assert "Выдать уведомление о решении</button>" in first
    assert 'value="&quot;&gt;&lt;script&gt;{{ csrf }}"' in again
    assert "<form" not in without and "На русском" in without
    assert "На казахском" not in kazakh and "Выдать уведомление" not in kazakh
