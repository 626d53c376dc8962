"""Education aid (p8–p13) through the real services."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from pypdf import PdfReader

from applications.cases.models import Application, Decision
from benefits.education_selectors import education_receipts_overdue
from benefits.models import Award, EducationCase, Recovery, ScheduledPayment
from benefits.services.education import (
    ApplicationDeadlinePassed,
    NotEligible,
    education_case_decide,
    education_case_expel,
    education_contract_issue,
    education_receipt_record,
    education_transfer_record,
    education_year_continue,
)
from benefits.services.payments import (
    payment_list_build,
    payment_list_mark_paid,
    payment_list_mark_sent,
)

pytestmark = pytest.mark.django_db
DECIDED = datetime.date(2024, 8, 22)


def pay_out(year_row, actor, paid_on):
    """Send the year's payment through a payment list and have the bank confirm it (p29)."""
    due = year_row.award.payments.get().due_on
    payment_list = payment_list_build(
        title="Обучение", period_start=due, period_end=due, actor=actor
    )
    payment_list_mark_sent(payment_list=payment_list, actor=actor)
    payment_list_mark_paid(payment_list=payment_list, paid_on=paid_on, actor=actor)


class TestDeadline:
    def test_25_august_is_accepted(self, education_case):
        case = education_case(registered_on=datetime.date(2024, 8, 25))
        assert case.application.kind == Application.Kind.EDUCATION
        assert case.status == EducationCase.Status.APPLIED

    def test_26_august_is_refused_with_a_clear_message(self, education_case):
        with pytest.raises(ApplicationDeadlinePassed) as refused:
            education_case(registered_on=datetime.date(2024, 8, 26))
        assert str(refused.value) == (
            "Документы на помощь для обучения принимаются до 25 августа включительно (п. 9): "
            "на 2024/2025 учебный год приём закончился 25.08.2024, обращение 26.08.2024 "
            "не принимается."
        )
        assert not Application.objects.filter(kind="education").exists()


class TestIncomeTest:
    # 2024: the republican subsistence minimum is 43 407 ₸.
    def test_exactly_at_the_subsistence_minimum_is_granted(self, education_case, caseworker):
        case = education_case(per_capita=Decimal("43407.00"))
        case = education_case_decide(case=case, actor=caseworker, on=DECIDED)
        assert case.status == EducationCase.Status.AWARDED
        assert case.application.status == Application.Status.GRANTED
        assert case.application.decision.outcome == Decision.Outcome.GRANTED

    def test_one_tiyn_above_is_refused(self, education_case, caseworker):
        case = education_case(per_capita=Decimal("43407.01"))
        case = education_case_decide(case=case, actor=caseworker, on=DECIDED)
        assert case.status == EducationCase.Status.REFUSED
        assert case.refusal.replace("\xa0", " ") == (
            "Решение: отказать — среднедушевой доход семьи 43 407,01 ₸ выше порога 43 407,00 ₸ "
            "(1 × прожиточный минимум 43 407,00 ₸): п. 8, п. 26 пп. 3"
        )
        with translation.override("kk"):
            assert case.refusal.startswith("Шешім: бас тарту — отбасының жан басына шаққандағы")
        history = case.application.transitions.last()
        assert history.message == case.refusal  # the same words in the history
        decision = case.application.decision
        assert (decision.outcome, decision.ground) == ("refused", "income_above_threshold")
        assert case.application.transitions.last().to_status == "refused"
        assert not Award.objects.exists()

    def test_three_times_for_children_without_parental_care(self, education_case, caseworker):
        code = "education-without-parental-care"
        at_limit = education_case(per_capita=Decimal("130221.00"), code=code)
        above = education_case(per_capita=Decimal("130221.01"), code=code)
        assert (
            education_case_decide(case=at_limit, actor=caseworker, on=DECIDED).status == "awarded"
        )
        assert education_case_decide(case=above, actor=caseworker, on=DECIDED).status == "refused"


class TestAmount:
    @pytest.mark.parametrize(
        ("degree", "amount", "cap"),
        [
            ("bachelor", "1447264.00", "392.00"),  # 392 × 3 692
            ("master", "1550640.00", "420.00"),  # 420 × 3 692
            ("residency", "1956760.00", "530.00"),  # 530 × 3 692
        ],
    )
    def test_tuition_above_the_cap_is_paid_up_to_the_cap(
        self, education_case, caseworker, degree, amount, cap
    ):
        case = education_case(degree=degree, tuition=Decimal("3000000.00"))
        education_case_decide(case=case, actor=caseworker, on=DECIDED)
        year = case.years.get()
        assert (year.amount, year.cap_mrp, year.mrp_value) == (
            Decimal(amount),
            Decimal(cap),
            Decimal("3692.00"),
        )
        payment = year.award.payments.get()
        assert (payment.amount, payment.due_on) == (Decimal(amount), datetime.date(2024, 9, 1))

    def test_tuition_below_the_cap_is_paid_in_full(self, education_case, caseworker):
        case = education_case(tuition=Decimal("850000.00"))
        education_case_decide(case=case, actor=caseworker, on=DECIDED)
        assert case.years.get().amount == Decimal("850000.00")


