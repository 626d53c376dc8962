"""Kazakhstan's working days and the Civil Code count (art. 187), vectors worked out by hand from
reference/kz_facts.md §3: holidays per year, moves of holidays off weekends (not 7 January, not
the first day of Kurban Ait), the Government's transfers, the administrator's overrides."""

import datetime
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from applications.reference.models import CalendarOverride
from applications.reference.workdays import add_working_days, days_off, is_working_day

from .wf_support import fresh_calendar  # noqa: F401

D = datetime.date
ROOT = Path(__file__).resolve().parents[2]

TERMS = [
    # (start, working days, last day, why)
    (D(2018, 3, 2), 8, D(2018, 3, 15), "Sat 3.03 worked, 8–9.03 off (Women's Day + transfer)"),
    (D(2017, 3, 17), 2, D(2017, 3, 24), "Sat 18.03 worked, 20.03 transfer, 21–23.03 Nauryz"),
    (D(2024, 3, 20), 1, D(2024, 3, 26), "Nauryz 21–22, Sat 23 moved to Mon 25"),
    (D(2024, 3, 20), 8, D(2024, 4, 4), "the command's example"),
    (D(2024, 4, 30), 3, D(2024, 5, 4), "1 May off, Saturday 4 May worked"),
    (D(2024, 5, 6), 2, D(2024, 5, 13), "7, 8 (transfer) and 9 May off"),
    (D(2019, 5, 8), 1, D(2019, 5, 13), "9 May Victory Day, 10 May transfer from Sat 4 May"),
    (D(2018, 8, 20), 1, D(2018, 8, 22), "Kurban Ait 21.08.2018"),
    (D(2018, 8, 24), 2, D(2018, 8, 27), "Saturday 25.08.2018 worked"),
    (D(2018, 8, 29), 1, D(2018, 9, 3), "30.08 Constitution Day, 31.08 transfer"),
    (D(2024, 6, 14), 1, D(2024, 6, 17), "Kurban Ait on Sunday 16.06.2024 is not moved"),
    (D(2019, 8, 9), 1, D(2019, 8, 12), "Kurban Ait on Sunday 11.08.2019 is not moved"),
    (D(2018, 1, 5), 1, D(2018, 1, 8), "Christmas on Sunday 7.01.2018 is not moved"),
    (D(2018, 12, 28), 2, D(2019, 1, 3), "Sat 29.12 worked, 31.12 transfer, 1–2.01 New Year"),
    (D(2021, 11, 30), 1, D(2021, 12, 2), "1 December still a holiday in 2021"),
    (D(2022, 11, 30), 1, D(2022, 12, 1), "1 December no longer a holiday from 2022"),
    (D(2021, 12, 15), 1, D(2021, 12, 20), "Independence Day 16–17.12.2021"),
    (D(2022, 12, 15), 1, D(2022, 12, 19), "only 16.12 from 2022 (17.12 not moved to Monday)"),
    (D(2022, 10, 21), 1, D(2022, 10, 22), "Saturday 22.10.2022 worked"),
    (D(2022, 10, 22), 1, D(2022, 10, 26), "24.10 transfer, 25.10 Republic Day"),
    (D(2021, 10, 22), 1, D(2021, 10, 25), "25 October not a holiday before 2022"),
    (D(2024, 12, 31), 1, D(2025, 1, 5), "1–3.01.2025 off, Sunday 5.01.2025 worked"),
]


@pytest.mark.parametrize(("start", "n", "end", "why"), TERMS, ids=[t[3] for t in TERMS])
def test_term_vectors(db, start, n, end, why):
    assert add_working_days(start, n) == end


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2018, 3, 3), True),  # working Saturday
        (D(2024, 5, 4), True),
        (D(2020, 1, 5), True),  # working Sunday
        (D(2024, 5, 8), False),  # transferred day off
        (D(2017, 12, 1), False),
        (D(2022, 12, 1), True),
        (D(2022, 10, 25), False),
        (D(2024, 6, 17), True),
        (D(2024, 3, 25), False),
        (D(2024, 3, 23), False),
    ],
)
def test_is_working_day(db, day, working):
    assert is_working_day(day) is working


def test_term_starts_the_next_day(db):
    """A Friday event: the term of one working day ends on Monday, not on Friday itself."""
    assert add_working_days(D(2024, 11, 1), 1) == D(2024, 11, 4)
    with pytest.raises(ValueError):
        add_working_days(D(2024, 11, 1), 0)


def test_names_in_russian_and_kazakh(db):
    by_date = {d.date: d for d in days_off(2018)}
    assert by_date[D(2018, 8, 21)].name_ru == "Курбан айт"
    assert by_date[D(2018, 8, 21)].name_kk == "Құрбан айт"
    assert by_date[D(2018, 3, 22)].name_ru == "Наурыз мейрамы"
    assert by_date[D(2018, 3, 9)].name_ru == "Выходной день (перенесён с 03.03.2018)"
    assert by_date[D(2018, 12, 18)].name_ru == "День Независимости (перенос выходного дня)"
    assert by_date[D(2018, 12, 1)].name_ru == "День Первого Президента Республики Казахстан"


