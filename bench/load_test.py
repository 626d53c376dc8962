"""Load test: the work queue under 32 connections for 60 seconds against gunicorn on 127.0.0.1,
as a logged-in caseworker; it fails when any request errs (issue 9, "Production serving").

    python bench/load_test.py [--quick] [--seconds 60] [--connections 32] [--workers 2]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

common.setup_django()

from django.urls import reverse  # noqa: E402

from bench import harness  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 seconds instead of 60")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--persons", type=int, default=600, help="seed size for an empty database")
    args = parser.parse_args(argv)
    seconds = 5 if args.quick else args.seconds
    harness.prepare(persons=args.persons)
    client = harness.logged_in_client(harness.bench_user())
    cookie = harness.session_cookie(client)
    with common.gunicorn(workers=args.workers) as base:
        result = common.wrk(
            base + reverse("workflow:home"),
            seconds=seconds,
            connections=args.connections,
            cookie=cookie,
        )
    errors = result["non2xx"] + result["socket_errors"]
    print(
        f"Load test: work queue, {args.connections} connections, {seconds} s, gunicorn "
        f"{args.workers} sync workers on {harness.database()}: {result['requests']} requests, "
        f"{result['rps']:.1f} req/s, p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} "
        f"ms, errors {errors} (non-2xx/3xx {result['non2xx']}, socket {result['socket_errors']})"
    )
    return 1 if errors or not result["requests"] else 0


if __name__ == "__main__":
    sys.exit(main())
