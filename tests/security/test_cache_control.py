"""No cache keeps personal data: every response to a signed-in user says `private, no-store`,
page, PDF, scan or export alike; static files keep their cache (issue 22, item 3)."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import login

from .url_expectations import EXPECTATIONS, STAFF


def cache_control_of_every_url(users, world) -> list[tuple[str, str, int, str, str]]:
    """(URL name, role, status, content type, Cache-Control) for every URL of the table and
    every signed-in role, each role meeting the objects as they were."""
    seen = []
    for name, expect in sorted(EXPECTATIONS.items()):
        url = reverse(name, args=expect.args(world))
        if expect.query:
            url = f"{url}?{expect.query}"
        for role in STAFF:
            with transaction.atomic():
                client = login(Client(), users[role])  # each its own: one URL logs out
                response = getattr(client, expect.method)(url, expect.data)
                transaction.set_rollback(True)
            seen.append(
                (
                    name,
                    role,
                    response.status_code,
                    response.get("Content-Type", ""),
                    response.get("Cache-Control", ""),
                )
            )
    return seen


def test_every_response_to_a_signed_in_user_is_private_and_not_stored(users, world):
    seen = cache_control_of_every_url(users, world)
    stored = [
        f"{name} as {role}: {status} Cache-Control: {cache!r}"
        for name, role, status, _type, cache in seen
        if not {"private", "no-store"} <= {part.strip() for part in cache.split(",")}
    ]
    assert not stored, "\n".join(stored)
    # The walk did reach personal data in every form: pages, the scan, printed PDFs, exports.
    shown = {
        (name, content_type.split(";")[0])
        for name, _role, status, content_type, _cache in seen
        if status == 200
    }
    assert {
        ("workflow:application_detail", "text/html"),
        ("applications:document_download", "application/pdf"),
        ("commissions:document", "application/pdf"),
        ("benefits:education_contract_download", "application/pdf"),
        ("benefits:payment_list_export", "text/csv"),
    } <= shown
    assert any(name == "benefits:report_xlsx" and "spreadsheetml" in kind for name, kind in shown)


@pytest.fixture
def production_static_files():
    """Static files as production serves them: whitenoise right after SecurityMiddleware."""
    middleware = [
        settings.MIDDLEWARE[0],
        "whitenoise.middleware.WhiteNoiseMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    with override_settings(MIDDLEWARE=middleware, WHITENOISE_USE_FINDERS=True, STATIC_ROOT=None):
        yield


def test_a_static_file_keeps_its_cache_for_a_signed_in_user(production_static_files, caseworker):
    client = login(Client(), caseworker)
    response = client.get(f"{settings.STATIC_URL}css/app.css")
    assert response.status_code == 200
    cache = response["Cache-Control"]
    assert "max-age=" in cache and "no-store" not in cache and "private" not in cache
    page = client.get(reverse("applications:application_list"))
    assert "no-store" in page["Cache-Control"]
