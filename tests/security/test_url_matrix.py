"""Every URL of the project answers every role as tests/security/url_expectations.py says, so
a view added without an access check makes the suite fail (issue 7, item 2)."""

from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.conftest import login

from .url_expectations import EXPECTATIONS, LOGIN, REDIRECT, ROLES
from .urls_walk import walk

ROUTES = walk()
SITE_ROUTES = [r for r in ROUTES if not r.namespace.startswith("admin")]
ADMIN_ROUTES = [r for r in ROUTES if r.namespace.startswith("admin")]


def test_every_url_pattern_has_a_row_in_the_table():
    unnamed = [r.route for r in SITE_ROUTES if not r.name]
    assert not unnamed, f"Give these URL patterns a name: {unnamed}"
    missing = sorted({r.name for r in SITE_ROUTES} - set(EXPECTATIONS))
    assert not missing, (
        f"No access expectations for {missing}. Add a row per URL name to "
        "tests/security/url_expectations.py (EXPECTATIONS) saying what each role gets: "
        "the login redirect, 200, or 403/404."
    )


def test_the_table_has_no_rows_for_urls_that_are_gone():
    stale = sorted(set(EXPECTATIONS) - {r.name for r in SITE_ROUTES})
    assert not stale, f"Remove these rows from tests/security/url_expectations.py: {stale}"


def answer(response) -> int | str:
    if response.status_code == REDIRECT and response["Location"].startswith(reverse("login")):
        return LOGIN
    return response.status_code


def check(name: str, users: dict, world) -> list[str]:
    """What differs from the table for one URL name, role by role."""
    expect = EXPECTATIONS[name]
    url = reverse(name, args=expect.args(world))
    if expect.query:
        url = f"{url}?{expect.query}"
    wrong = []
    for role in ROLES:
        client = Client()
        if users[role] is not None:
            login(client, users[role])
        with transaction.atomic():  # each role meets the objects as they were
            response = getattr(client, expect.method)(url, expect.data)
            transaction.set_rollback(True)
        if answer(response) != expect.status[role]:
            wrong.append(f"{role}: expected {expect.status[role]}, got {answer(response)}")
    return [f"{name} ({expect.method.upper()} {url}): " + "; ".join(wrong)] if wrong else []


def test_every_url_answers_each_role_as_the_table_says(users, world):
    """One pass over the whole table (one set of objects: the matrix is large)."""
    wrong = [line for name in sorted(EXPECTATIONS) for line in check(name, users, world)]
    assert not wrong, "\n".join(wrong)


ADMIN_PAGES = sorted(
    r.name for r in ADMIN_ROUTES if r.name == "admin:index" or r.name.endswith("_changelist")
)


def test_the_admin_has_pages_to_check():
    assert "admin:index" in ADMIN_PAGES and "admin:reference_mrp_changelist" in ADMIN_PAGES


def test_admin_pages_are_for_administrators_only(users):
    """Every admin page sits behind admin_site.admin_view: is_staff, or the admin's log-in."""
    admin_login = reverse("admin:login")
    clients = {}
    for role, user in users.items():
        clients[role] = login(Client(), user) if user is not None else Client()
    wrong = []
    for name in ADMIN_PAGES:
        for role, client in clients.items():
            response = client.get(reverse(name))
            if role == "administrator":
                ok = response.status_code == 200
            else:
                ok = response.status_code == 302 and response["Location"].startswith(admin_login)
            if not ok:
                wrong.append(f"{name}: {role} got {response.status_code}")
    assert not wrong, "\n".join(wrong)
