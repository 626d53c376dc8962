"""Production settings pass Django's deployment checks and put the cache and the sessions in
Redis when REDIS_URL is set, in the database otherwise; every answer carries the browser-side
protections; error pages are in Russian and show no internals."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_CACHE_KEYS
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import login
from zhanakorgan_aid import errors

ROOT = Path(__file__).resolve().parents[2]
REDIS_CACHE = "zhanakorgan_aid.cache.RedisCache"


def production_env(**values: str) -> dict[str, str]:
    """The environment of a production process: this one's, without REDIS_URL unless given."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="zhanakorgan_aid.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        **values,
    )
    return env


def production_settings(**values: str) -> dict:
    """The caches, the session engine and the database options production settings make."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'caches': s.CACHES, 'session_engine': s.SESSION_ENGINE, "
        "'session_cache': s.SESSION_CACHE_ALIAS, 'database': s.DATABASES['default']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(**values),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("redis_url", ["", "redis://cache.internal:6379/2"])
def test_production_settings_pass_check_deploy(redis_url):
    env = production_env(**({"REDIS_URL": redis_url} if redis_url else {}))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_redis_keeps_the_cache_in_the_database():
    made = production_settings(DATABASE_URL="postgres://aid@db.internal:5432/aid")
    assert made["caches"]["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert made["caches"]["default"]["LOCATION"] == "django_cache"
    fragments = made["caches"]["fragments"]["BACKEND"]
    assert fragments == "django.core.cache.backends.locmem.LocMemCache"
    assert made["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert made["session_cache"] == "default"
    # persistent connections, checked before reuse, and statements kept prepared
    database = made["database"]
    assert database["CONN_MAX_AGE"] == 600 and database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"]["server_side_binding"] is True
    assert database["OPTIONS"]["prepare_threshold"] == 5


def test_production_with_redis_url_keeps_cache_and_fragments_in_redis_apart():
    url = "redis://:secret@cache.internal:6379/2"
    made = production_settings(REDIS_URL=url, CACHE_KEY_PREFIX="aid-west")
    default, fragments = made["caches"]["default"], made["caches"]["fragments"]
    assert default["BACKEND"] == fragments["BACKEND"] == REDIS_CACHE
    assert default["LOCATION"] == fragments["LOCATION"] == url
    assert (default["KEY_PREFIX"], fragments["KEY_PREFIX"]) == (
        "aid-west:default",
        "aid-west:fragments",
    )
    assert made["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert made["session_cache"] == "default"


@pytest.mark.redis
def test_with_redis_url_the_cache_and_the_sessions_are_in_redis(client, caseworker):
    """What the PostgreSQL run of .ci/run tests: the production configuration, on a real Redis."""
    raw = redis.Redis.from_url(settings.REDIS_URL)
    default, fragments = caches["default"], caches["fragments"]
    assert type(default).__module__ + "." + type(default).__name__ == REDIS_CACHE
    default.set("probe", "counts")
    fragments.set("probe", "menu")
    assert raw.exists(default.make_key("probe")) and raw.exists(fragments.make_key("probe"))
    # the fragments are flushed alone; keys that are not this run's stay
    raw.set("someone-else:probe", "theirs", ex=60)
    fragments.clear()
    assert not raw.exists(fragments.make_key("probe")) and default.get("probe") == "counts"
    default.clear()
    assert raw.get("someone-else:probe") == b"theirs"
    raw.delete("someone-else:probe")
    # the session is written to Redis and a page reads it from there
    login(client, caseworker)
    session_key = default.make_key(SESSION_CACHE_KEYS + client.session.session_key)
    assert raw.exists(session_key)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("workflow:home")).status_code == 200
    assert not [q for q in queries if Session._meta.db_table in q["sql"]]
    client.post(reverse("logout"))
    assert not raw.exists(session_key)


def test_production_settings_refuse_to_start_without_a_secret():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "zhanakorgan_aid.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_pages_carry_csp_and_frame_headers(client, caseworker):
    login(client, caseworker)
    response = client.get(reverse("workflow:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_scripts_or_handlers():
    """A strict CSP blocks inline handlers: behaviour belongs in static/js/app.js."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8").lower()
        for needle in (
            " onclick=",
            " onchange=",
            " onsubmit=",
            " oninput=",
            " onload=",
            "<script>",
        ):
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)}: {needle.strip()}")
    assert not offenders, (
        "Move these to static/js/app.js (data-confirm, data-autosubmit): " + ", ".join(offenders)
    )


def test_missing_page_answers_404_in_russian(client, caseworker):
    login(client, caseworker)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_forbidden_answers_403_in_russian(client, auditor):
    login(client, auditor)
    response = client.get(reverse("applications:person_create"))
    assert response.status_code == 403
    assert "Доступ запрещён" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_needs_no_database_and_shows_no_trace(rf: RequestFactory):
    request = rf.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = errors.server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Внутренняя ошибка сервера" in body
    assert "Traceback" not in body and "SELECT" not in body
    assert len(queries) == 0


def test_project_routes_errors_to_the_russian_handlers():
    from django.urls import get_resolver

    resolver = get_resolver()
    for code, view in (
        (400, errors.bad_request),
        (403, errors.permission_denied),
        (404, errors.page_not_found),
        (500, errors.server_error),
    ):
        assert resolver.resolve_error_handler(code) is view


def test_bad_request_page(rf):
    response = errors.bad_request(rf.get("/"))
    assert response.status_code == 400
    assert "Неверный запрос" in response.content.decode()


def test_csrf_failure_page_is_russian(caseworker):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    login(client, caseworker)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    assert "Форма устарела" in response.content.decode()
