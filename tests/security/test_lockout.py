"""Lockout after failed log-ins (issue 22, item 2): an account is locked at the address it
failed from, and only there; the administrator unlocks it."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, make_user
from zhanakorgan_aid import roles

OFFICE = "10.20.0.1"  # the office's NAT: everyone there comes from this address
HOME = "10.30.0.7"
LOCKED = "Вход временно заблокирован"


def attempt(username: str, password: str, ip: str, client: Client | None = None):
    return (client or Client()).post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.fixture
def office(db):
    """Two colleagues behind the office's one address; user A has mistyped five times."""
    a = make_user("aigerim", roles.CASEWORKER)
    b = make_user("bolat", roles.CASEWORKER)
    for _ in range(4):
        assert attempt("aigerim", "wrong-password", OFFICE).status_code == 200
    assert attempt("aigerim", "wrong-password", OFFICE).status_code == 429  # the fifth locks
    return a, b


def test_five_failures_lock_the_account_at_that_address_with_a_clear_message(office):
    response = attempt("aigerim", PASSWORD, OFFICE)
    assert response.status_code == 429
    body = response.content.decode()
    assert LOCKED in body
    assert "Повторите через час или обратитесь к администратору" in body


def test_the_locked_message_is_in_kazakh_for_a_kazakh_browser(office):
    response = Client(HTTP_ACCEPT_LANGUAGE="kk").post(
        reverse("login"), {"username": "aigerim", "password": PASSWORD}, REMOTE_ADDR=OFFICE
    )
    assert response.status_code == 429
    assert "Кіру уақытша бұғатталды" in response.content.decode()


def test_a_colleague_behind_the_same_address_logs_in(office):
    response = attempt("bolat", PASSWORD, OFFICE)
    assert response.status_code == 302 and response["Location"] == reverse("workflow:home")


def test_the_same_user_logs_in_from_another_address(office):
    response = attempt("aigerim", PASSWORD, HOME)
    assert response.status_code == 302 and response["Location"] == reverse("workflow:home")


def test_failures_from_many_addresses_do_not_lock_the_account(db):
    """Nobody can lock an office account by guessing its password from elsewhere."""
    make_user("aigerim", roles.CASEWORKER)
    for n in range(10):
        attempt("aigerim", "wrong-password", f"198.51.100.{n}")
    assert attempt("aigerim", PASSWORD, OFFICE).status_code == 302


def test_four_failures_do_not_lock(db):
    make_user("aigerim", roles.CASEWORKER)
    for _ in range(4):
        attempt("aigerim", "wrong-password", OFFICE)
    assert attempt("aigerim", PASSWORD, OFFICE).status_code == 302


def test_our_administrator_unlocks_the_account_in_the_admin(office):
    """An administrator of the office (staff, in the administrator group, not a superuser)
    finds the lock in the admin and removes it; the account logs in again from the office."""
    admin = make_user("office_admin", roles.ADMINISTRATOR)
    admin.is_staff = True
    admin.save()
    assert not admin.is_superuser
    assert attempt("aigerim", PASSWORD, OFFICE).status_code == 429
    staff = Client()
    assert attempt("office_admin", PASSWORD, HOME, client=staff).status_code == 302
    changelist = staff.get(reverse("admin:axes_accessattempt_changelist"), {"locked_out": "yes"})
    assert changelist.status_code == 200
    assert "aigerim" in changelist.content.decode() and OFFICE in changelist.content.decode()
    locks = list(AccessAttempt.objects.filter(username="aigerim").values_list("pk", flat=True))
    response = staff.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": locks, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="aigerim").exists()
    assert attempt("aigerim", PASSWORD, OFFICE).status_code == 302


def test_a_caseworker_cannot_open_the_locks(office):
    client = Client()
    assert attempt("bolat", PASSWORD, OFFICE, client=client).status_code == 302
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_command_line_unlocks_the_account_too(office):
    call_command("axes_reset_username", "aigerim", verbosity=0)
    assert attempt("aigerim", PASSWORD, OFFICE).status_code == 302
