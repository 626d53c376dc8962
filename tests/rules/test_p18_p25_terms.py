"""The terms of the path of a hardship application (p18–p25) and of the tuition receipt (p11),
in working days counted from the day after the event (Civil Code art. 187), on Kazakhstan's
official calendar: holidays, holidays moved off a weekend, the Government's transfers of days
off to working Saturdays, and the administrator's corrections.

p18: «в течение одного рабочего дня направляют документы заявителя в участковую комиссию»
p19: «в течение двух рабочих дней со дня получения документов проводит обследование»;
     «Аким … в течение двух рабочих дней со дня получения акта и заключения … направляет»
p22: «в течение одного рабочего дня со дня поступления документов … производит расчет»
p23: «в течение двух рабочих дней со дня поступления документов выносит заключение»
p24: «в течение восьми рабочих дней со дня регистрации документов»; in the cases of p20 and
     p21 «в течение двадцати рабочих дней»
p25: «в течение трех рабочих дней со дня принятия решения»
p11: «в течении пяти рабочих дней производит оплату обучения и представляет квитанцию»
"""

import pytest

from applications.reference import rules

from .conftest import D, override


def spy(day, n):
    """A working-day count that reports what it was asked: (from, how many days)."""
    return (day, n)


@pytest.mark.parametrize(
    ("rule", "days"),
    [
        (rules.send_to_local_due, 1),  # p18
        (rules.survey_due, 2),  # p19
        (rules.akim_forward_due, 2),  # p19, second sentence
        (rules.income_due, 1),  # p22
        (rules.special_conclusion_due, 2),  # p23
        (rules.notice_due, 3),  # p25
        (rules.receipt_due, 5),  # p11
    ],
)
def test_each_term_is_its_number_of_working_days_from_its_day(rule, days):
    assert rule(D(2024, 3, 19), count=spy) == (D(2024, 3, 19), days)


@pytest.mark.parametrize(("requested", "days"), [(False, 8), (True, 20)])
def test_decision_term_is_8_working_days_or_20_where_p20_p21_apply(requested, days):
    due = rules.decision_due(registered_on=D(2024, 3, 19), documents_requested=requested, count=spy)
    assert due == (D(2024, 3, 19), days)


class TestOnTheOfficialCalendar:
    """Each term on both sides of a holiday or a transfer (reference/kz_facts.md §3)."""

    def test_p18_one_working_day(self, db):
        assert rules.send_to_local_due(D(2024, 3, 19)) == D(2024, 3, 20)  # before Nauryz
        # 21–22 Nauryz, Saturday 23 Nauryz moved to Monday 25
        assert rules.send_to_local_due(D(2024, 3, 20)) == D(2024, 3, 26)
        assert rules.send_to_local_due(D(2024, 11, 1)) == D(2024, 11, 4)  # Friday → Monday
        # Saturday 3 March 2018 worked (its day off moved to 9 March)
        assert rules.send_to_local_due(D(2018, 3, 2)) == D(2018, 3, 3)
        assert rules.send_to_local_due(D(2018, 3, 1)) == D(2018, 3, 2)

    def test_p19_survey_two_working_days_from_receipt(self, db):
        # Saturday 25 August 2018 worked (moved to 31 August)
        assert rules.survey_due(D(2018, 8, 24)) == D(2018, 8, 27)
        # 30 August Constitution Day, 31 August the transfer, then the weekend
        assert rules.survey_due(D(2018, 8, 29)) == D(2018, 9, 4)

    def test_p19_akim_forwards_in_two_working_days(self, db):
        assert rules.akim_forward_due(D(2024, 5, 3)) == D(2024, 5, 6)  # Saturday 4 May worked
        # 7 May, 8 May (the transfer from 4 May) and 9 May are days off
        assert rules.akim_forward_due(D(2024, 5, 6)) == D(2024, 5, 13)

    def test_p22_income_in_one_working_day(self, db):
        # Saturday 4 May 2019 worked, its day off moved to Friday 10 May, after Victory Day
        assert rules.income_due(D(2019, 5, 3)) == D(2019, 5, 4)
        assert rules.income_due(D(2019, 5, 8)) == D(2019, 5, 13)

    def test_p23_special_commission_in_two_working_days(self, db):
        # Saturday 29.12.2018 worked, 31.12 the transfer, 1–2 January New Year
        assert rules.special_conclusion_due(D(2018, 12, 28)) == D(2019, 1, 3)
        # Saturday 27.08.2022 worked, 29.08 the transfer, 30.08 Constitution Day
        assert rules.special_conclusion_due(D(2022, 8, 26)) == D(2022, 8, 31)

    def test_p24_eight_and_twenty_working_days_from_registration(self, db):
        def due(day, requested):
            return rules.decision_due(registered_on=day, documents_requested=requested)

        # 20.03, then 26–29.03 and 01–03.04 (21, 22, 25 March off)
        assert due(D(2024, 3, 19), False) == D(2024, 4, 3)
        assert due(D(2024, 3, 19), True) == D(2024, 4, 19)
        # Saturday 3 March worked; 8 March Women's Day, 9 March the transfer; Nauryz 21–23
        assert due(D(2018, 3, 2), False) == D(2018, 3, 15)
        assert due(D(2018, 3, 2), True) == D(2018, 4, 5)

    def test_p25_notice_in_three_working_days(self, db):
        assert rules.notice_due(D(2024, 4, 30)) == D(2024, 5, 4)  # 1 May off, 4 May worked
        assert rules.notice_due(D(2024, 5, 3)) == D(2024, 5, 10)  # 7–9 May off

    def test_p11_receipt_in_five_working_days(self, db):
        assert rules.receipt_due(D(2024, 3, 20)) == D(2024, 4, 1)  # Nauryz 21, 22, 25
        # 1–3 January 2025 off (3 January from Sunday 5 January, which is worked), 7 January
        # Orthodox Christmas
        assert rules.receipt_due(D(2024, 12, 27)) == D(2025, 1, 8)
        # Saturday 30.08.2025 Constitution Day moved to Monday 1 September
        assert rules.receipt_due(D(2025, 8, 25)) == D(2025, 9, 2)


class TestAdministratorsCorrections:
    """A CalendarOverride wins over the `holidays` data, and every term follows it."""

    def test_a_day_off_placed_on_a_working_saturday(self, db):
        # The Government made Saturday 3 March 2018 a working day; the administrator
        # records a day off on it after all.
        override(D(2018, 3, 3), "day_off")
        assert rules.send_to_local_due(D(2018, 3, 2)) == D(2018, 3, 5)
        assert rules.decision_due(registered_on=D(2018, 3, 2), documents_requested=False) == D(
            2018, 3, 16
        )

    def test_a_working_day_placed_on_a_holiday(self, db):
        override(D(2024, 3, 25), "working_day")  # the Nauryz day moved from Saturday
        assert rules.send_to_local_due(D(2024, 3, 20)) == D(2024, 3, 25)
        assert rules.survey_due(D(2024, 3, 20)) == D(2024, 3, 26)
