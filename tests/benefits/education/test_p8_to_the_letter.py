"""Education aid to the letter of p8–p13 (issue 21, item 3), tried as a student's family would:
the sum fixed at the decision whatever the MRP on the payment day, full-time study of a
speciality on the region's list, a minor's legal representative, the bank account (p29), and
the contract with both parties' details."""

import datetime
import importlib
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.test import override_settings
from pypdf import PdfReader

from applications.cases.models import Application
from applications.reference.models import MRP, InDemandSpeciality
from benefits.education_forms import EducationCaseForm
from benefits.models import Award, EducationCase
from benefits.services.education import (
    EducationError,
    NoBankAccount,
    Representative,
    education_case_decide,
    education_contract_issue,
    education_year_continue,
)
from benefits.services.payments import PaymentListError, payment_list_build

from .conftest import FATHER
from .test_education import DECIDED

pytestmark = pytest.mark.django_db
FIRST_SEPTEMBER = datetime.date(2024, 9, 1)


def pdf_text(document) -> str:
    pages = PdfReader(io.BytesIO(bytes(document.pdf))).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split()).replace("\xa0", " ")


class TestAmountFixedAtTheDecision:
    """Decided on 22 August 2024 at MRP 3 692; the MRP rises to 4 000 on 1 September, the day
    the year is paid (p12): the student is paid the tuition within the contract, no more."""

    @pytest.fixture(autouse=True)
    def mrp_rises_on_payment_day(self, db):
        MRP.objects.create(effective_from=FIRST_SEPTEMBER, value=Decimal("4000.00"))

    def test_tuition_above_the_cap_is_paid_the_contracts_sum(self, education_case, caseworker):
        case = education_case(tuition=Decimal("2000000.00"))
        case = education_case_decide(case=case, actor=caseworker, on=DECIDED)
        payment = case.years.get().award.payments.get()
        # 392 MRP × 3 692 at the decision; at 4 000 it would have been 1 568 000.
        assert case.contract_amount == case.cap_amount == Decimal("1447264.00")
        assert (payment.due_on, payment.amount) == (FIRST_SEPTEMBER, Decimal("1447264.00"))

    def test_tuition_below_the_cap_is_paid_exactly(self, education_case, caseworker):
        case = education_case(tuition=Decimal("850000.00"))
        case = education_case_decide(case=case, actor=caseworker, on=DECIDED)
        year = case.years.get()
        payment = year.award.payments.get()
        assert payment.amount == year.amount == case.contract_amount == Decimal("850000.00")
        assert payment.amount <= year.tuition

    def test_the_bank_list_the_award_and_the_contract_say_the_same_sum(
        self, education_case, caseworker
    ):
        case = education_case(tuition=Decimal("850000.00"))
        case = education_case_decide(case=case, actor=caseworker, on=DECIDED)
        award = Award.objects.get(application=case.application)
        payment_list = payment_list_build(
            title="Обучение",
            period_start=FIRST_SEPTEMBER,
            period_end=FIRST_SEPTEMBER,
            actor=caseworker,
        )
        assert [i.amount for i in payment_list.items.all()] == [Decimal("850000.00")]
        assert award.amount == Decimal("850000.00")
        text = pdf_text(education_contract_issue(case=case, lang="ru", actor=caseworker))
        assert "в размере 850 000,00 ₸" in text
        assert "1 568" not in text and "920 910" not in text

    def test_a_later_year_is_paid_at_most_the_contracts_sum(self, education_case, caseworker):
        case = education_case(tuition=Decimal("850000.00"))
        case = education_case_decide(case=case, actor=caseworker, on=DECIDED)
        dearer = education_year_continue(
            case=case,
            academic_year=2025,
            tuition=Decimal("990000"),
            actor=caseworker,
            on=datetime.date(2025, 8, 28),
        )
        cheaper = education_year_continue(
            case=case,
            academic_year=2026,
            tuition=Decimal("800000"),
            actor=caseworker,
            on=datetime.date(2026, 8, 27),
        )
        assert dearer.award.payments.get().amount == Decimal("850000.00")
        assert cheaper.award.payments.get().amount == Decimal("800000.00")


