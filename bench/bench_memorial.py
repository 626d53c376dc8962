"""Time to import, preview and approve a memorial-date list of N rows (p5, p15), beside a plain
bulk_create of the same rows in the same run, with the ratios.

    python bench/bench_memorial.py [--rows 50000] [--quick] [--database-url URL]

The product path is the one the pages take: the Resource reads the CSV, the preview checks every
line (IIN, category, duplicates, IBAN and bank) and prices it, the confirm registers the new
citizens and saves the rows, the approval makes an award and a scheduled payment per row and
records the lump sums of p5.3. The baseline bulk_creates the same number of citizens and rows,
then awards and payments, with no checks at all. A temporary SQLite file is used unless
--database-url names another database (it is flushed first)."""

import argparse
import datetime
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

OCCASION, YEAR = "afghanistan_day", 2022
CODES = ("afghanistan-equated-participants", "afghanistan-equated-disabled")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--quick", action="store_true", help="2 000 rows, for CI")
    parser.add_argument("--database-url", default="")
    return parser.parse_args()


ARGS = arguments()
common.setup_django(
    "zhanakorgan_aid.settings.test",
    database_url=ARGS.database_url or common.scratch_sqlite("bench-memorial-"),
)

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from applications.cases.models import Person  # noqa: E402
from applications.reference.models import Category  # noqa: E402
from applications.reference.testdata import make_iin, make_kz_iban  # noqa: E402
from benefits.memorial_resources import MemorialListResource  # noqa: E402
from benefits.models import Award, MemorialList, MemorialListRow, ScheduledPayment  # noqa: E402
from benefits.services import memorial as service  # noqa: E402


def empty_database() -> None:
    """The schema, no rows but the reference data (the database named is flushed first)."""
    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)
    call_command("loaddata", "reference", verbosity=0)


def iins(count: int, *, offset: int):
    """`count` distinct valid IINs (birth dates 1940–1989, serials from `offset`)."""
    made, k = [], 0
    while len(made) < count:
        birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=k % 18000)
        iin = make_iin(birth, "M" if k % 2 else "F", offset + k // 18000)
        if iin:
            made.append(iin)
        k += 1
    return made


def csv_file(people: list[str]) -> bytes:
    lines = ["ИИН;Фамилия;Имя;Отчество;Код категории;IBAN"]
    for n, iin in enumerate(people):
        lines.append(f"{iin};Фамилия;Имя;Отчество;{CODES[n % 2]};{make_kz_iban('601', n + 1)}")
    return "\n".join(lines).encode("utf-8")


def timed(label: str, results: dict, fn):
    start = time.perf_counter()
    value = fn()
    results[label] = time.perf_counter() - start
    return value


def product(rows: int, user, results: dict) -> None:
    content = csv_file(iins(rows, offset=1))
    source = timed("read", results, lambda: MemorialListResource().read(content, "list.csv"))
    preview = timed(
        "preview",
        results,
        lambda: service.memorial_preview_build(occasion=OCCASION, year=YEAR, rows=source),
    )
    assert not preview.bad_lines, preview.report()[:3]
    memorial_list = timed(
        "confirm",
        results,
        lambda: service.memorial_list_create(
            occasion=OCCASION,
            year=YEAR,
            rows=source,
            file_name="list.csv",
            actor=user,
            warnings_checked=True,  # births up to 1989 against the Afghan categories' 1971
        ),
    )
    timed(
        "approve",
        results,
        lambda: service.memorial_list_approve(
            memorial_list=memorial_list, actor=user, decision_number="bench"
        ),
    )


def baseline(rows: int, user, results: dict) -> None:
    """The same rows with plain bulk_create: no reading, no checks, no history."""
    people = iins(rows, offset=5000)
    categories = [Category.objects.get(code=c) for c in CODES]
    today = datetime.date.today()

    def save():
        persons = plain_persons(people)
        plain_list_rows(persons, categories, user)
        return persons

    persons = timed("plain_rows", results, save)
    timed("plain_approve", results, lambda: plain_awards(persons, categories, user, today))


def plain_persons(people: list[str]) -> list[Person]:
    return Person.objects.bulk_create(
        [
            Person(
                iin=iin,
                surname=f"Ф{n}",
                name="И",
                birth_date=datetime.date(1950, 1, 1),
                sex="M",
                iban=make_kz_iban("601", n + 1),
            )
            for n, iin in enumerate(people)
        ],
        batch_size=2000,
    )


def plain_list_rows(persons: list[Person], categories: list[Category], user) -> None:
    memorial_list = MemorialList.objects.create(
        occasion=OCCASION,
        year=YEAR + 1,
        pay_date=datetime.date(YEAR + 1, 2, 15),
        source_file_name="plain",
        created_by=user,
    )
    MemorialListRow.objects.bulk_create(
        [
            MemorialListRow(
                memorial_list=memorial_list,
                line_number=n + 2,
                person=p,
                category=categories[n % 2],
                occasion=OCCASION,
                year=YEAR + 1,
                amount=Decimal("91890.00"),
                iban=p.iban,
            )
            for n, p in enumerate(persons)
        ],
        batch_size=2000,
    )


def plain_awards(persons: list[Person], categories: list[Category], user, today) -> None:
    awards = Award.objects.bulk_create(
        [
            Award(
                recipient=p,
                category=categories[n % 2],
                amount=Decimal("91890.00"),
                periodicity="once",
                start=today,
                decided_on=today,
                created_by=user,
            )
            for n, p in enumerate(persons)
        ],
        batch_size=2000,
    )
    ScheduledPayment.objects.bulk_create(
        [ScheduledPayment(award=a, due_on=today, amount=a.amount) for a in awards],
        batch_size=2000,
    )


def main(args: argparse.Namespace) -> int:
    rows = 2_000 if args.quick else args.rows
    empty_database()
    user = get_user_model().objects.create(username="bench_memorial")
    results: dict[str, float] = {}
    product(rows, user, results)
    baseline(rows, user, results)
    report(rows, results)
    return 0


def report(rows: int, r: dict) -> None:
    product_total = r["read"] + r["preview"] + r["confirm"] + r["approve"]
    plain_total = r["plain_rows"] + r["plain_approve"]
    print(f"memorial-date list of {rows} rows")
    for label, key in (
        ("read file (Resource)", "read"),
        ("preview (all checks)", "preview"),
        ("confirm (re-check, new citizens, rows)", "confirm"),
        ("approve (awards, payments, lump sums)", "approve"),
    ):
        print(f"  {label:<42} {r[key]:8.2f} s  {rows / r[key]:10.0f} rows/s")
    print(f"  {'product total':<42} {product_total:8.2f} s")
    print(f"  {'plain bulk_create citizens + rows':<42} {r['plain_rows']:8.2f} s")
    print(f"  {'plain bulk_create awards + payments':<42} {r['plain_approve']:8.2f} s")
    print(f"  {'plain total':<42} {plain_total:8.2f} s")
    print(
        f"  ratio import (preview+confirm+read) / plain rows: "
        f"{(r['read'] + r['preview'] + r['confirm']) / r['plain_rows']:.1f}x"
    )
    print(
        f"  ratio approve / plain awards+payments:            "
        f"{r['approve'] / r['plain_approve']:.1f}x"
    )
    print(f"  ratio total:                                      {product_total / plain_total:.1f}x")


if __name__ == "__main__":
    sys.exit(main(ARGS))
