"""Passwords (issue 22, item 6): Django's checks with their messages in Russian and Kazakh, and
a password set by an administrator that its holder must change before working on."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from applications.workflow.management.commands.seed_demo import DEMO_PASSWORD, demo_users
from tests.conftest import PASSWORD, login, make_user
from zhanakorgan_aid import roles

TEMPORARY = "Vremennyi-Parol-77"
CHOSEN = "Moi-Sobstvennyi-Parol-2026"
CHANGE_PAGE = reverse("password_change")
MUST_CHANGE = "Пароль задан администратором. Смените его, чтобы продолжить работу."


def log_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.9.0.1"
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def admin_sets_password(admin_client: Client, user, password: str = TEMPORARY):
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"usable_password": "true", "password1": password, "password2": password},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def reset_by_admin(caseworker, administrator):
    """The administrator has given the caseworker a new password in the admin."""
    admin_sets_password(login(Client(), administrator), caseworker)
    caseworker.refresh_from_db()
    return caseworker


def test_a_password_set_by_the_administrator_must_be_changed_at_next_log_in(reset_by_admin):
    assert reset_by_admin.must_change_password
    client = log_in("caseworker", TEMPORARY)
    response = client.get(reverse("workflow:home"), follow=True)
    assert response.redirect_chain == [(CHANGE_PAGE, 302)]
    body = response.content.decode()
    assert MUST_CHANGE in body and "Смена пароля" in body


@pytest.mark.parametrize(
    "url",
    [
        reverse("workflow:home"),
        reverse("applications:application_list"),
        reverse("workflow:dashboard"),
        reverse("admin:index"),
    ],
)
def test_no_other_page_opens_until_the_password_is_changed(reset_by_admin, url):
    client = log_in("caseworker", TEMPORARY)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == CHANGE_PAGE
    assert client.post(url, {"q": "x"})["Location"] == CHANGE_PAGE


def test_the_change_page_logout_and_static_files_stay_open(reset_by_admin):
    client = log_in("caseworker", TEMPORARY)
    assert client.get(CHANGE_PAGE).status_code == 200
    assert client.get("/static/js/app.js").status_code != 302
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")


def test_after_the_change_every_page_opens_and_the_flag_is_gone(reset_by_admin):
    client = log_in("caseworker", TEMPORARY)
    response = client.post(
        CHANGE_PAGE,
        {"old_password": TEMPORARY, "new_password1": CHOSEN, "new_password2": CHOSEN},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("workflow:home")
    assert "Пароль изменён" in response.content.decode()
    assert client.get(reverse("applications:application_list")).status_code == 200
    reset_by_admin.refresh_from_db()
    assert not reset_by_admin.must_change_password
    assert log_in("caseworker", CHOSEN).get(reverse("workflow:home")).status_code == 200


def test_a_weak_new_password_keeps_the_user_on_the_change_page(reset_by_admin):
    client = log_in("caseworker", TEMPORARY)
    response = client.post(
        CHANGE_PAGE,
        {"old_password": TEMPORARY, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "Пароль состоит только из цифр." in response.content.decode()
    assert client.get(reverse("workflow:home"))["Location"] == CHANGE_PAGE


def test_a_new_account_added_by_the_administrator_must_change_its_password(administrator):
    admin_client = login(Client(), administrator)
    response = admin_client.post(
        reverse("admin:zhanakorgan_aid_user_add"),
        {
            "username": "new_clerk",
            "usable_password": "true",
            "password1": TEMPORARY,
            "password2": TEMPORARY,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_user_model().objects.get(username="new_clerk").must_change_password
    assert log_in("new_clerk", TEMPORARY).get(reverse("workflow:home"))["Location"] == CHANGE_PAGE


def test_the_user_changing_their_own_password_is_not_asked_again(caseworker):
    client = log_in("caseworker", PASSWORD)
    client.post(
        CHANGE_PAGE, {"old_password": PASSWORD, "new_password1": CHOSEN, "new_password2": CHOSEN}
    )
    caseworker.refresh_from_db()
    assert not caseworker.must_change_password
    assert client.get(reverse("workflow:home")).status_code == 200


def test_the_administrator_setting_their_own_password_in_the_admin_is_not_asked(administrator):
    client = login(Client(), administrator)
    admin_sets_password(client, administrator, CHOSEN)
    administrator.refresh_from_db()
    assert not administrator.must_change_password
    assert log_in("admin", CHOSEN).get(reverse("workflow:home")).status_code == 200


def test_a_non_superuser_administrator_resets_a_password_too(caseworker):
    office_admin = make_user("office_admin", roles.ADMINISTRATOR)
    office_admin.is_staff = True
    office_admin.save()
    admin_sets_password(log_in("office_admin", PASSWORD), caseworker)
    caseworker.refresh_from_db()
    assert caseworker.must_change_password


def test_demo_users_are_not_asked_to_change_the_demo_password(db):
    call_command("seed_demo", families=1, stdout=io.StringIO())
    users = get_user_model().objects.all()
    assert users.count() == len(demo_users())
    assert not users.filter(must_change_password=True).exists()
    assert log_in("caseworker", DEMO_PASSWORD).get(reverse("workflow:home")).status_code == 200


@pytest.mark.parametrize(
    "password, russian, kazakh",
    [
        (
            "short1",
            "Пароль слишком короткий: нужно хотя бы 8 символов.",
            "Құпиясөз тым қысқа: кемінде 8 таңба керек.",
        ),
        (
            "password123",
            "Пароль слишком широко распространён, его легко подобрать.",
            "Бұл құпиясөз тым кең тараған, оны оңай табуға болады.",
        ),
        ("98765432101", "Пароль состоит только из цифр.", "Құпиясөз тек цифрлардан тұрады."),
        (
            "caseworker1",
            "Пароль слишком похож на ваши данные",
            "Құпиясөз сіздің деректеріңізге тым ұқсас",
        ),
    ],
)
def test_weak_passwords_are_refused_in_russian_and_kazakh(caseworker, password, russian, kazakh):
    client = log_in("caseworker", PASSWORD)
    data = {"old_password": PASSWORD, "new_password1": password, "new_password2": password}
    response = client.post(CHANGE_PAGE, data)
    assert response.status_code == 200 and russian in response.content.decode()
    client.post(reverse("set_language"), {"language": "kk", "next": CHANGE_PAGE})
    response = client.post(CHANGE_PAGE, data)
    assert response.status_code == 200 and kazakh in response.content.decode()
    caseworker.refresh_from_db()
    assert caseworker.check_password(PASSWORD)


def test_the_administrator_cannot_set_a_weak_password_either(caseworker, administrator):
    response = login(Client(), administrator).post(
        reverse("admin:auth_user_password_change", args=[caseworker.pk]),
        {"usable_password": "true", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert "Пароль состоит только из цифр." in response.content.decode()
    caseworker.refresh_from_db()
    assert not caseworker.must_change_password and caseworker.check_password(PASSWORD)
