"""Time and peak memory to export a payment list of N rows (p29) as CSV and XLSX, beside a plain
csv.writer over the same queryset and a plain xlsxwriter constant-memory write, in one run.

    python bench/bench_export.py [--rows 100000] [--quick] [--library] [--database-url URL]

The data is created with bulk_create in a throwaway database: a temporary SQLite file unless
--database-url names another (e.g. postgres://postgres@127.0.0.1:5432/zk_bench_export — it is
flushed first). Each measurement runs in its own Python process, so its peak resident memory
(sampled from /proc/self/statm while it runs) minus its size at the start is that export's
own growth. Each is measured at
N/10 and at N rows: a flat memory column is what streaming means. --library adds
django-import-export's own Resource.export() (the whole dataset in memory) for comparison."""

import argparse
import csv
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

ROOT = common.ROOT
SETTINGS = "zhanakorgan_aid.settings.test"
AIM_RATIO = {"csv": 1.5, "xlsx": 1.2}
AIM_MEMORY_MIB = 20
WAYS = {
    "csv": "product CSV (Resource columns, streaming csv.writer)",
    "plain_csv": "plain csv.writer over the same queryset",
    "xlsx": "product XLSX (Resource columns, xlsxwriter constant memory)",
    "plain_xlsx": "plain xlsxwriter constant-memory write",
    "library_csv": "django-import-export Resource.export() → CSV",
}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="5 000 rows")
    parser.add_argument(
        "--library",
        action="store_true",
        help="also django-import-export's in-memory export (slow at 100 000)",
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    parser.add_argument("--list", type=int, default=0, help=argparse.SUPPRESS)
    return parser.parse_args()


# Every measurement runs in a process of its own on the database the run chose (a child is told
# which by --database-url).
ARGS = arguments()
DATABASE_URL = ARGS.database_url or common.scratch_sqlite("zk-bench-export-")
common.setup_django(SETTINGS, database_url=DATABASE_URL)

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from applications.cases.models import Person  # noqa: E402
from applications.reference.models import Bank, Category  # noqa: E402
from applications.reference.testdata import make_kz_iban  # noqa: E402
from benefits import exports  # noqa: E402
from benefits.models import Award, PaymentList, PaymentListItem, ScheduledPayment  # noqa: E402
from benefits.resources import PaymentListItemResource  # noqa: E402

DAY = datetime.date(2024, 3, 1)
BATCH = 5000


# --- data -------------------------------------------------------------------------------------


def create_data(rows: int, list_title: str) -> int:
    """`rows` recipients with one scheduled payment each, all in one payment list; its pk."""
    user, _ = get_user_model().objects.get_or_create(username="bench_export")
    people = recipients(rows)
    awards = monthly_awards(people, user)
    payments = ScheduledPayment.objects.bulk_create(
        (
            ScheduledPayment(
                award=a,
                due_on=DAY,
                amount=Decimal("36920.00") + k % 100,
                mrp_value=Decimal("3692"),
                status="listed",
                purpose="Социальная помощь, п. 7.2",
            )
            for k, a in enumerate(awards)
        ),
        batch_size=BATCH,
    )
    payment_list = PaymentList.objects.create(
        title=list_title, period_start=DAY, period_end=DAY, created_by=user
    )
    list_items_create(payment_list, people, payments)
    return payment_list.pk


def recipients(rows: int) -> list[Person]:
    """`rows` new citizens with accounts in four banks in turn."""
    banks = list(Bank.objects.order_by("code")[:4])
    start = Person.objects.count()
    return Person.objects.bulk_create(
        (
            Person(
                iin=f"{start + k:012d}",
                surname=f"Фамилия{k}",
                name="Имя",
                patronymic="Отчество",
                birth_date=datetime.date(1980, 1, 1),
                sex="M",
                bank=banks[k % 4],
                iban=make_kz_iban(banks[k % 4].code, k),
            )
            for k in range(rows)
        ),
        batch_size=BATCH,
    )


def monthly_awards(people: list[Person], user) -> list[Award]:
    category = Category.objects.get(code="hardship-tuberculosis")
    return Award.objects.bulk_create(
        (
            Award(
                recipient=p,
                category=category,
                amount=Decimal("36920.00"),
                periodicity="monthly",
                start=DAY,
                end=DAY,
                decided_on=DAY,
                created_by=user,
                mrp_value=Decimal("3692"),
                mrp_multiple=Decimal("10"),
            )
            for p in people
        ),
        batch_size=BATCH,
    )


def list_items_create(payment_list, people: list[Person], payments: list) -> None:
    PaymentListItem.objects.bulk_create(
        (
            PaymentListItem(
                payment_list=payment_list,
                payment=p,
                bank=people[k].bank,
                iban=people[k].iban,
                amount=p.amount,
            )
            for k, p in enumerate(payments)
        ),
        batch_size=BATCH,
    )


# --- the exports measured -------------------------------------------------------------------


def plain_rows(payment_list):
    return (
        PaymentListItem.objects.filter(payment_list=payment_list)
        .order_by("bank__name", "id")
        .values_list(
            "payment__award__recipient__iin",
            "payment__award__recipient__surname",
            "payment__award__recipient__name",
            "iban",
            "bank__name",
            "amount",
            "payment__purpose",
        )
        .iterator(chunk_size=2000)
    )


def export(way: str, payment_list, out_path: str) -> None:
    if way == "csv":
        response = exports.csv_response(exports.payment_list_rows(payment_list), "x.csv")
        with open(out_path, "wb") as out:
            for chunk in response.streaming_content:
                out.write(chunk)
    elif way == "xlsx":
        response = exports.xlsx_response(
            exports.payment_list_rows(payment_list), "x.xlsx", sheet="Ведомость"
        )
        with open(out_path, "wb") as out:
            for chunk in response.streaming_content:
                out.write(chunk)
    elif way == "plain_csv":
        with open(out_path, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, delimiter=";")
            for row in plain_rows(payment_list):
                writer.writerow(row)
    elif way == "plain_xlsx":
        book = xlsxwriter.Workbook(out_path, {"constant_memory": True})
        sheet = book.add_worksheet()
        for r, row in enumerate(plain_rows(payment_list)):
            sheet.write_row(r, 0, [float(v) if not isinstance(v, str) else v for v in row])
        book.close()
    elif way == "library_csv":
        resource = PaymentListItemResource()
        queryset = resource.get_queryset().filter(payment_list=payment_list)
        Path(out_path).write_text(resource.export(queryset=queryset).csv, encoding="utf-8")


def child(way: str, list_pk: int) -> None:
    """One measurement in this process: Django is set up and the list read before the clock and
    the memory baseline start, so both count the export alone."""
    payment_list = PaymentList.objects.get(pk=list_pk)
    with tempfile.TemporaryDirectory() as tmp, RssPeak() as peak:
        out_path = os.path.join(tmp, "out")
        started = time.perf_counter()
        export(way, payment_list, out_path)
        seconds = time.perf_counter() - started
        size = os.path.getsize(out_path)
    print(json.dumps({"seconds": seconds, "rss_kib": peak.growth_kib, "bytes": size}))


class RssPeak:
    """The largest resident set size seen while the block runs, minus the size at its start,
    sampled every 5 ms from /proc/self/statm (ru_maxrss would keep the peak of Django's start)."""

    def __enter__(self):
        self.start = self.peak = _rss_kib()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss_kib())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_kib())
        self.growth_kib = self.peak - self.start