class TestFullTimeAndSpeciality:
    def test_part_time_study_is_refused(self, education_case):
        with pytest.raises(EducationError) as refused:
            education_case(study_form="part_time")
        assert str(refused.value) == (
            "Помощь на обучение оказывается только обучающимся по очной форме (п. 8); форма "
            "обучения «заочная» права на неё не даёт."
        )
        assert not Application.objects.exists()

    def test_full_time_is_recorded_with_the_speciality(self, education_case):
        case = education_case()
        assert case.study_form == "full_time"
        assert case.in_demand_speciality.code == "6B01"
        assert case.speciality == "Педагогические науки (бакалавриат)"

    def test_speciality_off_the_list_on_the_application_date_is_refused(self, education_case):
        InDemandSpeciality.objects.create(
            code="6B06",
            name_ru="Информационно-коммуникационные технологии",
            name_kk="Ақпараттық-коммуникациялық технологиялар",
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2024, 8, 19),
        )
        with pytest.raises(EducationError) as refused:
            education_case(speciality="6B06", registered_on=datetime.date(2024, 8, 20))
        assert "не входит в список востребованных в регионе специальностей на 20.08.2024" in (
            str(refused.value)
        )
        assert not EducationCase.objects.exists()

    def test_speciality_listed_until_the_application_day_is_accepted(self, education_case):
        InDemandSpeciality.objects.create(
            code="6B06",
            name_ru="Информационно-коммуникационные технологии",
            name_kk="Ақпараттық-коммуникациялық технологиялар",
            valid_from=datetime.date(2024, 8, 20),
            valid_to=datetime.date(2024, 8, 20),
        )
        case = education_case(speciality="6B06", registered_on=datetime.date(2024, 8, 20))
        assert case.in_demand_speciality.code == "6B06"

    def test_the_form_offers_only_specialities_in_force(self, db):
        InDemandSpeciality.objects.create(
            code="6B06",
            name_ru="Информационно-коммуникационные технологии",
            name_kk="Ақпараттық-коммуникациялық технологиялар",
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2024, 8, 19),
        )
        before = EducationCaseForm(on=datetime.date(2024, 8, 19)).fields["speciality"].queryset
        after = EducationCaseForm(on=datetime.date(2024, 8, 20)).fields["speciality"].queryset
        assert "6B06" in [s.code for s in before]
        assert "6B06" not in [s.code for s in after]
        assert "6B01" in [s.code for s in after]


class TestMinorsRepresentative:
    def test_a_minor_without_representative_is_refused(self, education_case):
        with pytest.raises(EducationError) as refused:
            education_case(representative=None)
        assert "нет 18 лет: укажите его законного представителя" in str(refused.value)
        assert "который подпишет договор (п. 10)" in str(refused.value)
        assert not Application.objects.exists()

    def test_the_representative_is_recorded(self, education_case):
        case = education_case()
        assert (case.representative_name, case.representative_iin) == (
            "Ахметов Серик Болатович",
            "800101300155",
        )
        assert case.representative_relation == "parent"

    def test_a_representative_under_18_is_refused(self, education_case):
        young = Representative(**{**FATHER.__dict__, "iin": "090305600013"})
        with pytest.raises(EducationError, match="должен быть совершеннолетним"):
            education_case(representative=young)

    def test_a_name_with_digits_is_refused(self, education_case):
        wrong = Representative(**{**FATHER.__dict__, "name": "Ахметов С1"})
        with pytest.raises(EducationError, match="только буквы, дефис, апостроф и пробел"):
            education_case(representative=wrong)

    def test_on_the_18th_birthday_no_representative_is_needed(self, education_case, family_factory):
        # The family's daughters are born in 2010: the first on 1 January.
        case = education_case(
            representative=None,
            registered_on=datetime.date(2028, 1, 1),
            academic_year=2028,
        )
        assert case.student.birth_date == datetime.date(2010, 1, 1)
        assert case.representative_name == ""


