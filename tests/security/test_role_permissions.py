"""Each role group holds the Django permissions its work needs, and no more (DESIGN.md)."""

import pytest
from django.contrib.auth.models import Group

from zhanakorgan_aid import roles


def codenames(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.django_db
def test_every_role_group_exists_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)


@pytest.mark.django_db
def test_auditor_only_views():
    perms = codenames(roles.AUDITOR)
    assert ("applications", "view_application") in perms
    assert ("applications", "view_historicalperson") in perms
    assert ("reference", "view_mrp") in perms
    assert all(code.startswith("view_") for _, code in perms)


@pytest.mark.django_db
def test_caseworker_registers_but_does_not_edit_reference_data():
    perms = codenames(roles.CASEWORKER)
    assert {("applications", "add_person"), ("applications", "change_application")} <= perms
    assert ("reference", "view_mrp") in perms
    assert ("reference", "change_mrp") not in perms
    assert ("commissions", "add_specialconclusion") not in perms
    assert not any(code.startswith("delete_") for _, code in perms)


@pytest.mark.django_db
def test_commissions_write_only_their_own_documents():
    local = codenames(roles.LOCAL_COMMISSION)
    special = codenames(roles.SPECIAL_COMMISSION)
    assert {("commissions", "add_surveyact"), ("commissions", "add_localconclusion")} <= local
    assert ("commissions", "add_specialconclusion") not in local
    assert ("applications", "change_application") not in local
    assert ("commissions", "add_specialconclusion") in special
    assert ("commissions", "add_surveyact") not in special


@pytest.mark.django_db
def test_akim_office_registers_in_its_okrug_but_concludes_nothing():
    perms = codenames(roles.AKIM_OFFICE)
    assert {("applications", "add_application"), ("applications", "add_family")} <= perms
    assert ("commissions", "view_localconclusion") in perms
    assert ("commissions", "add_localconclusion") not in perms


@pytest.mark.django_db
def test_administrator_keeps_reference_data_and_can_unlock_accounts():
    perms = codenames(roles.ADMINISTRATOR)
    assert {("reference", "change_mrp"), ("reference", "add_category")} <= perms
    assert ("axes", "delete_accessattempt") in perms
    assert ("zhanakorgan_aid", "change_user") in perms
    assert ("applications", "change_historicalperson") not in perms


@pytest.mark.django_db
def test_nobody_but_the_administrator_manages_users():
    for role in set(roles.ALL_ROLES) - {roles.ADMINISTRATOR}:
        assert ("zhanakorgan_aid", "change_user") not in codenames(role)
