"""The working-day calendar every term of p11 and p18–p25 is counted on, and the calendar
quarters of p22 and p7.4.

Working days are Kazakhstan's (reference/kz_facts.md §3): Monday to Friday, less the holidays
of the Law «О праздниках», a holiday on a day off moving to the next working day (not
7 January, not the first day of Kurban Ait), the Government's transfers of days off to
Saturdays; the administrator's CalendarOverride rows win over all of it."""

from types import SimpleNamespace

import pytest

from applications.reference import workdays
from applications.reference.quarters import previous_quarter, quarter_of, quarter_start
from applications.reference.workdays import (
    SpecialDay,
    add_working_days,
    is_working_day,
    working_days_between,
)

from .conftest import D, override


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (D(2024, 3, 19), True, "an ordinary Tuesday"),
        (D(2024, 3, 16), False, "an ordinary Saturday"),
        (D(2024, 3, 17), False, "an ordinary Sunday"),
        (D(2024, 3, 21), False, "Nauryz"),
        (D(2024, 3, 25), False, "Nauryz of Saturday 23 March moved to Monday"),
        (D(2018, 3, 3), True, "Saturday worked (transfer to 9 March)"),
        (D(2018, 3, 9), False, "the transferred day off"),
        (D(2020, 1, 5), True, "Sunday worked (transfer to 3 January)"),
        (D(2018, 1, 8), True, "Christmas on Sunday 7.01.2018 is not moved"),
        (D(2024, 6, 17), True, "Kurban Ait on Sunday 16.06.2024 is not moved"),
        (D(2021, 12, 1), False, "First President Day until 2021"),
        (D(2022, 12, 1), True, "no longer a holiday from 2022"),
        (D(2022, 10, 25), False, "Republic Day from 2022"),
    ],
)
def test_working_days_of_the_official_calendar(db, day, working, why):
    assert is_working_day(day) is working


class TestOverridesWin:
    def test_a_day_off_on_a_working_saturday(self, db):
        assert is_working_day(D(2018, 3, 3))
        override(D(2018, 3, 3), "day_off")
        workdays.clear_cache()
        assert not is_working_day(D(2018, 3, 3))
        assert add_working_days(D(2018, 3, 2), 1) == D(2018, 3, 5)
        assert D(2018, 3, 3) not in workdays.year_calendar(2018).working_days
        assert workdays.year_calendar(2018).days_off[D(2018, 3, 3)].name_ru == "Постановление"

    def test_a_day_off_on_an_ordinary_weekday(self, db):
        override(D(2024, 11, 5), "day_off")
        assert not is_working_day(D(2024, 11, 5))
        assert add_working_days(D(2024, 11, 4), 1) == D(2024, 11, 6)

    def test_a_working_day_on_a_holiday(self, db):
        override(D(2024, 3, 21), "working_day")
        assert is_working_day(D(2024, 3, 21))
        assert D(2024, 3, 21) not in workdays.year_calendar(2024).days_off

    def test_a_working_day_on_an_ordinary_sunday(self, db):
        override(D(2024, 11, 10), "working_day")
        assert is_working_day(D(2024, 11, 10))
        assert add_working_days(D(2024, 11, 8), 1) == D(2024, 11, 10)

    def test_an_override_of_another_year_changes_nothing_here(self, db):
        override(D(2025, 3, 19), "day_off")
        assert is_working_day(D(2024, 3, 19))

    def test_the_kazakh_name_falls_back_to_the_russian(self, db):
        override(D(2024, 11, 5), "day_off")
        assert workdays.year_calendar(2024).days_off[D(2024, 11, 5)].name_kk == "Постановление"


class TestCounting:
    def test_counting_begins_the_next_day(self, db):
        assert add_working_days(D(2024, 3, 19), 1) == D(2024, 3, 20)
        assert add_working_days(D(2024, 3, 16), 1) == D(2024, 3, 18)  # from a Saturday

    def test_a_term_is_at_least_one_working_day(self, db):
        with pytest.raises(ValueError, match="^A term is at least one working day.$"):
            add_working_days(D(2024, 3, 19), 0)
        with pytest.raises(ValueError):
            add_working_days(D(2024, 3, 19), -1)

    def test_working_days_between(self, db):
        assert working_days_between(D(2024, 3, 19), D(2024, 3, 19)) == 0
        assert working_days_between(D(2024, 3, 19), D(2024, 3, 18)) == 0
        assert working_days_between(D(2024, 3, 19), D(2024, 3, 20)) == 1
        assert working_days_between(D(2024, 3, 19), D(2024, 3, 26)) == 2  # 20, 26
        assert working_days_between(D(2024, 3, 19), D(2024, 4, 3)) == 8

    def test_the_built_year_is_kept_and_rebuilt_when_cleared(self, db):
        first = workdays.year_calendar(2024)
        assert workdays.year_calendar(2024) is first
        workdays.clear_cache()
        assert workdays.year_calendar(2024) is not first

    def test_a_year_is_rebuilt_once_the_cache_time_has_passed(self, db, monkeypatch):
        now = [1000.0]
        monkeypatch.setattr(workdays, "time", SimpleNamespace(monotonic=lambda: now[0]))
        first = workdays.year_calendar(2024)
        now[0] += workdays.CACHE_SECONDS - 0.1
        assert workdays.year_calendar(2024) is first
        now[0] += 0.1
        assert workdays.year_calendar(2024) is not first  # CACHE_SECONDS later: built again