class TestBankAccount:
    def test_no_iban_no_award(self, education_case, caseworker):
        case = education_case()
        case.student.iban = ""
        case.student.bank = None
        case.student.save()
        with pytest.raises(NoBankAccount) as refused:
            education_case_decide(case=case, actor=caseworker, on=DECIDED)
        assert "нет счёта в банке (IBAN)" in str(refused.value)
        assert "(п. 29)" in str(refused.value)
        case.refresh_from_db()
        assert case.status == EducationCase.Status.APPLIED
        assert not Award.objects.exists()

    def test_account_closed_after_the_decision_no_transfer(self, education_case, caseworker):
        case = education_case()
        case = education_case_decide(case=case, actor=caseworker, on=DECIDED)
        case.student.iban = ""
        case.student.bank = None
        case.student.save()
        with pytest.raises(PaymentListError, match="не указан счёт \\(IBAN\\)"):
            payment_list_build(
                title="Обучение",
                period_start=FIRST_SEPTEMBER,
                period_end=FIRST_SEPTEMBER,
                actor=caseworker,
            )
        assert case.years.get().award.payments.get().status == "scheduled"
        with pytest.raises(NoBankAccount):
            education_year_continue(
                case=case,
                academic_year=2025,
                tuition=Decimal("900000"),
                actor=caseworker,
                on=datetime.date(2025, 8, 28),
            )


@override_settings(
    AUTHORIZED_BODY_BIN="990440001234",
    AUTHORIZED_BODY_ADDRESS_RU="пос. Жанакорган, ул. Тәуелсіздік, 2",
    AUTHORIZED_BODY_ADDRESS_KK="Жаңақорған кенті, Тәуелсіздік к-сі, 2",
)
def test_contract_prints_both_parties_and_the_representative_who_signs(education_case, caseworker):
    case = education_case(tuition=Decimal("850000.00"))
    case = education_case_decide(case=case, actor=caseworker, on=DECIDED)
    student = case.student
    ru = pdf_text(education_contract_issue(case=case, lang="ru", actor=caseworker))
    assert "Реквизиты сторон" in ru
    assert "Отдел занятости, социальных программ" in ru
    assert "БИН: 990440001234" in ru
    assert "пос. Жанакорган, ул. Тәуелсіздік, 2" in ru
    assert f"ИИН: {student.iin}" in ru
    assert f"IBAN: {student.iban}" in ru
    assert f"Банк: {student.bank.name}" in ru
    assert "Удостоверение личности № 045678912" in ru
    assert "Адрес: с. Жанакорган, ул. Абая, 1" in ru
    assert "в лице законного представителя (родитель) Ахметов Серик Болатович" in ru
    assert "ИИН: 800101300155" in ru
    assert "Удостоверение личности № 012345678" in ru
    assert "Законный представитель получателя" in ru
    assert "по востребованной в регионе специальности 6B01" in ru
    assert "по очной форме" in ru
    kk = pdf_text(education_contract_issue(case=case, lang="kk", actor=caseworker))
    assert "Тараптардың деректемелері" in kk
    assert "БСН: 990440001234" in kk
    assert "Алушының заңды өкілі" in kk
    assert "Ахметов Серик Болатович" in kk
    assert "Педагогикалық ғылымдар" in kk


def test_cases_decided_before_get_their_contracts_sum_from_the_first_year(
    education_case, caseworker
):
    """Migration benefits 0010: a case decided before the sums were kept gets the first year's
    amount as the contract's sum and its cap at that year's MRP."""
    migration = importlib.import_module(
        "benefits.migrations.0010_education_full_time_speciality_representative_contract_amount"
    )
    case = education_case(tuition=Decimal("850000.00"))
    case = education_case_decide(case=case, actor=caseworker, on=DECIDED)
    EducationCase.objects.filter(pk=case.pk).update(contract_amount=None, cap_amount=None)
    migration.freeze_contract_amounts(apps, None)
    case.refresh_from_db()
    assert (case.contract_amount, case.cap_amount) == (
        Decimal("850000.00"),
        Decimal("1447264.00"),
    )
