"""Log-in protection: password rules, the lockout behind a proxy (the rest of the lockout:
test_lockout.py), expiry after 30 idle minutes, logout everywhere on a password change."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_CACHE_KEYS
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, login

SESSIONS = Session._meta.db_table

LOCKED = "Вход временно заблокирован"


def attempt(client: Client, username: str, password: str, ip: str):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_correct_password_logs_in(client, caseworker):
    response = attempt(client, "caseworker", PASSWORD, "10.0.0.1")
    assert response.status_code == 302 and response["Location"] == reverse("workflow:home")


def test_wrong_password_is_refused_in_russian(client, caseworker):
    response = attempt(client, "caseworker", "wrong", "10.0.0.1")
    assert response.status_code == 200
    assert "правильные имя пользователя и пароль" in response.content.decode()


def test_behind_the_proxy_the_forwarded_address_is_locked(caseworker, settings):
    """Behind the proxy every client has its REMOTE_ADDR: the lock follows the forwarded
    address, so the account stays open at another client's."""
    settings.TRUSTED_PROXY_COUNT = 1

    def via_proxy(forwarded: str, password: str):
        return Client().post(
            reverse("login"),
            {"username": "caseworker", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for _ in range(5):
        via_proxy("1.2.3.4", "bad")
    locked = via_proxy("1.2.3.4", PASSWORD)
    assert locked.status_code == 429 and LOCKED in locked.content.decode()
    assert via_proxy("1.2.3.200", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "password, message",
    [
        ("12345678abc", None),
        ("short1", "слишком короткий"),
        ("98765432101", "только из цифр"),
        ("password123", "широко распространён"),
    ],
)
def test_password_rules_apply_on_change(client, caseworker, password, message):
    login(client, caseworker)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": password,
            "new_password2": password,
        },
    )
    if message is None:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert message in response.content.decode()


def test_password_change_logs_out_every_other_session(caseworker):
    here, elsewhere = Client(), Client()
    assert attempt(here, "caseworker", PASSWORD, "10.0.6.1").status_code == 302
    assert attempt(elsewhere, "caseworker", PASSWORD, "10.0.6.2").status_code == 302
    assert elsewhere.get(reverse("workflow:home")).status_code == 200
    response = here.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Novyi-Parol-2026",
            "new_password2": "Novyi-Parol-2026",
        },
        follow=True,
    )
    assert "Пароль изменён" in response.content.decode()
    assert here.get(reverse("workflow:home")).status_code == 200
    gone = elsewhere.get(reverse("workflow:home"))
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("login"))


def test_session_ends_after_thirty_idle_minutes(caseworker):
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert attempt(client, "caseworker", PASSWORD, "10.0.7.1").status_code == 302
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert client.get(reverse("workflow:home")).status_code == 200
    # Each request renews the 30 minutes; 31 idle minutes after the last one, the session is over.
    with time_machine.travel(start + datetime.timedelta(minutes=29 + 31), tick=False):
        response = client.get(reverse("workflow:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_page_views_write_the_session_at_most_once_a_minute(caseworker):
    """Idle expiry without a write of the session, to the database or to the cache, on every
    page (issue 9)."""
    client = Client()
    start = timezone.now()
    session_cache = caches[settings.SESSION_CACHE_ALIAS]

    def session_writes(at) -> tuple[int, int]:
        with (
            time_machine.travel(at, tick=False),
            CaptureQueriesContext(connection) as queries,
            mock.patch.object(session_cache, "set", wraps=session_cache.set) as cache_set,
        ):
            assert client.get(reverse("workflow:home")).status_code == 200
        rows = sum(SESSIONS in q["sql"] and "UPDATE" in q["sql"] for q in queries)
        entries = sum(c.args[0].startswith(SESSION_CACHE_KEYS) for c in cache_set.call_args_list)
        return rows, entries

    with time_machine.travel(start, tick=False):
        assert attempt(client, "caseworker", PASSWORD, "10.0.7.2").status_code == 302
    assert session_writes(start + datetime.timedelta(seconds=5)) == (0, 0)
    assert session_writes(start + datetime.timedelta(seconds=50)) == (0, 0)
    assert session_writes(start + datetime.timedelta(seconds=65)) == (1, 1)
    assert session_writes(start + datetime.timedelta(seconds=90)) == (0, 0)
    # The stamp at 65 s moved the expiry to 31:05: a request at 30:05 finds the session
    # alive and stamps it again; 30 idle minutes after that request it is over.
    with time_machine.travel(start + datetime.timedelta(minutes=30, seconds=5), tick=False):
        assert client.get(reverse("workflow:home")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=60, seconds=6), tick=False):
        response = client.get(reverse("workflow:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_idle_limit_is_configurable(caseworker, settings):
    """SESSION_COOKIE_AGE (environment) sets the idle limit; 30 minutes is its default."""
    settings.SESSION_COOKIE_AGE = 10 * 60
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert attempt(client, "caseworker", PASSWORD, "10.0.7.3").status_code == 302
    with time_machine.travel(start + datetime.timedelta(minutes=9), tick=False):
        assert client.get(reverse("workflow:home")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=9 + 11), tick=False):
        response = client.get(reverse("workflow:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_deactivated_or_removed_account_is_logged_out_at_its_next_page(caseworker, auditor):
    """The session's user is read afresh on every request (Django's ModelBackend): an
    account the administrator switches off, or removes, loses its open sessions at once."""
    home = reverse("workflow:home")
    client, other = Client(), Client()
    assert attempt(client, "caseworker", PASSWORD, "10.0.8.1").status_code == 302
    assert attempt(other, "auditor", PASSWORD, "10.0.8.2").status_code == 302
    assert client.get(home).status_code == 200 and other.get(home).status_code == 200
    caseworker.is_active = False
    caseworker.save(update_fields=["is_active"])
    auditor.delete()
    for gone in (client.get(home), other.get(home)):
        assert gone.status_code == 302 and gone["Location"].startswith(reverse("login"))


def test_session_from_the_cache_user_and_roles_read_once_a_request_and_kept_current(
    client, caseworker
):
    """A page reads its session from the cache (cached_db), then its user and the user's
    groups once each; the user is still checked on every request as Django checks it."""
    login(client, caseworker)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("workflow:dashboard")).status_code == 200
    assert not [q["sql"] for q in queries if SESSIONS in q["sql"]]
    user_table = caseworker._meta.db_table
    reads = [q["sql"] for q in queries if user_table in q["sql"] or "auth_group" in q["sql"]]
    assert len(reads) == 2 and sum("auth_group" in sql for sql in reads) == 1, reads
    # a role taken away counts from the next request
    caseworker.groups.clear()
    assert client.get(reverse("workflow:dashboard")).status_code == 403
    # an account switched off is logged out at its next request
    login(client, caseworker)
    caseworker.is_active = False
    caseworker.save()
    response = client.get(reverse("workflow:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_password_changed_elsewhere_ends_the_other_sessions(caseworker):
    first, second = Client(), Client()
    login(first, caseworker)
    login(second, caseworker)
    assert first.get(reverse("workflow:home")).status_code == 200
    caseworker.set_password("another-long-passphrase-9")
    caseworker.save()
    for client in (first, second):
        response = client.get(reverse("workflow:home"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