@pytest.mark.parametrize(
    ("day", "quarter", "previous", "start"),
    [
        (D(2024, 1, 1), (2024, 1), (2023, 4), D(2023, 10, 1)),
        (D(2024, 3, 31), (2024, 1), (2023, 4), D(2023, 10, 1)),
        (D(2024, 4, 1), (2024, 2), (2024, 1), D(2024, 1, 1)),
        (D(2024, 6, 30), (2024, 2), (2024, 1), D(2024, 1, 1)),
        (D(2024, 7, 1), (2024, 3), (2024, 2), D(2024, 4, 1)),
        (D(2024, 10, 1), (2024, 4), (2024, 3), D(2024, 7, 1)),
        (D(2024, 12, 31), (2024, 4), (2024, 3), D(2024, 7, 1)),
    ],
)
def test_quarters(day, quarter, previous, start):
    assert quarter_of(day) == quarter
    assert previous_quarter(day) == previous
    assert quarter_start(*previous) == start


class TestNames:
    """How the calendar names a day that is not what its weekday suggests, in Russian and
    Kazakh (the calendar page and `manage.py workdays list` print them)."""

    def test_holidays_transfers_and_working_saturdays_of_2018(self, db):
        days = {d.date: d for d in workdays.calendar_exceptions(2018)}
        assert days[D(2018, 5, 9)] == SpecialDay(D(2018, 5, 9), False, "День Победы", "Жеңіс күні")
        assert days[D(2018, 3, 3)] == SpecialDay(
            D(2018, 3, 3),
            True,
            "Рабочий день (перенос выходного дня на 09.03.2018)",
            "Жұмыс күні (демалыс күні 09.03.2018 күніне ауыстырылды)",
        )
        assert days[D(2018, 3, 9)] == SpecialDay(
            D(2018, 3, 9),
            False,
            "Выходной день (перенесён с 03.03.2018)",
            "Демалыс күні (03.03.2018 бастап ауыстырылды)",
        )
        assert days[D(2018, 12, 18)] == SpecialDay(
            D(2018, 12, 18),
            False,
            "День Независимости (перенос выходного дня)",
            "Тәуелсіздік күні (қайта белгіленген демалыс)",
        )
        assert days[D(2018, 8, 30)].name_ru == "День Конституции Республики Казахстан"

    def test_an_estimated_feast(self, db):
        kurban = {d.date: d for d in workdays.days_off(2026)}[D(2026, 5, 27)]
        assert (kurban.name_ru, kurban.name_kk) == (
            "Курбан айт (предварительная дата)",
            "Құрбан айт (бағаланған)",
        )

    def test_a_working_day_no_transfer_names(self, db):
        """A working weekend day the package gives without the day off it moves to."""
        names = workdays._package_year(2020)[1]
        assert names[D(2020, 1, 5)].name_ru == "Рабочий день (перенос выходного дня на 03.01.2020)"
        assert all(day.working for day in names.values())

    def test_a_working_saturday_whose_day_off_is_in_the_next_year(self, db):
        """Saturday 28.12.2013 was worked for a day off in January 2014: the year's calendar
        names it without a date."""
        saturday = {d.date: d for d in workdays.calendar_exceptions(2013)}[D(2013, 12, 28)]
        assert saturday == SpecialDay(
            D(2013, 12, 28),
            True,
            "Рабочий день (перенос выходного дня)",
            "Жұмыс күні (демалыс күні ауыстырылды)",
        )

    def test_two_names_of_one_day(self):
        assert workdays._russian(
            "Day off (substituted from 03/03/2018); Victory Day (observed); Capital Day"
        ) == (
            "Выходной день (перенесён с 03.03.2018); День Победы (перенос выходного дня); "
            "День Столицы"
        )

    def test_an_unknown_name_is_kept_and_both_suffixes_translated(self):
        assert workdays._russian("Eid al-Adha (estimated) (observed)") == (
            "Курбан айт (предварительная дата) (перенос выходного дня)"
        )
        assert workdays._russian("Some Day (observed)") == "Some Day (перенос выходного дня)"

    def test_days_off_in_order_of_date(self, db):
        off = workdays.days_off(2018)
        assert [d.date for d in off] == sorted(d.date for d in off)
        assert off[0] == SpecialDay(D(2018, 1, 1), False, "Новый год", "Жаңа жыл")
        assert len(off) == 23 and all(not d.working for d in off)

    def test_only_weekday_days_off_and_weekend_working_days_are_exceptions(self, db):
        exceptions = workdays.calendar_exceptions(2024)
        dates = [d.date for d in exceptions]
        assert dates == sorted(dates)
        assert D(2024, 3, 23) not in dates  # Nauryz on a Saturday
        assert D(2024, 5, 4) in dates and D(2024, 5, 8) in dates
        assert all((d.date.weekday() >= 5) == d.working for d in exceptions)

    def test_an_overrides_row_names_it(self, db):
        override(D(2024, 11, 5), "day_off")
        override(D(2024, 11, 9), "working_day")
        days = {d.date: d for d in workdays.calendar_exceptions(2024)}
        assert days[D(2024, 11, 5)] == SpecialDay(
            D(2024, 11, 5), False, "Постановление", "Постановление"
        )
        assert days[D(2024, 11, 9)] == SpecialDay(
            D(2024, 11, 9), True, "Постановление", "Постановление"
        )
        assert workdays.year_calendar(2024).year == 2024
