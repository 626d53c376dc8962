"""Kazakhstan's working-day calendar and the one way every term of the Rules is counted.

The calendar is the `holidays` package's data for Kazakhstan (weekends; holidays as the Law
"On holidays" had them each year; a holiday falling on a day off moves to the next working day,
except 7 January and the first day of Kurban Ait; the Government's yearly transfers of days off
to working Saturdays), corrected by the administrator's `CalendarOverride` rows, which win.

A term "within N working days from the day of X" (p18–p25) starts on the calendar day after X
and ends at the end of the N-th working day (Civil Code art. 187): `add_working_days(X, N)`.

Each year is built once per process and kept for CACHE_SECONDS; saving or deleting an override
clears the cache of this process at once (see signals.py); other processes pick it up on expiry.
"""

import datetime
import re
import threading
import time
from dataclasses import dataclass

import holidays

from zhanakorgan_aid.display import BilingualName

from .models import CalendarOverride

CACHE_SECONDS = 300
COUNTRY = "KZ"
# The package speaks Kazakh and English, not Russian: Russian names come from this table,
# keyed by the package's English names.
RUSSIAN_NAMES = {
    "New Year's Day": "Новый год",
    "Orthodox Christmas": "Православное Рождество",
    "International Women's Day": "Международный женский день",
    "Nowruz Holiday": "Наурыз мейрамы",
    "Kazakhstan's People Solidarity Holiday": "Праздник единства народа Казахстана",
    "Defender of the Fatherland Day": "День защитника Отечества",
    "Victory Day": "День Победы",
    "Capital Day": "День Столицы",
    "Eid al-Adha": "Курбан айт",
    "Constitution Day": "День Конституции Республики Казахстан",
    "Republic Day": "День Республики",
    "First President Day": "День Первого Президента Республики Казахстан",
    "Independence Day": "День Независимости",
}
SUBSTITUTED = re.compile(r"^Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)$")


@dataclass(frozen=True)
class SpecialDay(BilingualName):
    """A day that is not what its weekday suggests, with its reason in Russian and Kazakh."""

    date: datetime.date
    working: bool
    name_ru: str
    name_kk: str


@dataclass(frozen=True)
class YearCalendar:
    year: int
    days_off: dict[datetime.date, SpecialDay]
    working_days: dict[datetime.date, SpecialDay]
    built_at: float


_cache: dict[int, YearCalendar] = {}
_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every built year (called when an administrator changes an override)."""
    with _lock:
        _cache.clear()


def _russian(english: str) -> str:
    """Russian for one English holiday name of the package, suffixes included."""
    parts = []
    for name in english.split("; "):
        match = SUBSTITUTED.match(name)
        if match:
            month, day, year = match.groups()
            parts.append(f"Выходной день (перенесён с {day}.{month}.{year})")
            continue
        suffixes = []
        for english_suffix, russian_suffix in (
            (" (observed)", " (перенос выходного дня)"),
            (" (estimated)", " (предварительная дата)"),
        ):
            if name.endswith(english_suffix):
                name = name.removesuffix(english_suffix)
                suffixes.insert(0, russian_suffix)
        parts.append(RUSSIAN_NAMES.get(name, name) + "".join(suffixes))
    return "; ".join(parts)


def _package_year(year: int) -> tuple[dict, dict]:
    """Days off and working weekend days of a year as the `holidays` package has them."""
    english = holidays.country_holidays(COUNTRY, years=year, language="en_US")
    kazakh = holidays.country_holidays(COUNTRY, years=year, language="kk")
    days_off = {
        day: SpecialDay(day, False, _russian(name), kazakh.get(day, name))
        for day, name in english.items()
    }
    transferred_to = {}
    for day, name in english.items():
        match = SUBSTITUTED.match(name)
        if match:
            month, dd, yyyy = match.groups()
            transferred_to[datetime.date(int(yyyy), int(month), int(dd))] = day
    working = {}
    for day in sorted(d for d in english.weekend_workdays if d.year == year):
        target = transferred_to.get(day)
        ru = "Рабочий день (перенос выходного дня"
        kk = "Жұмыс күні (демалыс күні"
        if target:
            ru += f" на {target:%d.%m.%Y})"
            kk += f" {target:%d.%m.%Y} күніне ауыстырылды)"
        else:
            ru += ")"
            kk += " ауыстырылды)"
        working[day] = SpecialDay(day, True, ru, kk)
    return days_off, working


def _build_year(year: int) -> YearCalendar:

    days_off, working = _package_year(year)
    for override in CalendarOverride.objects.filter(date__year=year):
        day = override.date
        days_off.pop(day, None)
        working.pop(day, None)
        is_working = override.kind == CalendarOverride.Kind.WORKING_DAY
        name_kk = override.name_kk or override.name_ru
        special = SpecialDay(day, is_working, override.name_ru, name_kk)
        (working if is_working else days_off)[day] = special
    return YearCalendar(year, days_off, working, time.monotonic())


def year_calendar(year: int) -> YearCalendar:
    with _lock:
        cached = _cache.get(year)
    if cached and time.monotonic() - cached.built_at < CACHE_SECONDS:
        return cached
    built = _build_year(year)
    with _lock:
        _cache[year] = built
    return built


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday unless a day off; Saturday or Sunday only when made a working day."""
    calendar = year_calendar(day.year)
    if day in calendar.working_days:
        return True
    if day in calendar.days_off:
        return False
    return day.weekday() < 5


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The last day of a term of `n` working days from `start`: counting begins on the day
    after `start` and the term ends with the n-th working day (Civil Code art. 187)."""
    if n < 1:
        raise ValueError("A term is at least one working day.")
    day = start
    while n:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count


def days_off(year: int) -> list[SpecialDay]:
    """Every named day off of the year (holidays, moved days off, overrides), by date."""
    return sorted(year_calendar(year).days_off.values(), key=lambda d: d.date)


def calendar_exceptions(year: int) -> list[SpecialDay]:
    """Days off that fall Monday to Friday and working Saturdays or Sundays, by date."""
    calendar = year_calendar(year)
    rows = [d for d in calendar.days_off.values() if d.date.weekday() < 5]
    rows += [d for d in calendar.working_days.values() if d.date.weekday() >= 5]
    return sorted(rows, key=lambda d: d.date)
