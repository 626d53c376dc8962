"""Education aid (p8–p13).

p9: «представляют необходимые документы в уполномоченный орган до 25 августа (включительно)
соответствующего года».
p11: «После поступления денежных средств, получатель … в течении пяти рабочих дней производит
оплату обучения и представляет квитанцию».
p12: «Для последующих учебных годов социальная помощь оплачивается к началу соответствующего
учебного года» (1 September)."""

from decimal import Decimal

import pytest

from applications.reference import rules
from benefits.services.education import ApplicationDeadlinePassed, education_case_decide

from .conftest import D


def test_p9_the_deadline_is_25_august_of_the_year():
    assert rules.education_deadline(2024) == D(2024, 8, 25)
    assert rules.education_deadline(2025) == D(2025, 8, 25)


class TestP9Registration:
    def test_25_august_itself_is_in_time(self, education_case):
        case = education_case(registered_on=D(2024, 8, 25), academic_year=2024)
        assert case.application.registered_on == D(2024, 8, 25)

    def test_26_august_is_too_late(self, education_case):
        with pytest.raises(ApplicationDeadlinePassed) as late:
            education_case(registered_on=D(2024, 8, 26), academic_year=2024)
        assert "приём закончился 25.08.2024" in str(late.value)

    def test_for_next_years_study_in_time(self, education_case):
        case = education_case(registered_on=D(2024, 8, 26), academic_year=2025)
        assert case.first_academic_year == 2025


@pytest.mark.parametrize(
    ("decided_on", "due"),
    [
        (D(2024, 8, 28), D(2024, 9, 1)),  # before the academic year: by its start
        (D(2024, 9, 1), D(2024, 9, 1)),
        (D(2024, 9, 2), D(2024, 9, 2)),  # after it began: at once
        (D(2024, 12, 10), D(2024, 12, 10)),
    ],
)
def test_p12_paid_by_the_start_of_the_academic_year(decided_on, due):
    assert rules.academic_year_payment_due(academic_year=2024, decided_on=decided_on) == due


def test_p12_a_later_year_is_paid_by_its_own_start():
    assert rules.academic_year_payment_due(academic_year=2025, decided_on=D(2024, 9, 10)) == D(
        2025, 9, 1
    )


def test_p11_the_receipt_within_five_working_days(db):
    # money arrived Friday 27.12.2024: 30, 31 December, Sunday 5 January worked, 6 and 8
    # January (1–3 and 7 January off)
    assert rules.receipt_due(D(2024, 12, 27)) == D(2025, 1, 8)
    assert rules.receipt_due(D(2024, 12, 26)) == D(2025, 1, 6)


def test_p8_p12_the_first_year_is_paid_within_the_cap_by_1_september(
    education_case,
    caseworker,
):
    case = education_case(registered_on=D(2024, 8, 20), tuition=Decimal("2000000"))
    case = education_case_decide(case=case, actor=caseworker, on=D(2024, 8, 26))
    year = case.years.get()
    assert year.amount == Decimal("1447264.00")  # 392 × 3 692 ₸
    assert year.award.payments.get().due_on == D(2024, 9, 1)
