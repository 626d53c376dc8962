"""History in the user's language (issue 20, item 7): a move's system message is stored as a
code with its parameters and put into words when shown, in Russian or Kazakh, money as
«75 000,00 ₸» and dates as d.m.Y; what a user typed stays as it was typed."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from applications.cases import transition_messages as msg
from applications.cases.models import Application, ApplicationTransition
from applications.workflow.services import steps as workflow
from tests.conftest import login

from .wf_support import at, fresh_calendar, record_special, record_survey, travel  # noqa: F401

D = datetime.date
NBSP = "\u00a0"


def moves(application) -> list[tuple[str, dict, str]]:
    return list(
        ApplicationTransition.objects.filter(application=application)
        .order_by("at", "id")
        .values_list("message_code", "message_params", "comment")
    )


@pytest.fixture
def at_special(application_factory, caseworker, local_member):
    """Registered 19.03.2024 with Q4 2023 wages of 300 000 ₸ in a family of 4, surveyed, and
    sent to the special commission on 27.03.2024 with its per-capita income computed."""
    with travel(D(2024, 3, 19)):
        app = application_factory(
            registered_at=at(D(2024, 3, 19)), year=2023, quarter=4, wages=Decimal("300000")
        )
    with travel(D(2024, 3, 20)):
        app = workflow.application_send_to_local(application=app, actor=caseworker)
        record_survey(app, local_member)
        app = workflow.application_survey_complete(application=app, actor=local_member)
    with travel(D(2024, 3, 27)):
        return workflow.application_send_to_special(application=app, actor=caseworker)


class TestStoredAsCodes:
    def test_each_step_stores_its_code_and_figures(self, at_special):
        app = at_special
        assert app.per_capita_income == Decimal("25000.00")
        assert moves(app) == [
            (msg.REGISTERED, {}, ""),
            (msg.SENT_TO_LOCAL, {}, ""),
            (msg.SURVEYED, {}, ""),
            (msg.PER_CAPITA_INCOME, {"quarter": 4, "year": 2023, "income": "25000.00"}, ""),
        ]

    def test_special_conclusion_keeps_its_amount(self, at_special, special_member):
        with travel(D(2024, 3, 28)):
            record_special(at_special, special_member, amount=Decimal("36920"))
            workflow.application_special_conclude(application=at_special, actor=special_member)
        assert moves(at_special)[-1] == (msg.SPECIAL_NEED, {"amount": "36920.00"}, "")

    def test_documents_requested_keeps_the_reason_typed_and_the_new_term(
        self, application_factory, caseworker
    ):
        with travel(D(2024, 3, 20)):
            app = application_factory(registered_at=at(D(2024, 3, 19)))
            workflow.application_mark_documents_requested(
                application=app, actor=caseworker, reason="  Справка из ЦОН (п. 20) "
            )
        assert moves(app)[-1] == (
            msg.DOCUMENTS_REQUESTED,
            {"decision_due": "2024-04-19"},
            "Справка из ЦОН (п. 20)",
        )

    def test_a_decision_keeps_the_caseworkers_words_beside_its_code(
        self, at_special, caseworker, special_member
    ):
        with travel(D(2024, 3, 28)):
            record_special(at_special, special_member, need=False)
            app = workflow.application_special_conclude(
                application=at_special, actor=special_member
            )
            workflow.application_decide(
                application=app,
                actor=caseworker,
                grant=False,
                ground="false_information",
                comment="Скрыт доход супруга",
            )
        assert moves(app)[-2:] == [
            (msg.SPECIAL_NO_NEED, {}, ""),
            (msg.DECISION_REFUSED, {}, "Скрыт доход супруга"),
        ]

    def test_a_message_with_missing_figures_is_refused_when_recorded(self):
        with pytest.raises(ValueError):
            msg.said(msg.PER_CAPITA_INCOME, quarter=4, year=2023)


class TestShownInTheReadersLanguage:
    def test_the_same_row_in_russian_and_in_kazakh(self):
        params = msg.said(msg.DOCUMENTS_REQUESTED, decision_due=D(2024, 4, 19)).params
        with translation.override("ru"):
            assert msg.render(msg.DOCUMENTS_REQUESTED, params) == (
                "Документы запрошены (п. 20, 21), срок решения — 19.04.2024"
            )
        with translation.override("kk"):
            assert msg.render(msg.DOCUMENTS_REQUESTED, params) == (
                "Құжаттар сұратылды (п. 20, 21), шешім мерзімі — 19.04.2024"
            )

    def test_application_page_history_in_russian_then_in_kazakh(
        self, client, caseworker, at_special
    ):
        login(client, caseworker)
        url = at_special.get_absolute_url()
        russian = history(client.get(url))
        assert "<td>Заявление зарегистрировано</td>" in russian
        assert f"Среднедушевой доход за 4 кв. 2023 г.: 25{NBSP}000,00{NBSP}₸" in russian
        assert "25000.00" not in russian

        client.post(reverse("set_language"), {"language": "kk", "next": url})
        kazakh = history(client.get(url))
        assert "<td>Өтініш тіркелді</td>" in kazakh
        assert "<td>Құжаттар учаскелік комиссияға жіберілді</td>" in kazakh
        assert (
            f"2023 ж. 4-тоқсандағы жан басына шаққандағы орташа табыс: 25{NBSP}000,00{NBSP}₸"
            in kazakh
        )
        assert "Заявление зарегистрировано" not in kazakh
        assert "Среднедушевой" not in kazakh

    def test_a_typed_comment_is_shown_under_the_message_as_typed(
        self, client, caseworker, application_factory
    ):
        with travel(D(2024, 3, 20)):
            app = application_factory(registered_at=at(D(2024, 3, 19)))
            workflow.application_mark_documents_requested(
                application=app, actor=caseworker, reason="Справка из ЦОН"
            )
        login(client, caseworker)
        client.post(reverse("set_language"), {"language": "kk", "next": "/"})
        kazakh = history(client.get(app.get_absolute_url()))
        assert (
            "<td>Құжаттар сұратылды (п. 20, 21), шешім мерзімі — 19.04.2024<br>Справка из ЦОН</td>"
            in kazakh
        )


def history(response) -> str:
    """The application page as the user reads it."""
    assert response.status_code == 200
    return response.content.decode()


class TestOldCommentsConverted:
    """Migration applications 0018: the comments written before the codes become codes where
    they are a known message (in Russian, or in Kazakh where the user worked in Kazakh); the
    rest stays as it was typed."""

    def convert(self):
        migration = importlib.import_module(
            "applications.cases.migrations.0018_transition_message_code"
        )
        migration.comments_to_codes(apps, None)

    def old_row(self, application, actor, comment, *, from_status="", to_status="registered"):
        return ApplicationTransition.objects.create(
            application=application,
            actor=actor,
            from_status=from_status,
            to_status=to_status,
            comment=comment,
        )

    def test_known_russian_and_kazakh_comments_become_codes(self, application_factory, caseworker):
        app = application_factory()
        ApplicationTransition.objects.filter(application=app).delete()
        S = Application.Status
        rows = [
            self.old_row(app, caseworker, "Заявление зарегистрировано"),
            self.old_row(
                app,
                caseworker,
                "Среднедушевой доход за 4 кв. 2023 г.: 20000.00 ₸",
                from_status=S.AT_AUTHORITY,
                to_status=S.AT_SPECIAL_COMMISSION,
            ),
            self.old_row(
                app,
                caseworker,
                "2023 ж. 4-тоқсандағы жан басына шаққандағы орташа табыс: 18500.5 ₸",
                from_status=S.AT_AUTHORITY,
                to_status=S.AT_SPECIAL_COMMISSION,
            ),
            self.old_row(
                app,
                caseworker,
                "Заключение: нуждается, размер 36920.00 ₸",
                from_status=S.AT_SPECIAL_COMMISSION,
                to_status=S.CONCLUDED,
            ),
            self.old_row(
                app,
                caseworker,
                "оказать социальную помощь",
                from_status=S.CONCLUDED,
                to_status=S.GRANTED,
            ),
            self.old_row(
                app, caseworker, "Позвонили заявителю", from_status=S.CONCLUDED, to_status=S.GRANTED
            ),
            self.old_row(app, caseworker, "Произвольная заметка", to_status=S.AT_LOCAL_COMMISSION),
        ]
        self.convert()
        converted = [
            ApplicationTransition.objects.values_list(
                "message_code", "message_params", "comment"
            ).get(pk=row.pk)
            for row in rows
        ]
        assert converted == [
            (msg.REGISTERED, {}, ""),
            (msg.PER_CAPITA_INCOME, {"quarter": 4, "year": 2023, "income": "20000.00"}, ""),
            (msg.PER_CAPITA_INCOME, {"quarter": 4, "year": 2023, "income": "18500.50"}, ""),
            (msg.SPECIAL_NEED, {"amount": "36920.00"}, ""),
            (msg.DECISION_GRANTED, {}, ""),
            (msg.DECISION_GRANTED, {}, "Позвонили заявителю"),
            ("", {}, "Произвольная заметка"),
        ]
        with translation.override("kk"):
            shown = ApplicationTransition.objects.get(pk=rows[1].pk).message
        assert shown == (
            f"2023 ж. 4-тоқсандағы жан басына шаққандағы орташа табыс: 20{NBSP}000,00{NBSP}₸"
        )

    def test_documents_requested_gets_the_applications_decision_term(
        self, application_factory, caseworker
    ):
        with travel(D(2024, 3, 20)):
            app = application_factory(registered_at=at(D(2024, 3, 19)))
            app = workflow.application_mark_documents_requested(
                application=app, actor=caseworker, reason="Справка из ЦОН"
            )
        ApplicationTransition.objects.filter(application=app).update(
            message_code="", message_params={}
        )
        note = self.old_row(
            app,
            caseworker,
            "Сведения о семье изменены: переехали. адрес: с. Жанакорган",
            from_status=app.status,
            to_status=app.status,
        )
        self.convert()
        request = ApplicationTransition.objects.filter(application=app).exclude(pk=note.pk).last()
        assert (request.message_code, request.message_params, request.comment) == (
            msg.DOCUMENTS_REQUESTED,
            {"decision_due": "2024-04-19"},
            "Справка из ЦОН",
        )
        note.refresh_from_db()
        assert (note.message_code, note.comment) == (
            "",
            "Сведения о семье изменены: переехали. адрес: с. Жанакорган",
        )
