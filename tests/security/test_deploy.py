"""Production settings pass Django's deployment checks; every answer carries the browser-side
protections; error pages are in Russian and show no internals."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import login
from zhanakorgan_aid import errors

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhanakorgan_aid.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
    }
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
