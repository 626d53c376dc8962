"""While the database does not answer: a 503 page in the user's language with Retry-After, the
outage logged once, /readyz 503 then 200 again without a restart, /healthz 200 throughout
(issue 22, item 1).

The outage is real: the project's connection is replaced by one to a closed port (PostgreSQL) or
to a file in a folder that does not exist (SQLite), through the real backend, and every request
goes through the whole middleware stack. The test's own connection, with its transaction, is
left alone and put back afterwards, which is the database coming back."""

import logging
from contextlib import contextmanager

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import login
from zhanakorgan_aid import availability

RU = "Сервис временно недоступен. Всё, что вы сохранили, сохранено; повторите через минуту."
KK = "Қызмет уақытша қолжетімсіз. Сақтағандарыңыздың бәрі сақталды; бір минуттан кейін қайталаңыз."
UNREACHABLE = {
    "postgresql": {"HOST": "127.0.0.1", "PORT": "1"},
    "sqlite": {"NAME": "/nonexistent-folder/zhanakorgan-aid.sqlite3"},
}


@contextmanager
def database_down():
    real = connections[DEFAULT_DB_ALIAS]
    settings_dict = {**real.settings_dict, **UNREACHABLE[real.vendor]}
    connections[DEFAULT_DB_ALIAS] = real.__class__(settings_dict, DEFAULT_DB_ALIAS)
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS] = real


@pytest.fixture(autouse=True)
def no_outage_left_over():
    """The outage state belongs to the process: a test that failed midway does not leave it to
    the next."""
    yield
    if availability.outage_ongoing():
        availability.database_answered()


def browser(user=None, language=None) -> Client:
    """A browser that shows whatever the server answers (the test client would re-raise the
    exception Django handled)."""
    client = Client(raise_request_exception=False)
    if user is not None:
        login(client, user)
    if language:
        client.cookies["django_language"] = language
    return client


def test_a_signed_in_page_answers_503_in_russian_with_retry_after(caseworker):
    client = browser(caseworker)
    assert client.get(reverse("applications:application_list")).status_code == 200
    with database_down():
        response = client.get(reverse("applications:application_list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert RU in page and '<html lang="ru">' in page
    assert "no-store" in response["Cache-Control"]
    assert "Traceback" not in page and "OperationalError" not in page


def test_the_503_page_is_in_kazakh_for_the_kazakh_language_cookie(caseworker):
    client = browser(caseworker, language="kk")
    with database_down():
        response = client.get("/")
    assert response.status_code == 503
    page = response.content.decode()
    assert KK in page and '<html lang="kk">' in page and RU not in page
    assert response["Content-Language"] == "kk"


def test_a_user_who_chose_kazakh_elsewhere_gets_the_503_page_in_kazakh(caseworker):
    """The language is saved on the user, which cannot be read while the database is down: the
    first page after log-in puts it into the browser's language cookie too."""
    caseworker.language = "kk"
    caseworker.save(update_fields=["language"])
    client = browser(caseworker)
    assert client.get("/").status_code == 200
    with database_down():
        response = client.get(reverse("applications:application_list"))
    assert response.status_code == 503 and KK in response.content.decode()


def test_the_outage_is_logged_once_and_its_end_once(caseworker, caplog):
    signed_in, anonymous = browser(caseworker), browser()
    caplog.set_level(logging.WARNING)
    with database_down():
        answers = [
            signed_in.get("/").status_code,
            signed_in.get(reverse("applications:application_list")).status_code,
            # the log-in form's check of the password needs the database: the view's outage
            anonymous.post(reverse("login"), {"username": "caseworker", "password": "x"}),
            anonymous.get("/readyz").status_code,
        ]
    answers[2] = answers[2].status_code
    assert answers == [503, 503, 503, 503]
    outage = [r for r in caplog.records if r.name == "zhanakorgan_aid.availability"]
    assert [r.levelname for r in outage] == ["ERROR"]
    assert "does not answer" in outage[0].getMessage()
    assert not [r for r in caplog.records if r.name == "django.request"]

    caplog.clear()
    assert signed_in.get("/").status_code == 200
    assert signed_in.get("/").status_code == 200
    back = [r for r in caplog.records if r.name == "zhanakorgan_aid.availability"]
    assert len(back) == 1 and "4 requests got 503" in back[0].getMessage()


def test_readyz_follows_the_database_and_healthz_only_the_process(db):
    client = browser()
    assert (client.get("/healthz").status_code, client.get("/readyz").status_code) == (200, 200)
    with database_down():
        ready, alive = client.get("/readyz"), client.get("/healthz")
    assert ready.status_code == 503 and alive.status_code == 200
    assert alive.content == b"ok"
    ready, alive = client.get("/readyz"), client.get("/healthz")
    assert (ready.status_code, ready.content, alive.status_code) == (200, b"ok", 200)


def test_health_checks_set_no_cookie_and_read_no_session(caseworker, django_assert_num_queries):
    """Even a probe that sends a session cookie: nothing reads it, nothing is stored."""
    client = browser(caseworker)
    with django_assert_num_queries(0):
        alive = client.get("/healthz")
    with django_assert_num_queries(1):  # SELECT 1
        ready = client.get("/readyz")
    for response in (alive, ready):
        assert response.status_code == 200 and not response.cookies
        assert "Cookie" not in response.get("Vary", "")
        assert "no-store" in response["Cache-Control"]
        assert response["Content-Type"].startswith("text/plain")


@override_settings(ALLOWED_HOSTS=["aid.example.kz"], SECURE_SSL_REDIRECT=True)
def test_health_checks_answer_the_proxy_over_plain_http_at_any_host(db):
    """The proxy asks the worker directly, by its address, before TLS; pages still redirect."""
    client = browser()
    for path in ("/healthz", "/readyz"):
        assert client.get(path, HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/", HTTP_HOST="aid.example.kz").status_code == 301


def test_a_locked_sqlite_database_is_not_an_outage(db):
    """The connection is open: zhanakorgan_aid.busy answers it with its message and a retry."""
    connections[DEFAULT_DB_ALIAS].ensure_connection()
    assert not availability.database_unreachable(OperationalError("database is locked"))


@pytest.mark.postgresql
def test_a_connection_the_server_dropped_is_closed_and_the_next_request_reconnects(db):
    """The worker keeps its connection between requests (CONN_MAX_AGE); the server ends it (a
    restart, a failover): /readyz answers 503 once, then connects anew, without a restart."""
    real = connections[DEFAULT_DB_ALIAS]
    kept = real.__class__(dict(real.settings_dict), DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = kept
    client = browser()
    try:
        assert client.get("/readyz").status_code == 200
        pid = kept.connection.info.backend_pid
        with real.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert client.get("/readyz").status_code == 503
        assert client.get("/readyz").status_code == 200
        assert kept.connection.info.backend_pid != pid
    finally:
        kept.close()
        connections[DEFAULT_DB_ALIAS] = real
