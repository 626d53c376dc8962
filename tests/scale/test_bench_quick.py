"""The benchmarks run in --quick mode so that they cannot rot: each prints its figures beside
its baselines, and the load test ends with no errors. They run as separate processes, with
gunicorn on 127.0.0.1 and wrk (scripts/system_deps.sh), against a throwaway database of the
run's kind: a PostgreSQL database beside the tests' own when the run is on PostgreSQL (with
REDIS_URL, as production runs), a SQLite file otherwise. .ci/run runs them in its PostgreSQL
run only: they never read the tests' database, so a second run on SQLite would measure the
same code again."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.bench


@pytest.fixture(scope="module")
def bench_env(tmp_path_factory, django_db_blocker):
    folder = tmp_path_factory.mktemp("bench")
    env = {**os.environ, "STATIC_ROOT": str(folder / "static")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if connection.vendor != "postgresql":
        yield {**env, "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}"}
        return
    with django_db_blocker.unblock():
        name = recreate_database(f"{connection.settings_dict['NAME']}_bench")
        yield {**env, "DATABASE_URL": postgres_url(name)}
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def recreate_database(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    return name


def postgres_url(name: str) -> str:
    """The address of database `name` on the tests' own PostgreSQL server, as that user."""
    settings = connection.settings_dict
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{name}"


def run(script: str, env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--quick", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_pages_are_measured_beside_both_baselines(bench_env):
    out = run("bench_pages.py", bench_env, "--persons", "200")
    figures = r"\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)"
    for page in (
        "bare view",
        "minimal list (50 rows)",
        "work queue (home)",
        "application page",
        "dashboard",
    ):
        assert re.search(re.escape(page) + figures, out), out
    # the minimal list runs one query; a page's queries do not depend on its rows
    assert re.search(r"minimal list \(50 rows\)\s+[\d.]+\s+[\d.]+\s+1\n", out), out
    assert re.search(r"work queue \(home\)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+0\s+[\d.]+\s+\d+%", out), (
        out
    )
    # each page beside the minimal list's runs before and after it, all of them printed
    assert re.search(r"minimal list's runs, in order \(req/s\): (\d+, ){9}\d+\n", out), out
    # typed pages drawn at random for every request, under wrk too (bench/wrk_pages.lua)
    assert (
        len(re.findall(r"pages \d+–\d+ typed\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+0\s+[\d.]+\s+\d+%", out))
        == 1
    )


def test_load_test_ends_without_errors(bench_env):
    out = run("load_test.py", bench_env, "--persons", "200", "--connections", "8")
    assert re.search(r"Load test: work queue, 8 connections, 5 s, .* errors 0 ", out), out
    assert int(re.search(r": (\d+) requests", out).group(1)) > 0


def test_export_is_measured_beside_plain_writers(bench_env):
    out = run("bench_export.py", bench_env)
    for way in ("product CSV", "plain csv.writer", "product XLSX", "plain xlsxwriter"):
        assert re.search(re.escape(way) + r".*\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+\n", out), out
    assert re.search(r"csv\s+time\s+[\d.]+×\s+memory \+[\d.]+ MiB", out), out
    assert re.search(r"xlsx\s+time\s+[\d.]+×\s+memory \+[\d.]+ MiB", out), out


def test_memorial_list_is_measured_beside_bulk_create(bench_env):
    out = run("bench_memorial.py", bench_env)
    assert re.search(r"plain total\s+[\d.]+ s", out), out
    assert re.search(r"ratio total:\s+[\d.]+x", out), out


def test_terms_recompute_is_measured_beside_a_plain_update(bench_env):
    out = run("bench_recompute.py", bench_env, "--persons", "200")
    assert re.search(r"terms and income recomputed \(with history\)\s+[\d.]+\s+\d+", out), out
    assert re.search(r"plain UPDATE, same rows and fields\s+[\d.]+\s+\d+", out), out
    assert re.search(r"ratio [\d.]+×; changed: step terms \d+", out), out
