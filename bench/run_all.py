"""Run every benchmark of bench/ in turn and stop with a non-zero status if one fails.

    python bench/run_all.py [--quick]

The database is the one DATABASE_URL names (SQLite file by default): an empty one is migrated
and seeded small; for region-size figures run `manage.py seed_scale --persons 1000000` first.
Nothing is written into the git tree (static files go to STATIC_ROOT, which is ignored).
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# Written by the helpers who own the exports, the PDF documents and the memorial lists; each
# takes --quick and prints its figures beside its own baseline.
SCRIPTS = [
    "bench_pages.py",
    "load_test.py",
    "bench_export.py",
    "bench_pdf.py",
    "bench_memorial.py",
    "bench_recompute.py",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs, for CI")
    args = parser.parse_args(argv)
    failed = []
    for name in SCRIPTS:
        script = BENCH / name
        if not script.exists():
            print(f"== {name}: not present in this tree", flush=True)
            continue
        print(f"== {name}", flush=True)
        started = time.monotonic()
        cmd = [sys.executable, str(script), *(["--quick"] if args.quick else [])]
        code = subprocess.run(cmd, cwd=BENCH.parent).returncode
        print(f"== {name}: exit {code} in {time.monotonic() - started:.0f} s", flush=True)
        if code:
            failed.append(name)
    if failed:
        print("Failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
