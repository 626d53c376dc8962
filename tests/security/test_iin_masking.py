"""IINs: masked (8503******05) in lists for roles that do not need the whole number, whole on
the person's page for those who may see it (issue 7, item 7)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login


def masked(iin: str) -> str:
    return f"{iin[:4]}******{iin[-2:]}"


@pytest.mark.parametrize("user_fixture", ["local_member", "auditor"])
def test_list_masks_the_iin_for_roles_that_do_not_need_it(user_fixture, request, case):
    client = login(Client(), request.getfixturevalue(user_fixture))
    body = client.get(reverse("applications:application_list")).content.decode()
    iin = case.applicant.iin
    assert masked(iin) in body and iin not in body


def test_list_masks_the_iin_for_the_special_commission(client, special_member, special_case):
    login(client, special_member)
    body = client.get(reverse("applications:application_list")).content.decode()
    iin = special_case.applicant.iin
    assert masked(iin) in body and iin not in body


@pytest.mark.parametrize("user_fixture", ["caseworker", "akim", "administrator"])
def test_list_shows_the_whole_iin_to_those_who_register_and_pay(user_fixture, request, case):
    client = login(Client(), request.getfixturevalue(user_fixture))
    body = client.get(reverse("applications:application_list")).content.decode()
    assert case.applicant.iin in body


def test_person_page_shows_the_whole_iin_to_the_caseworker(client, caseworker, case):
    login(client, caseworker)
    body = client.get(case.applicant.get_absolute_url()).content.decode()
    assert f"<td>{case.applicant.iin}</td>" in body


def test_person_page_masks_the_iin_for_a_local_commission_member(client, local_member, case):
    login(client, local_member)
    body = client.get(case.applicant.get_absolute_url()).content.decode()
    assert masked(case.applicant.iin) in body and case.applicant.iin not in body


def test_family_members_are_masked_for_the_auditor(client, auditor, case):
    login(client, auditor)
    body = client.get(case.family.get_absolute_url()).content.decode()
    for member in case.family.members.select_related("person"):
        assert masked(member.person.iin) in body and member.person.iin not in body