class TestOverrides:
    def test_extra_day_off_wins_and_the_cache_follows(self, db):
        assert add_working_days(D(2024, 3, 20), 1) == D(2024, 3, 26)
        override = CalendarOverride.objects.create(
            date=D(2024, 3, 26), kind="day_off", name_ru="Траур", name_kk="Аза"
        )
        assert add_working_days(D(2024, 3, 20), 1) == D(2024, 3, 27)
        assert {d.date: d.name_kk for d in days_off(2024)}[D(2024, 3, 26)] == "Аза"
        override.delete()
        assert add_working_days(D(2024, 3, 20), 1) == D(2024, 3, 26)

    def test_extra_working_day_wins_over_a_holiday(self, db):
        CalendarOverride.objects.create(
            date=D(2024, 3, 25), kind="working_day", name_ru="Рабочий день по постановлению"
        )
        assert is_working_day(D(2024, 3, 25))
        assert add_working_days(D(2024, 3, 20), 1) == D(2024, 3, 25)

    def test_corrected_kurban_ait(self, db):
        """The DUMK moves the feast after the package was released: 2026-05-27 becomes a
        working day and 2026-05-28 the day off."""
        CalendarOverride.objects.create(
            date=D(2026, 5, 27), kind="working_day", name_ru="Рабочий день (Курбан айт перенесён)"
        )
        CalendarOverride.objects.create(
            date=D(2026, 5, 28), kind="day_off", name_ru="Курбан айт", name_kk="Құрбан айт"
        )
        assert add_working_days(D(2026, 5, 26), 1) == D(2026, 5, 27)
        assert add_working_days(D(2026, 5, 27), 1) == D(2026, 5, 29)


class TestCommand:
    def run(self, *args) -> str:
        out = io.StringIO()
        call_command("workdays", *args, stdout=out)
        return out.getvalue()

    def test_add_prints_the_iso_date_alone(self, db):
        assert self.run("add", "2024-03-20", "8") == "2024-04-04\n"

    def test_list_prints_weekday_days_off_and_working_weekends(self, db):
        lines = self.run("list", "2024").splitlines()
        assert all(re.fullmatch(r"2024-\d\d-\d\d\t.+", line) for line in lines)
        assert "2024-03-25\tНаурыз мейрамы (перенос выходного дня)" in lines
        assert "2024-05-04\tРабочий день (перенос выходного дня на 08.05.2024)" in lines
        assert "2024-05-08\tВыходной день (перенесён с 04.05.2024)" in lines
        assert "2024-10-25\tДень Республики" in lines
        dates = [line.split("\t")[0] for line in lines]
        assert "2024-03-23" not in dates  # a Saturday holiday is not listed
        assert "2024-06-16" not in dates  # Kurban Ait on a Sunday
        # 1–2.01, 8.03, 21–22.03, 25.03, 1.05, 4.05, 7–9.05, 8.07, 30.08, 25.10, 16.12
        assert dates == sorted(dates) and len(dates) == 15

    def test_list_shows_overrides(self, db):
        CalendarOverride.objects.create(date=D(2024, 11, 5), kind="day_off", name_ru="Траур")
        assert "2024-11-05\tТраур" in self.run("list", "2024").splitlines()

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("add", "2024-02-30", "8"), "Неверная дата «2024-02-30»"),
            (("add", "2024-03-20", "0"), "целое число больше нуля"),
            (("add", "2024-03-20", "восемь"), "Неверное значение «восемь»"),
            (("list", "1066"), "вне допустимого диапазона"),
            (("list", "год"), "Неверное значение «год»"),
        ],
    )
    def test_bad_arguments(self, db, args, message):
        with pytest.raises(CommandError, match=message):
            self.run(*args)

    def test_bad_arguments_exit_non_zero(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "workdays", "add", "20.03.2024", "8"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0
        assert "Неверная дата «20.03.2024»: ожидается ГГГГ-ММ-ДД." in result.stderr
        assert result.stdout == ""


def test_administrator_adds_an_override_in_the_admin(client, administrator):
    """An extra day off entered in the admin changes the next term counted."""
    from tests.conftest import login

    assert add_working_days(D(2024, 11, 4), 1) == D(2024, 11, 5)
    login(client, administrator)
    response = client.post(
        "/admin/reference/calendaroverride/add/",
        {
            "date": "05.11.2024",
            "kind": "day_off",
            "name_ru": "Дополнительный выходной",
            "name_kk": "Қосымша демалыс күні",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert add_working_days(D(2024, 11, 4), 1) == D(2024, 11, 6)
