"""Okrug scoping: an akim's office and a local commission see their okrug only. Another
okrug's object answers 404 exactly like a missing one, on every kind of page (issue 7, item 1)."""

import pytest
from django.test import Client
from django.urls import reverse

from applications.cases.models import Application, ApplicationDocument
from tests.conftest import login

MISSING = 999_999
NOT_FOUND_TEXT = "Страница не найдена"

# name -> how to build its arguments from (application, document); a missing object's form.
OBJECT_PAGES = {
    "person": ("applications:person_detail", lambda a, d: [a.applicant_id], [MISSING]),
    "family": ("applications:family_detail", lambda a, d: [a.family_id], [MISSING]),
    "application": ("workflow:application_detail", lambda a, d: [a.pk], [MISSING]),
    "document download": (
        "applications:document_download",
        lambda a, d: [a.pk, d.pk],
        [MISSING, MISSING],
    ),
    "printed form (PDF)": (
        "commissions:document",
        lambda a, d: [a.pk, "family", "ru"],
        [MISSING, "family", "ru"],
    ),
}


@pytest.mark.parametrize("kind", OBJECT_PAGES)
@pytest.mark.parametrize("outsider", ["other_akim", "other_local_member"])
def test_another_okrugs_object_answers_like_a_missing_one(kind, outsider, request, case, document):
    name, args, missing_args = OBJECT_PAGES[kind]
    client = login(Client(), request.getfixturevalue(outsider))
    theirs = client.get(reverse(name, args=args(case, document)))
    missing = client.get(reverse(name, args=missing_args))
    assert theirs.status_code == missing.status_code == 404
    assert NOT_FOUND_TEXT in theirs.content.decode() and NOT_FOUND_TEXT in missing.content.decode()


@pytest.mark.parametrize("kind", OBJECT_PAGES)
@pytest.mark.parametrize("insider", ["akim", "local_member"])
def test_own_okrugs_object_is_shown(kind, insider, request, case, document):
    name, args, _ = OBJECT_PAGES[kind]
    client = login(Client(), request.getfixturevalue(insider))
    assert client.get(reverse(name, args=args(case, document))).status_code == 200


def test_a_document_is_reached_only_through_its_own_application(
    client, caseworker, case, other_document
):
    """Another application's document id under this application's URL is not found."""
    login(client, caseworker)
    url = reverse("applications:document_download", args=[case.pk, other_document.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("user_fixture", ["akim", "local_member"])
def test_lists_show_only_the_own_okrug(user_fixture, request, case, other_case):
    client = login(Client(), request.getfixturevalue(user_fixture))
    body = client.get(reverse("applications:application_list")).content.decode()
    assert case.number in body and other_case.number not in body
    home = client.get(reverse("workflow:home")).content.decode()
    assert other_case.number not in home


def test_okrug_filter_cannot_reach_another_okrug(client, akim, case, other_case):
    login(client, akim)
    url = reverse("applications:application_list")
    body = client.get(url, {"okrug": other_case.okrug_id}).content.decode()
    assert other_case.number not in body


@pytest.mark.parametrize("query", ["iin", "surname", "number"])
def test_search_does_not_find_another_okrugs_people(client, akim, other_case, query):
    login(client, akim)
    q = {"iin": other_case.applicant.iin, "surname": "Сейтов", "number": other_case.number}[query]
    response = client.get(reverse("applications:search"), {"q": q}, follow=True)
    body = response.content.decode()  # the search box repeats the query; no row, no link
    assert f'href="{other_case.get_absolute_url()}"' not in body
    assert f'href="{other_case.family.get_absolute_url()}"' not in body
    assert "Ничего не найдено" in body


def test_search_by_iin_finds_the_own_okrugs_family(client, akim, case):
    login(client, akim)
    response = client.get(reverse("applications:search"), {"q": case.applicant.iin}, follow=True)
    assert case.number in response.content.decode()


def test_special_commission_sees_only_cases_sent_to_it(client, special_member, case, special_case):
    login(client, special_member)
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(special_case.get_absolute_url()).status_code == 200
    body = client.get(reverse("applications:application_list")).content.decode()
    assert special_case.number in body and case.number not in body


def test_district_wide_roles_see_both_okrugs(client, caseworker, auditor, case, other_case):
    for user in (caseworker, auditor):
        login(client, user)
        body = client.get(reverse("applications:application_list")).content.decode()
        assert case.number in body and other_case.number in body


def test_auditor_changes_nothing(client, auditor, case):
    """Read-only: a step button or an upload posted by the auditor leaves the case as it was."""
    login(client, auditor)
    step = reverse("workflow:application_step", args=[case.pk, "send_to_local"])
    client.post(step, follow=True)
    case.refresh_from_db()
    assert case.status == Application.Status.REGISTERED
    upload = client.post(reverse("applications:document_upload", args=[case.pk]), {"kind": "other"})
    assert upload.status_code == 403
    assert not ApplicationDocument.objects.filter(application=case).exists()


def test_akim_cannot_register_a_family_in_another_okrug(client, akim, other_okrug, person_factory):
    head = person_factory()
    login(client, akim)
    response = client.post(
        reverse("applications:family_create"),
        {
            "applicant_iin": head.iin,
            "okrug": other_okrug.pk,
            "address": "ул. Абая, 5",
            "housing": "house",
            "housing_cost": "0",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
            "incomes-TOTAL_FORMS": "0",
            "incomes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not head.families_led.exists()
