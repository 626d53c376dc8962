"""The step buttons of an application's page each post to the step's own address; a step the
page does not know answers 404 and moves nothing (issue 22, item 4: no silent loss). The buttons
carry no typed values, so there is nothing to keep."""

from django.urls import reverse

from applications.cases.models import Application, ApplicationTransition
from tests.conftest import login


def test_an_unknown_step_answers_404_and_moves_nothing(client, application_factory, caseworker):
    application = application_factory()
    login(client, caseworker)
    before = ApplicationTransition.objects.filter(application=application).count()
    url = reverse("workflow:application_step", args=[application.pk, "send_to_nowhere"])
    assert client.post(url, {"step": "send_to_nowhere"}).status_code == 404
    application.refresh_from_db()
    assert application.status == Application.Status.REGISTERED
    assert ApplicationTransition.objects.filter(application=application).count() == before


def test_the_known_step_still_moves_the_application(client, application_factory, caseworker):
    application = application_factory()
    login(client, caseworker)
    url = reverse("workflow:application_step", args=[application.pk, "send_to_local"])
    assert client.post(url, {"step": "send_to_local"}).status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.AT_LOCAL_COMMISSION
