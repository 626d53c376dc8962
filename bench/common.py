"""What every benchmark shares before and beside Django: Django set up for the script, a
throwaway SQLite file, percentiles, gunicorn on 127.0.0.1 and wrk against it, the machine. What
needs Django set up first (the data prepared, the caseworker's session, the test client's
latency) is in bench/harness.py. Nothing here writes into the git tree."""

import atexit
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import django
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BENCH_SETTINGS = "zhanakorgan_aid.settings.bench"


def setup_django(settings: str = BENCH_SETTINGS, *, database_url: str = "") -> None:
    """Django set up for this script, the repo on sys.path: the bench settings with the
    baseline views mounted unless the script names others, on the database `database_url`
    names (DATABASE_URL's otherwise). Each script calls it before its project imports; a
    process that has set Django up already (a test importing a script) keeps its own."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if apps.ready:
        return
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    os.environ["BENCH_BASELINES"] = "1"
    # production settings read the secret with no default; the bench needs none of its own
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    django.setup()


def scratch_sqlite(prefix: str) -> str:
    """The URL of a SQLite file in a temporary folder that is removed when the script ends."""
    folder = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return f"sqlite:///{folder}/bench.sqlite3"


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
    if not isinstance(url, Pages):
        while True:
            yield url
    rng = random.Random(9)
    while True:
        yield url.pick(rng)


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
