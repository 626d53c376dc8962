"""What the page benchmarks share once Django is set up (import it after common.setup_django()):
the database prepared, a caseworker logged in and its session cookie, latency and query counts
through the test client, the database named in a report."""

import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client

from applications.cases.models import Application
from applications.reference.models import Okrug
from bench.common import percentile, urls_of
from zhanakorgan_aid import roles


def prepare(*, persons: int) -> None:
    """Schema, reference data, static files and the cache table; seed `persons` when the
    database holds no applications yet (a region-size set is seeded beforehand)."""
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    if not Okrug.objects.exists():
        call_command("loaddata", "reference", verbosity=0)
    if not Application.objects.exists():
        call_command("seed_scale", persons=persons, verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)


def bench_user():
    user, made = get_user_model().objects.get_or_create(
        username="bench_caseworker", defaults={"first_name": "Bench"}
    )
    if made:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=roles.CASEWORKER)[0])
    return user


def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def session_cookie(client) -> str:
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def measure(client, url: str, repeat: int) -> dict:
    """p50/p95 of `repeat` requests through the test client (after one warm-up) and the SQL
    statements one warm request runs (counted at the cursor, whatever DEBUG is; what the
    shared cache holds, such as a long list's count, is read from it as in steady use)."""
    client.get(url)
    statements = warm_statements(client, url)
    addresses = urls_of(url)
    times = []
    for _ in range(repeat):
        address = next(addresses)
        start = time.perf_counter()
        client.get(address)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": percentile(times, 95),
        "queries": len(statements),
    }


def warm_statements(client, url: str) -> list[str]:
    """The SQL statements of one request to `url`, which must answer 200."""
    statements = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: (statements.append(sql), execute(sql, *args))[1]
    ):
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return statements


def database() -> str:
    return f"{connection.vendor} {connection.Database.__name__}"
