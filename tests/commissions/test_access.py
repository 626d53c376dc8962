"""Members of the right commission only (p19, p23): another okrug's local commission and the
special commission before a case is sent to it see nothing — 404, as for a missing case."""

from django.urls import reverse

from commissions.models import SurveyAct
from tests.conftest import login


def survey_url(application):
    return reverse("workflow:survey", args=[application.pk])


def special_url(application):
    return reverse("workflow:special_conclusion", args=[application.pk])


def test_local_commission_of_another_okrug_gets_404(client, at_local, other_local_member):
    application = at_local()
    login(client, other_local_member)
    assert client.get(survey_url(application)).status_code == 404
    response = client.post(
        survey_url(application),
        {"action": "refusal", "refused_on": "2026-03-10", "signed_by": "Ахметов Айдар"},
    )
    assert response.status_code == 404
    assert not SurveyAct.objects.filter(application=application).exists()


def test_local_commission_of_the_okrug_gets_the_form(client, at_local, local_member):
    application = at_local()
    login(client, local_member)
    response = client.get(survey_url(application))
    assert response.status_code == 200 and 'name="action" value="act"' in response.content.decode()


def test_seat_on_an_okrugs_commission_is_enough(client, at_local, other_okrug, okrug):
    """A member seated on the okrug's local commission acts there even if their user record
    names no okrug."""
    from commissions.models import Commission, CommissionMember
    from tests.conftest import make_user
    from zhanakorgan_aid import roles

    user = make_user("seated", roles.LOCAL_COMMISSION, None)
    commission, _ = Commission.objects.get_or_create(
        kind="local", okrug=okrug, defaults={"name": "УК"}
    )
    CommissionMember.objects.create(commission=commission, user=user)
    application = at_local()
    login(client, user)
    assert client.get(survey_url(application)).status_code == 200


def test_other_roles_cannot_open_the_survey(client, at_local, special_member, caseworker, akim):
    application = at_local()
    for user in (special_member, caseworker, akim):
        login(client, user)
        assert client.get(survey_url(application)).status_code == 404, user


def test_special_commission_sees_only_cases_sent_to_it(
    client, at_local, at_special, special_member
):
    not_sent = at_local()
    sent = at_special(surname="Серікбаев")
    login(client, special_member)
    assert client.get(special_url(not_sent)).status_code == 404
    assert client.get(special_url(sent)).status_code == 200


def test_local_commission_and_caseworker_cannot_conclude_for_the_special_commission(
    client, at_special, local_member, caseworker
):
    application = at_special()
    for user in (local_member, caseworker):
        login(client, user)
        assert client.get(special_url(application)).status_code == 404
        response = client.post(special_url(application), {"need": "yes", "amount": "1000"})
        assert response.status_code == 404


def test_documents_follow_the_application_scope(client, at_local, other_akim, akim, auditor):
    application = at_local()
    url = reverse("commissions:document", args=[application.pk, "family", "ru"])
    login(client, other_akim)
    assert client.get(url).status_code == 404
    login(client, akim)
    assert client.get(url).status_code == 200
    login(client, auditor)
    assert client.get(url).status_code == 200
    notice = reverse("commissions:document", args=[application.pk, "notice", "ru"])
    assert client.post(notice).status_code == 403  # an auditor issues nothing


def test_anonymous_is_sent_to_login(client, at_local):
    application = at_local()
    response = client.get(survey_url(application))
    assert response.status_code == 302 and "/login/" in response["Location"]
