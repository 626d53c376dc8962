"""The survey page's two forms (the act with the conclusion, the refusal of the survey) are told
apart by the action their button sends. A post without it, or with one the page does not know,
saves nothing and loses nothing: 400, the reason, and what was typed still in the form (issue 22,
item 4)."""

import pytest
from django.urls import reverse

from applications.cases.models import Application, ApplicationTransition
from commissions.models import LocalConclusion, SurveyAct
from tests.conftest import login

from .test_survey import act_post

UNKNOWN = "Неизвестное действие формы: ничего не сохранено."
REFUSAL = {"action": "refusal", "refused_on": "2026-03-10", "signed_by": "Сапарова Гульнар"}


def without_action(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "action"}


def assert_nothing_recorded(application):
    assert not SurveyAct.objects.filter(application=application).exists()
    assert not LocalConclusion.objects.filter(application=application).exists()
    application.refresh_from_db()
    assert application.status == Application.Status.AT_LOCAL_COMMISSION
    assert not ApplicationTransition.objects.filter(
        application=application, to_status=Application.Status.AT_AUTHORITY
    ).exists()


@pytest.mark.parametrize("action", [None, "", "delete", "ACT"])
def test_the_act_sent_without_a_known_action_keeps_what_was_typed(
    client, at_local, local_member, action
):
    application = at_local()
    login(client, local_member)
    data = without_action(
        act_post(application, vehicles="Нива 2010", hardship="Пожар в доме 2 марта", number="23")
    )
    if action is not None:
        data["action"] = action
    response = client.post(reverse("workflow:survey", args=[application.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert UNKNOWN in body
    assert "Нива 2010" in body and "Пожар в доме 2 марта" in body
    assert 'value="23"' in body and 'value="2026-03-10"' in body
    assert "Сапарова Гульнар" not in body  # the refusal form was not sent: left as it was
    assert_nothing_recorded(application)


@pytest.mark.parametrize("action", [None, "remove"])
def test_the_refusal_sent_without_a_known_action_keeps_what_was_typed(
    client, at_local, local_member, action
):
    application = at_local()
    login(client, local_member)
    data = without_action(REFUSAL)
    if action is not None:
        data["action"] = action
    response = client.post(reverse("workflow:survey", args=[application.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert UNKNOWN in body
    assert 'value="Сапарова Гульнар"' in body  # the form shows the applicant's name otherwise
    assert_nothing_recorded(application)


def test_a_post_with_no_form_at_all_says_why_and_shows_the_page(client, at_local, local_member):
    application = at_local()
    login(client, local_member)
    response = client.post(reverse("workflow:survey", args=[application.pk]), {"action": "x"})
    assert response.status_code == 400
    body = response.content.decode()
    assert UNKNOWN in body and "Приложение 1. Акт обследования" in body
    assert_nothing_recorded(application)


def test_the_message_is_in_kazakh_for_a_kazakh_user(client, at_local, local_member):
    local_member.language = "kk"
    local_member.save()
    application = at_local()
    login(client, local_member)
    response = client.post(
        reverse("workflow:survey", args=[application.pk]), without_action(REFUSAL)
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Форманың белгісіз әрекеті: ештеңе сақталмады." in body
    assert 'value="Сапарова Гульнар"' in body


def test_the_known_actions_still_record(client, at_local, local_member):
    application = at_local()
    login(client, local_member)
    response = client.post(reverse("workflow:survey", args=[application.pk]), REFUSAL)
    assert response.status_code == 302
    assert SurveyAct.objects.get(application=application).refused_signed_by == "Сапарова Гульнар"
