"""The working-day calendar every term of p11 and p18–p25 is counted on, and the calendar
quarters of p22 and p7.4.

Working days are Kazakhstan's (reference/kz_facts.md §3): Monday to Friday, less the holidays
of the Law «О праздниках», a holiday on a day off moving to the next working day (not
7 January, not the first day of Kurban Ait), the Government's transfers of days off to
Saturdays; the administrator's CalendarOverride rows win over all of it."""

import pytest

from applications.reference import workdays
from applications.reference.quarters import previous_quarter, quarter_of, quarter_start
from applications.reference.workdays import add_working_days, is_working_day, working_days_between

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
        with pytest.raises(ValueError, match="at least one working day"):
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

    def test_a_year_older_than_the_cache_time_is_rebuilt(self, db, monkeypatch):
        first = workdays.year_calendar(2024)
        monkeypatch.setattr(workdays, "CACHE_SECONDS", 0)
        assert workdays.year_calendar(2024) is not first


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