def _rss_kib() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() // 1024


def measure(way: str, list_pk: int, database_url: str) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            way,
            "--list",
            str(list_pk),
            "--database-url",
            database_url,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- the run ----------------------------------------------------------------------------------


def prepare(rows: int) -> dict[int, int]:
    """Two payment lists, of N/10 and N rows; their pks by size."""
    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)
    call_command("loaddata", "reference", verbosity=0)
    sizes = sorted({max(rows // 10, 1), rows})
    lists = {}
    for size in sizes:
        started = time.perf_counter()
        lists[size] = create_data(size, f"bench {size}")
        print(f"created a payment list of {size} rows in {time.perf_counter() - started:.1f} s")
    assert PaymentList.objects.count() == len(sizes)
    return lists


def report(results: dict) -> None:
    print(f"\n{'export':62} {'rows':>8} {'seconds':>8} {'+RSS MiB':>9} {'file MiB':>9}")
    for (way, size), r in results.items():
        print(
            f"{WAYS[way]:62} {size:8d} {r['seconds']:8.2f} {r['rss_kib'] / 1024:9.1f} "
            f"{r['bytes'] / 1024 / 1024:9.1f}"
        )
    largest = max(size for _, size in results)
    print(
        f"\nRatios at {largest} rows (product ÷ plain; issue 9 aims: CSV ≤ 1.5×, XLSX ≤ 1.2×, "
        f"memory growth ≤ {AIM_MEMORY_MIB} MiB):"
    )
    for ours, plain in (("csv", "plain_csv"), ("xlsx", "plain_xlsx")):
        a, b = results[(ours, largest)], results[(plain, largest)]
        ratio, grown = a["seconds"] / b["seconds"], a["rss_kib"] / 1024
        met = ratio <= AIM_RATIO[ours] and grown <= AIM_MEMORY_MIB
        print(
            f"  {ours:5} time {ratio:5.2f}×   "
            f"memory +{grown:.1f} MiB vs +{b['rss_kib'] / 1024:.1f} MiB   "
            f"{'met' if met else 'NOT met'}"
        )
    smallest = min(size for _, size in results)
    if smallest != largest:
        for way in ("csv", "xlsx"):
            grow = results[(way, largest)]["rss_kib"] - results[(way, smallest)]["rss_kib"]
            print(
                f"  {way:5} memory growth from {smallest} to {largest} rows: {grow / 1024:+.1f} MiB"
            )


def main(args: argparse.Namespace) -> int:
    if args.child:
        child(args.child, args.list)
        return 0
    lists = prepare(5_000 if args.quick else args.rows)
    ways = [w for w in WAYS if args.library or not w.startswith("library")]
    results = {
        (way, size): measure(way, pk, DATABASE_URL) for size, pk in lists.items() for way in ways
    }
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main(ARGS))
