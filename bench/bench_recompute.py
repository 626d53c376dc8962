"""Terms and per-capita income of every open application counted again after a calendar
correction (applications.services.terms), beside a plain UPDATE of the same rows and
fields with values known beforehand, in the same run and on the same database.

    python bench/bench_recompute.py [--quick] [--persons N]

Runs on the database DATABASE_URL names (seeded small when empty). A day off is added on the
next working day, so the terms of most open cases move; everything is rolled back at the end.
"""

import argparse
import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

common.setup_django()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from applications.cases.models import OPEN_STATUSES, Application  # noqa: E402
from applications.reference import workdays  # noqa: E402
from applications.reference.models import CalendarOverride  # noqa: E402
from applications.workflow.services.terms import terms_recompute  # noqa: E402
from bench import harness  # noqa: E402


class Rollback(Exception):
    pass


def baseline(ids: list[int]) -> float:
    """The same three fields of the same rows written by one prepared UPDATE per row, values
    already known (no calendar, no incomes, no history): what writing them costs at least."""
    started = time.perf_counter()
    for start in range(0, len(ids), 2000):
        rows = Application.objects.filter(pk__in=ids[start : start + 2000]).values_list(
            "pk", "due_date", "decision_due", "per_capita_income"
        )
        one_day = datetime.timedelta(days=1)
        params = [
            (
                (due or datetime.date.today()) + one_day,
                (decision or due or datetime.date.today()) + one_day,
                income,
                pk,
            )
            for pk, due, decision, income in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE applications_application SET due_date = %s, decision_due = %s, "
                "per_capita_income = %s WHERE id = %s",
                params,
            )
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--persons", type=int, default=600)
    args = parser.parse_args(argv)
    harness.prepare(persons=args.persons)
    ids = list(Application.objects.filter(status__in=OPEN_STATUSES).values_list("pk", flat=True))
    day = workdays.add_working_days(timezone.localdate(), 1)
    print(
        f"Machine: {common.machine()}; database: {harness.database()}; "
        f"applications: {Application.objects.count()}, open: {len(ids)}; day off added: {day}"
    )
    ours, plain, result = measured_and_rolled_back(ids, day)
    report(len(ids), ours, plain, result)
    return 0


def measured_and_rolled_back(ids: list[int], day: datetime.date):
    """A day off added on `day`, the terms recomputed, then the plain UPDATE of the same rows;
    the seconds of each and what the recompute changed. Everything is rolled back."""
    try:
        with transaction.atomic():
            CalendarOverride.objects.filter(date=day).delete()
            CalendarOverride.objects.create(date=day, kind="day_off", name_ru="bench")
            workdays.clear_cache()
            started = time.perf_counter()
            result = terms_recompute()
            ours = time.perf_counter() - started
            plain = baseline(ids)
            raise Rollback
    except Rollback:
        workdays.clear_cache()
    return ours, plain, result


def report(rows: int, ours: float, plain: float, result) -> None:
    rate = rows / ours if ours else 0
    print(f"{'':46} {'seconds':>8} {'rows/s':>9}")
    print(f"{'terms and income recomputed (with history)':46} {ours:8.2f} {rate:9.0f}")
    plain_rate = rows / plain if plain else 0
    print(f"{'plain UPDATE, same rows and fields':46} {plain:8.2f} {plain_rate:9.0f}")
    print(
        f"ratio {ours / plain:.2f}×; changed: step terms {result.due_dates}, decision terms "
        f"{result.decision_dues}, notice terms {result.notice_dues}, incomes {result.incomes}"
    )


if __name__ == "__main__":
    sys.exit(main())
