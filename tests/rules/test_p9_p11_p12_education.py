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
from applications.reference.models import InDemandSpeciality
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


@pytest.mark.parametrize(
    ("born", "on", "minor"),
    [
        (D(2006, 9, 1), D(2024, 8, 31), True),  # the day before the 18th birthday
        (D(2006, 9, 1), D(2024, 9, 1), False),  # the birthday itself
        (D(2008, 2, 29), D(2026, 2, 27), True),
        (D(2008, 2, 29), D(2026, 2, 28), False),  # no 29 February in 2026 (Civil Code 190)
        (D(2000, 1, 1), D(2024, 8, 20), False),
    ],
)
def test_p10_a_student_under_18_signs_through_a_representative(born, on, minor):
    assert rules.is_minor(birth_date=born, on=on) is minor


@pytest.mark.parametrize(
    ("form", "eligible"),
    [("full_time", True), ("part_time", False), ("evening", False), ("distance", False)],
)
def test_p8_full_time_study_only(form, eligible):
    assert rules.full_time_study(form) is eligible


@pytest.mark.parametrize(
    ("tuition", "contract", "cap", "paid"),
    [
        ("850000", "850000", "1447264", "850000"),  # the tuition
        ("990000", "850000", "1447264", "850000"),  # a dearer year: the contract's sum
        ("2000000", "1447264", "1447264", "1447264"),  # the cap at the decision's MRP
        ("800000", "850000", "1447264", "800000"),  # a cheaper year: its tuition
    ],
)
def test_p8_p10_p12_a_year_is_paid_within_tuition_contract_and_cap(tuition, contract, cap, paid):
    assert rules.education_year_payment(
        tuition=Decimal(tuition), contract_sum=Decimal(contract), cap_amount=Decimal(cap)
    ) == Decimal(paid)


@pytest.mark.parametrize(
    ("on", "listed"),
    [
        (D(2019, 12, 31), False),
        (D(2020, 1, 1), True),
        (D(2024, 8, 19), True),
        (D(2024, 8, 20), False),
    ],
)
def test_p8_a_speciality_is_in_demand_within_its_dates(db, on, listed):
    InDemandSpeciality.objects.create(
        code="6B06",
        name_ru="ИКТ",
        name_kk="АКТ",
        valid_from=D(2020, 1, 1),
        valid_to=D(2024, 8, 19),
    )
    found = InDemandSpeciality.objects.filter(rules.in_demand_on(on), code="6B06").exists()
    assert found is listed


@pytest.mark.parametrize(
    ("iban", "bank_known", "present"),
    [
        ("", True, False),
        ("KZ00125KZT1001300335", True, False),  # wrong check digits
        ("KZ86125KZT5004100100", True, True),
        ("KZ86125KZT5004100100", False, False),  # no bank the office pays through
    ],
)
def test_p29_transfer_needs_a_bank_account(iban, bank_known, present):
    assert rules.bank_account_present(iban=iban, bank_known=bank_known) is present