def test_contract_pdf_in_russian_and_kazakh(education_case, caseworker):
    case = education_case(tuition=Decimal("3000000.00"))
    case = education_case_decide(case=case, actor=caseworker, on=DECIDED)
    ru = education_contract_issue(case=case, lang="ru", actor=caseworker)
    kk = education_contract_issue(case=case, lang="kk", actor=caseworker)

    # Headings may print in capitals: compare the words, not their case.
    text = " ".join(PdfReader(io.BytesIO(bytes(ru.pdf))).pages[0].extract_text().split())
    text = text.replace("\xa0", " ").lower()
    assert f"договор № 2024-о-{case.pk:05d}" in text
    assert "об оказании социальной помощи на обучение" in text
    assert case.student.full_name.lower() in text
    assert "1 447 264,00 ₸" in text
    assert "в течение пяти рабочих дней после поступления денежных средств" in text
    assert "22.08.2024" in text
    kk_text = " ".join(PdfReader(io.BytesIO(bytes(kk.pdf))).pages[0].extract_text().split())
    kk_text = kk_text.lower()
    assert "оқуға әлеуметтік көмек көрсету туралы" in kk_text
    assert f"№ 2024-о-{case.pk:05d} шарт" in kk_text
    assert ru.kind == kk.kind == "education_contract"


def test_receipt_due_within_5_working_days_across_constitution_day(education_case, caseworker):
    case = education_case()
    education_case_decide(case=case, actor=caseworker, on=DECIDED)
    year = case.years.get()
    pay_out(year, caseworker, paid_on=datetime.date(2024, 8, 27))

    year = education_transfer_record(
        year=year, arrived_on=datetime.date(2024, 8, 27), actor=caseworker
    )
    # Wed 28, Thu 29 Aug; Fri 30 Aug is Constitution Day; Sat 31, Sun 1 Sep off; Mon 2, Tue 3,
    # Wed 4 September is the fifth working day.
    assert year.receipt_due == datetime.date(2024, 9, 4)
    assert list(education_receipts_overdue(on=datetime.date(2024, 9, 4))) == []
    assert list(education_receipts_overdue(on=datetime.date(2024, 9, 5))) == [year]

    education_receipt_record(
        year=year, received_on=datetime.date(2024, 9, 5), receipt_number="КВ-17", actor=caseworker
    )
    assert list(education_receipts_overdue(on=datetime.date(2024, 9, 10))) == []


def test_next_academic_year_after_rechecking_eligibility(education_case, caseworker):
    case = education_case()
    education_case_decide(case=case, actor=caseworker, on=DECIDED)
    # Q2 2025 has no income entered: per-capita 0 passes the test.
    year = education_year_continue(
        case=case,
        academic_year=2025,
        tuition=Decimal("2100000"),
        actor=caseworker,
        on=datetime.date(2025, 8, 28),
    )
    # The tuition rose to 2 100 000 and the MRP to 3 932, but a year is paid no more than the
    # contract's sum fixed at the decision: 392 × 3 692 (p8, p10, p12).
    assert (year.amount, year.mrp_value) == (Decimal("1447264.00"), Decimal("3692.00"))
    assert year.award.payments.get().due_on == datetime.date(2025, 9, 1)
    with pytest.raises(Exception, match="Следующий учебный год — 2026/2027"):
        education_year_continue(
            case=case,
            academic_year=2025,
            tuition=Decimal("1"),
            actor=caseworker,
            on=datetime.date(2025, 8, 29),
        )


def test_next_year_refused_when_income_rose(education_case, caseworker):
    from applications.cases.models import Income

    case = education_case()
    education_case_decide(case=case, actor=caseworker, on=DECIDED)
    head = case.application.family.members.get(relation="applicant")
    Income.objects.create(
        member=head, kind="wages", year=2025, quarter=2, amount=Decimal("46228.01") * 12
    )
    with pytest.raises(NotEligible, match="46228.01 ₸ выше порога 46228.00 ₸"):
        education_year_continue(
            case=case,
            academic_year=2025,
            tuition=Decimal("1000000"),
            actor=caseworker,
            on=datetime.date(2025, 8, 28),
        )


def test_expulsion_opens_recovery_of_the_sums_paid(education_case, caseworker):
    case = education_case(tuition=Decimal("900000.00"))
    education_case_decide(case=case, actor=caseworker, on=DECIDED)
    pay_out(case.years.get(), caseworker, paid_on=datetime.date(2024, 8, 30))
    second = education_year_continue(
        case=case,
        academic_year=2025,
        tuition=Decimal("950000"),
        actor=caseworker,
        on=datetime.date(2025, 8, 28),
    )

    recoveries = education_case_expel(
        case=case, reason="poor_results", expelled_on=datetime.date(2025, 10, 15), actor=caseworker
    )

    case.refresh_from_db()
    assert case.status == EducationCase.Status.EXPELLED
    assert [(r.amount, r.status) for r in recoveries] == [(Decimal("900000.00"), "open")]
    assert "плохая успеваемость" in recoveries[0].reason
    second.award.refresh_from_db()
    assert second.award.status == Award.Status.TERMINATED
    assert second.award.payments.get().status == ScheduledPayment.Status.CANCELLED
    assert Recovery.objects.count() == 1
