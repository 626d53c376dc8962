"""What every benchmark shares: Django set up with the bench settings, data prepared, a session
cookie for a caseworker, latency and query counts through the test client, gunicorn on
127.0.0.1 and wrk against it. Nothing here writes into the git tree."""

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def setup_django() -> None:
    """Bench settings with the baseline views mounted; the repo on sys.path."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "zhanakorgan_aid.settings.bench"
    os.environ["BENCH_BASELINES"] = "1"
    # production settings read the secret with no default; the bench needs none of its own
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(*, persons: int) -> None:
    """Schema, reference data, static files and the cache table; seed `persons` when the
    database holds no applications yet (a region-size set is seeded beforehand)."""
    from django.core.management import call_command

    from applications.cases.models import Application
    from applications.reference.models import Okrug

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    if not Okrug.objects.exists():
        call_command("loaddata", "reference", verbosity=0)
    if not Application.objects.exists():
        call_command("seed_scale", persons=persons, verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)


def bench_user():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from zhanakorgan_aid import roles

    user, made = get_user_model().objects.get_or_create(
        username="bench_caseworker", defaults={"first_name": "Bench"}
    )
    if made:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=roles.CASEWORKER)[0])
    return user


def logged_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def session_cookie(client) -> str:
    from django.conf import settings

    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


class Pages(str):
    """An address whose `PAGE` is a page number drawn at random from `first` to `last` for
    every request (as wrk_pages.lua does under wrk): what the shared cache keeps for one page
    is then not what is measured. As a string it is the address of the middle page."""

    def __new__(cls, template: str, first: int, last: int):
        url = super().__new__(cls, template.replace("PAGE", str((first + last) // 2)))
        url.template, url.first, url.last = template, first, last
        return url

    def on(self, base: str) -> "Pages":
        return Pages(base + self.template, self.first, self.last)

    def pick(self, rng) -> str:
        return self.template.replace("PAGE", str(rng.randint(self.first, self.last)))


def urls_of(url: str):
    """The address of each request: the same one, or a Pages address's pages at random."""
    import random

    if not isinstance(url, Pages):
        while True:
            yield url
    rng = random.Random(9)
    while True:
        yield url.pick(rng)


def measure(client, url: str, repeat: int) -> dict:
    """p50/p95 of `repeat` requests through the test client (after one warm-up) and the SQL
    statements one warm request runs (counted at the cursor, whatever DEBUG is; what the
    shared cache holds, such as a long list's count, is read from it as in steady use)."""
    from django.db import connection

    addresses = urls_of(url)
    client.get(url)
    statements = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: (statements.append(sql), execute(sql, *args))[1]
    ):
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(workers: int = 2):
    """gunicorn with gunicorn.conf.py and `workers` sync workers on a free 127.0.0.1 port."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhanakorgan_aid.settings.bench",
        "BENCH_BASELINES": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_MAX_REQUESTS": "0",
    }
    exe = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen([str(exe), "-c", str(ROOT / "gunicorn.conf.py")], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def wait_until_up(base: str, proc) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited at start")
        try:
            urllib.request.urlopen(f"{base}/bench/bare/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start in 30 s")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check_page(url: str, cookie: str) -> None:
    """The URL answers 200 to the cookie (a redirect to the login page would look fast)."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        status = opener.open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise SystemExit(f"{url}: HTTP {status} before the load run")


def wrk(url: str, *, seconds: int, connections: int, cookie: str = "") -> dict:
    """Throughput and latency under wrk; requests/s, p50/p95 ms and the error counts."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: run `make system-deps` (scripts/system_deps.sh)")
    check_page(url, cookie)
    cmd = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / ("wrk_pages.lua" if isinstance(url, Pages) else "wrk_report.lua")),
    ]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    args = ["--", str(url.first), str(url.last)] if isinstance(url, Pages) else []
    out = subprocess.run([*cmd, url, *args], capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK_JSON "))
    result = json.loads(line.removeprefix("WRK_JSON "))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def machine() -> str:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        "?",
    )
    mem = next(
        (
            ln.split()[1]
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        ),
        "0",
    )
    return f"{os.cpu_count()} CPU ({cpu}), {int(mem) / 1024 / 1024:.1f} GiB RAM"


def database() -> str:
    from django.db import connection

    return f"{connection.vendor} {connection.Database.__name__}"
