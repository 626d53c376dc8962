"""`workdays add 2024-03-20 8`: the last day of a term; `workdays list 2024`: the calendar's
exceptions (days off on weekdays, working Saturdays and Sundays), one per line."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from ... import workdays


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Неверная дата «{value}»: ожидается ГГГГ-ММ-ДД.") from None


def parse_positive(value: str, what: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(f"Неверное значение «{value}»: {what} — целое число больше нуля.")
    return number


class Command(BaseCommand):
    help = "Kazakhstan working days: the end of a term (add) or a year's exceptions (list)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="ISO date on which a term of N working days ends")
        add.add_argument("start", help="day of the event, YYYY-MM-DD")
        add.add_argument("days", help="number of working days")
        listing = sub.add_parser("list", help="days off on weekdays and working weekend days")
        listing.add_argument("year")

    def handle(self, *args, action: str, **options):
        if action == "add":
            start = parse_date(options["start"])
            days = parse_positive(options["days"], "число рабочих дней")
            self.stdout.write(workdays.add_working_days(start, days).isoformat())
            return
        year = parse_positive(options["year"], "год")
        if not 1990 <= year <= 2100:
            raise CommandError(f"Год {year} вне допустимого диапазона 1990–2100.")
        for day in workdays.calendar_exceptions(year):
            self.stdout.write(f"{day.date.isoformat()}\t{day.name_ru}")
