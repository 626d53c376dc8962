"""Writes of education aid (p8–p13): the application until 25 August (p9), the income test and
the amount within the cap by degree (p8), the two-sided contract (p10), the transfer and the
tuition receipt within 5 working days (p11), the following academic years (p12) and the
recovery of the sums paid on expulsion (p13)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.cases import decision_basis, transition_messages
from applications.cases.models import Application, ApplicationTransition, Decision, Family, Person
from applications.cases.selectors import per_capita_income
from applications.cases.services.intake import application_register
from applications.reference import rules
from applications.reference.exceptions import ReferenceDataMissing
from applications.reference.models import (
    Bank,
    Category,
    CategoryRule,
    EducationCap,
    InDemandSpeciality,
    StudyForm,
)
from applications.reference.selectors import (
    in_demand_specialities,
    mrp_on,
    subsistence_minimum_on,
)
from applications.reference.validators import iban_bank_code, parse_iin, validate_person_name
from commissions.documents import common_context
from commissions.pdf import issue_document
from zhanakorgan_aid.audit import update_with_history

from ..exceptions import BenefitsError
from ..models import Award, Recovery, ScheduledPayment
from ..models.education import EducationCase, EducationYear
from .awards import award_create
from .recovery import award_terminate, recovery_open

# The printed contract is in one language whatever the interface language (p10).
DEGREE_NAMES = {
    "bachelor": ("бакалавриат", "бакалавриат"),
    "master": ("магистратура", "магистратура"),
    "residency": ("медицинская резидентура", "медициналық резидентура"),
}
RELATION_NAMES = {
    "parent": ("родитель", "ата-анасы"),
    "adoptive_parent": ("усыновитель", "бала асырап алушысы"),
    "guardian": ("опекун", "қорғаншысы"),
    "trustee": ("попечитель", "қамқоршысы"),
}


class EducationError(BenefitsError):
    """Education aid cannot be given or changed as asked; str() is for the user."""


class ApplicationDeadlinePassed(EducationError):
    """Documents come in until 25 August inclusive of the year (p9)."""


class NotEligible(EducationError):
    """The student no longer meets the conditions of p8 for the next academic year (p12)."""


class NoBankAccount(EducationError):
    """Aid is transferred to the recipient's account in a bank (p29): none, none transferred."""


@dataclass(frozen=True)
class Representative:
    """The legal representative of a student under 18, who signs the contract (p10)."""

    name: str
    iin: str
    document: str
    address: str
    relation: str
    phone: str = ""


@transaction.atomic
def education_case_register(
    *,
    family: Family,
    student: Person,
    category: Category,
    degree: str,
    institution: str,
    speciality: InDemandSpeciality,
    study_form: str,
    academic_year: int,
    tuition: Decimal,
    actor,
    student_document: str = "",
    representative: Representative | None = None,
    registered_at: datetime.datetime | None = None,
) -> EducationCase:
    """Register an education application (p8, p9) for a student of the family: full-time
    study of a speciality in the region's list on the application's date (p8); a student
    under 18 through the legal representative who will sign the contract (p10)."""
    registered_at = registered_at or timezone.now()
    registered_on = timezone.localdate(registered_at)
    _check_within_deadline(academic_year, registered_on=registered_on)
    _check_education_case(family=family, student=student, category=category, tuition=tuition)
    _check_full_time(study_form)
    _check_speciality(speciality, on=registered_on)
    representative = _representative_of(student, representative, on=registered_on)
    application = application_register(
        family=family,
        category=category,
        actor=actor,
        kind=Application.Kind.EDUCATION,
        registered_at=registered_at,
        situation=_("Обучение: %(i)s, %(s)s") % {"i": institution, "s": speciality.name_ru},
    )
    return EducationCase.objects.create(
        application=application,
        student=student,
        degree=degree,
        institution=institution,
        speciality=speciality.name_ru,
        in_demand_speciality=speciality,
        study_form=study_form,
        student_document=student_document.strip(),
        first_academic_year=academic_year,
        tuition=tuition,
        **_representative_fields(representative),
    )


def _check_full_time(study_form: str) -> None:
    """p8: aid for study goes to full-time students only."""
    if not rules.full_time_study(study_form):
        raise EducationError(
            _(
                "Помощь на обучение оказывается только обучающимся по очной форме (п. 8); "
                "форма обучения «%(f)s» права на неё не даёт."
            )
            % {"f": StudyForm(study_form).label if study_form in StudyForm.values else study_form}
        )


def _check_speciality(speciality: InDemandSpeciality, *, on: datetime.date) -> None:
    """p8: the speciality is on the region's list of in-demand specialities on the date."""
    if not in_demand_specialities(on).filter(pk=speciality.pk).exists():
        raise EducationError(
            _(
                "Специальность «%(s)s» не входит в список востребованных в регионе "
                "специальностей на %(d)s (п. 8)."
            )
            % {"s": speciality, "d": on.strftime("%d.%m.%Y")}
        )


def _representative_of(
    student: Person, representative: Representative | None, *, on: datetime.date
) -> Representative | None:
    """A student under 18 on the application's date has a legal representative, an adult
    with a valid IIN, who signs the contract (p10); an adult student signs alone."""
    if not rules.is_minor(birth_date=student.birth_date, on=on):
        return None
    if representative is None or not all(
        (representative.name.strip(), representative.iin.strip(), representative.document.strip())
        + (representative.address.strip(), representative.relation)
    ):
        raise EducationError(
            _(
                "Обучающемуся %(s)s на %(d)s нет 18 лет: укажите его законного представителя "
                "(Ф.И.О., ИИН, документ, адрес, кем приходится), который подпишет договор "
                "(п. 10)."
            )
            % {"s": student.full_name, "d": on.strftime("%d.%m.%Y")}
        )
    _check_representative(representative, on=on)
    return representative


def _check_representative(representative: Representative, *, on: datetime.date) -> None:
    try:
        validate_person_name(representative.name)
        facts = parse_iin(representative.iin.strip())
    except ValidationError as error:
        raise EducationError(
            _("Законный представитель: %(e)s") % {"e": " ".join(error.messages)}
        ) from None
    if rules.is_minor(birth_date=facts.birth_date, on=on):
        raise EducationError(
            _("Законный представитель должен быть совершеннолетним: по ИИН ему нет 18 лет.")
        )
    if representative.relation not in EducationCase.Representation.values:
        raise EducationError(_("Укажите, кем представитель приходится обучающемуся."))


def _representative_fields(representative: Representative | None) -> dict:
    if representative is None:
        return {}
    return {
        "representative_name": " ".join(representative.name.split()),
        "representative_iin": representative.iin.strip(),
        "representative_document": representative.document.strip(),
        "representative_address": representative.address.strip(),
        "representative_phone": representative.phone.strip(),
        "representative_relation": representative.relation,
    }


def _check_within_deadline(academic_year: int, *, registered_on: datetime.date) -> None:
    """Documents come in until 25 August inclusive of the year (p9)."""
    deadline = rules.education_deadline(academic_year)
    if registered_on > deadline:
        raise ApplicationDeadlinePassed(
            _(
                "Документы на помощь для обучения принимаются до 25 августа включительно "
                "(п. 9): на %(y)s/%(y2)s учебный год приём закончился %(d)s, обращение "
                "%(r)s не принимается."
            )
            % {
                "y": academic_year,
                "y2": academic_year + 1,
                "d": deadline.strftime("%d.%m.%Y"),
                "r": registered_on.strftime("%d.%m.%Y"),
            }
        )


def _check_education_case(
    *, family: Family, student: Person, category: Category, tuition: Decimal
) -> None:
    """Aid for study (p8) for a member of the family, at a tuition that costs something."""
    if category.programme != Category.Programme.EDUCATION:
        raise EducationError(_("Выберите категорию помощи на обучение (п. 8)."))
    if not family.members.filter(person=student).exists():
        raise EducationError(
            _("%(s)s не входит в состав семьи %(f)s.") % {"s": student, "f": family.reg_number}
        )
    _check_tuition(tuition)


def _check_tuition(tuition: Decimal) -> None:
    if tuition <= 0:
        raise EducationError(_("Стоимость обучения должна быть больше нуля."))


@dataclass(frozen=True)
class IncomeTest:
    """p8: per-capita income not above the republican subsistence minimum of the year, or
    k times it (k = 3 for children left without parental care, from the category rule)."""

    per_capita: Decimal
    subsistence_minimum: Decimal
    factor: Decimal
    threshold: Decimal
    on: datetime.date

    @property
    def passed(self) -> bool:
        return rules.within_threshold(per_capita=self.per_capita, threshold=self.threshold)


def education_income_test(*, case: EducationCase, on: datetime.date) -> IncomeTest:
    application = case.application
    rule = _rule(application.category, on)
    income = per_capita_income(family=application.family, on=on).per_capita
    sm = subsistence_minimum_on(on, scope="republican").value
    factor = rules.income_factor(rule)
    threshold = rules.subsistence_threshold(republican_minimum=sm, factor=factor)
    return IncomeTest(income, sm, factor, threshold, on)


def education_cap_on(*, degree: str, on: datetime.date) -> EducationCap:
    """The cap in MRP of the degree in force on a date (p8), as entered data."""
    cap = (
        EducationCap.objects.filter(degree=degree, effective_from__lte=on)
        .exclude(effective_to__lt=on)
        .order_by("-effective_from")
        .first()
    )
    if cap is None:
        raise ReferenceDataMissing(
            _("Предел помощи на обучение для уровня «%(d)s» на %(on)s не задан.")
            % {"d": degree, "on": on.strftime("%d.%m.%Y")}
        )
    return cap


def _rule(category: Category, on: datetime.date) -> CategoryRule:
    rule = category.rule_on(on)
    if rule is None:
        raise NotEligible(
            _("Категория «%(c)s» не действует на %(d)s.")
            % {"c": category.name, "d": on.strftime("%d.%m.%Y")}
        )
    return rule


@transaction.atomic
def education_case_decide(
    *, case: EducationCase, actor, on: datetime.date | None = None
) -> EducationCase:
    """Grant when the income test passes (p8), refuse on p26(3) otherwise. A grant pays the
    tuition of the first year, at most the cap of the degree at the MRP of the decision date
    (p8, p30), and gives the contract its number and date (p10)."""
    case = EducationCase.objects.select_for_update().select_related("application").get(pk=case.pk)
    if case.status != EducationCase.Status.APPLIED:
        raise EducationError(_("Решение по этому заявлению уже принято."))
    on = on or timezone.localdate()
    test = education_income_test(case=case, on=case.application.registered_on)
    if not test.passed:
        return _refuse(case, test=test, actor=actor, on=on)
    _check_bank_account(case.student)
    cap = education_cap_on(degree=case.degree, on=on)
    mrp = mrp_on(on).value
    case.cap_amount = rules.mrp_amount(cap.cap_mrp, mrp)
    case.contract_amount = rules.education_amount(
        tuition=case.tuition, cap_mrp=cap.cap_mrp, mrp_value=mrp
    )
    case.status = EducationCase.Status.AWARDED
    case.contract_number = f"{case.first_academic_year}-О-{case.pk:05d}"
    case.contract_date = on
    case.save(
        update_fields=[
            "status",
            "contract_number",
            "contract_date",
            "cap_amount",
            "contract_amount",
        ]
    )
    year = _year_award(
        case,
        academic_year=case.first_academic_year,
        tuition=case.tuition,
        cap=(cap.cap_mrp, mrp),
        test=test,
        actor=actor,
        on=on,
    )
    case.application = _decision(
        case, actor=actor, on=on, amount=year.amount, test=test
    ).application
    return case


def _check_bank_account(student: Person) -> None:
    """p29: the aid is transferred to the recipient's account in a bank; without a valid IBAN
    of a bank the office pays through, nothing is awarded or transferred."""
    bank_known = (
        Bank.objects.filter(code=iban_bank_code(student.iban)).exists()
        or student.bank_id is not None
    )
    if not rules.bank_account_present(iban=student.iban, bank_known=bank_known):
        raise NoBankAccount(
            _(
                "У получателя %(s)s нет счёта в банке (IBAN) или банк не определён: помощь "
                "перечисляется только на счёт получателя (п. 29). Укажите IBAN в карточке "
                "гражданина."
            )
            % {"s": student.full_name}
        )


def _refuse(case: EducationCase, *, test: IncomeTest, actor, on) -> EducationCase:
    """Refused on p8 and p26(3): the reason is kept as a message with its figures (the
    decision's basis and the history row), put into words in the reader's language."""
    case.status = EducationCase.Status.REFUSED
    case.save(update_fields=["status"])
    reason = transition_messages.said(
        transition_messages.EDUCATION_REFUSED_INCOME,
        income=test.per_capita,
        threshold=test.threshold,
        factor=f"{test.factor.normalize():f}",
        minimum=test.subsistence_minimum,
    )
    decision = _decision(case, actor=actor, on=on, amount=None, test=test, reason=reason)
    case.application = decision.application
    return case


def _decision(case: EducationCase, *, actor, on, amount, test: IncomeTest, reason=None) -> Decision:
    """The authorized body's decision (p24) and the application's history row."""
    application = Application.objects.select_for_update().get(pk=case.application_id)
    basis = decision_basis.build(application=application, on=on)
    basis["education"] = {
        "degree": case.degree,
        "institution": case.institution,
        "tuition": str(case.tuition),
        "per_capita": str(test.per_capita),
        "threshold": str(test.threshold),
        "factor": str(test.factor),
    }
    if reason is not None:
        basis["education"]["refusal"] = {"code": reason.code, "params": reason.params}
    granted = amount is not None
    decision = Decision.objects.create(
        application=application,
        outcome=Decision.Outcome.GRANTED if granted else Decision.Outcome.REFUSED,
        ground="" if granted else Decision.Ground.INCOME_ABOVE_THRESHOLD,
        amount=amount,
        mrp_value=mrp_on(on).value,
        decided_on=on,
        decided_by=actor,
        basis=basis,
        notice_due=rules.notice_due(on),
    )
    target = Application.Status.GRANTED if granted else Application.Status.REFUSED
    ApplicationTransition.objects.create(
        application=application,
        from_status=application.status,
        to_status=target,
        actor=actor,
        message_code=transition_messages.DECISION_GRANTED if granted else reason.code,
        message_params={} if granted else reason.params,
    )
    application.status, application.status_changed_at = target, timezone.now()
    application.due_date = decision.notice_due
    application.save(update_fields=["status", "status_changed_at", "due_date"])
    return decision


def _year_award(
    case, *, academic_year, tuition, cap: tuple, test: IncomeTest, actor, on
) -> EducationYear:
    """The award of one academic year: its tuition, at most the contract's sum and the cap
    fixed at the decision (p8, p10, p12), paid at the start of the academic year or at once
    when that has passed (p12). The amount is in tenge: the MRP of the decision only capped
    it, so no later MRP changes it (the basis names it `cap_mrp_value`, not `mrp_value`)."""
    cap_mrp, mrp = cap
    amount = rules.education_year_payment(
        tuition=tuition, contract_sum=case.contract_amount, cap_amount=case.cap_amount
    )
    basis = {
        "cap_mrp": str(cap_mrp),
        "cap_mrp_value": str(mrp),
        "cap_amount": str(case.cap_amount),
        "contract_amount": str(case.contract_amount),
        "degree": case.degree,
        "tuition": str(tuition),
        "academic_year": academic_year,
        "on": on.isoformat(),
        "paragraph": "8",
    }
    award = _tuition_award(
        case, academic_year=academic_year, amount=amount, basis=basis, actor=actor, on=on
    )
    return EducationYear.objects.create(
        case=case,
        academic_year=academic_year,
        tuition=tuition,
        cap_mrp=cap_mrp,
        mrp_value=mrp,
        amount=amount,
        per_capita_income=test.per_capita,
        income_threshold=test.threshold,
        award=award,
        decided_on=on,
        decided_by=actor,
    )


def _tuition_award(case, *, academic_year: int, amount, basis: dict, actor, on) -> Award:
    """The year's tuition paid once, at the start of the academic year or at once when that
    has passed (p12), under the contract's number (p10)."""
    application = case.application
    return award_create(
        recipient=case.student,
        category=application.category,
        amount=amount,
        basis=basis,
        periodicity=CategoryRule.Periodicity.ONCE,
        first_due=rules.academic_year_payment_due(academic_year=academic_year, decided_on=on),
        actor=actor,
        application=application,
        family=application.family,
        okrug=application.okrug,
        decided_on=on,
        occasion_year=academic_year,
        purpose=_("Оплата обучения %(y)s/%(y2)s, договор %(n)s")
        % {
            "y": academic_year,
            "y2": academic_year + 1,
            "n": case.contract_number or f"{case.first_academic_year}-О-{case.pk:05d}",
        },
    )


@transaction.atomic
def education_year_continue(
    *,
    case: EducationCase,
    academic_year: int,
    tuition: Decimal,
    actor,
    on: datetime.date | None = None,
) -> EducationYear:
    """Pay the following academic year at its start (p12) after checking again that the
    student is eligible: still studying, the category in force, the income test passed."""
    case = EducationCase.objects.select_for_update().select_related("application").get(pk=case.pk)
    on = on or timezone.localdate()
    if case.status != EducationCase.Status.AWARDED:
        raise NotEligible(
            _("Помощь не продлевается: статус «%(s)s».") % {"s": case.get_status_display()}
        )
    _check_next_academic_year(case, academic_year)
    _rule(case.application.category, on)
    test = education_income_test(case=case, on=on)
    _check_income_still_passes(test, academic_year)
    _check_tuition(tuition)
    _check_bank_account(case.student)
    first = case.years.order_by("academic_year").first()
    return _year_award(
        case,
        academic_year=academic_year,
        tuition=tuition,
        cap=(first.cap_mrp, first.mrp_value),
        test=test,
        actor=actor,
        on=on,
    )


def _check_next_academic_year(case: EducationCase, academic_year: int) -> None:
    """Years are continued one after another (p12)."""
    last = case.years.order_by("-academic_year").first()
    if last is None or academic_year != last.academic_year + 1:
        raise EducationError(
            _("Следующий учебный год — %(y)s/%(y2)s.")
            % {"y": last.academic_year + 1, "y2": last.academic_year + 2}
        )


def _check_income_still_passes(test: IncomeTest, academic_year: int) -> None:
    """The family's income is tested again for every following year (p8, p12)."""
    if not test.passed:
        raise NotEligible(
            _(
                "Среднедушевой доход семьи %(i)s ₸ выше порога %(t)s ₸: помощь на %(y)s/%(y2)s "
                "учебный год не назначается (п. 8, 12)."
            )
            % {
                "i": test.per_capita,
                "t": test.threshold,
                "y": academic_year,
                "y2": academic_year + 1,
            }
        )


@transaction.atomic
def education_transfer_record(
    *, year: EducationYear, arrived_on: datetime.date, actor
) -> EducationYear:
    """The money arrived on the student's account: the tuition is to be paid and the receipt
    brought within 5 working days, counted from the next day (p11; Civil Code art. 187)."""
    year = EducationYear.objects.select_for_update().select_related("award").get(pk=year.pk)
    paid = year.award.payments.filter(status=ScheduledPayment.Status.PAID).first()
    if paid is None:
        raise EducationError(
            _("Выплата за %(y)s учебный год ещё не перечислена банком.")
            % {"y": year.academic_year_label}
        )
    if arrived_on < paid.paid_on:
        raise EducationError(
            _("Деньги не могли поступить раньше перечисления (%(d)s).")
            % {"d": paid.paid_on.strftime("%d.%m.%Y")}
        )
    year.money_arrived_on = arrived_on
    year.receipt_due = rules.receipt_due(arrived_on)
    year.save(update_fields=["money_arrived_on", "receipt_due"])
    return year


@transaction.atomic
def education_receipt_record(
    *, year: EducationYear, received_on: datetime.date, receipt_number: str, actor
) -> EducationYear:
    """The receipt of the tuition payment is brought to the authorized body (p11)."""
    year = EducationYear.objects.select_for_update().get(pk=year.pk)
    if year.money_arrived_on is None:
        raise EducationError(_("Сначала отметьте поступление денег на счёт обучающегося."))
    if received_on < year.money_arrived_on:
        raise EducationError(_("Квитанция не может быть раньше поступления денег."))
    if not receipt_number.strip():
        raise EducationError(_("Укажите номер квитанции."))
    year.receipt_received_on = received_on
    year.receipt_number = receipt_number.strip()
    year.save(update_fields=["receipt_received_on", "receipt_number"])
    return year


@transaction.atomic
def education_case_expel(
    *, case: EducationCase, reason: str, expelled_on: datetime.date, actor
) -> list[Recovery]:
    """Expulsion for systematic absence or poor results (p13): unpaid transfers are cancelled
    and every sum paid for the study is to be returned to the local budget (p13, p28)."""
    case = EducationCase.objects.select_for_update().get(pk=case.pk)
    if case.status != EducationCase.Status.AWARDED:
        raise EducationError(_("Отчисление отмечается только по назначенной помощи."))
    if reason not in EducationCase.ExpulsionReason.values:
        raise EducationError(_("Укажите основание отчисления (п. 13)."))
    case.status, case.expelled_on, case.expulsion_reason = (
        EducationCase.Status.EXPELLED,
        expelled_on,
        reason,
    )
    case.save(update_fields=["status", "expelled_on", "expulsion_reason"])
    label = EducationCase.ExpulsionReason(reason).label
    for year in case.years.select_related("award"):
        _recover_year(year, label=label, on=expelled_on, actor=actor)
    return list(Recovery.objects.filter(award__education_year__case=case).order_by("id"))


def _recover_year(year: EducationYear, *, label: str, on, actor) -> None:
    award = year.award
    if award.status == Award.Status.ACTIVE:
        award_terminate(award=award, reason="expulsion", event_date=on, actor=actor, note=label)
        # A year paid in advance (p12) is due before the month of the expulsion: if it has
        # not gone to the bank yet, it is not paid at all.
        update_with_history(
            award.payments.filter(status=ScheduledPayment.Status.SCHEDULED),
            status=ScheduledPayment.Status.CANCELLED,
        )
    paid = award.payments.filter(status=ScheduledPayment.Status.PAID).aggregate(s=Sum("amount"))[
        "s"
    ]
    opened = award.recoveries.aggregate(s=Sum("amount"))["s"] or Decimal("0")
    due = rules.recovery_outstanding(paid=paid or Decimal("0"), already_recovered=opened)
    if rules.sum_recoverable(due):
        recovery_open(
            award=award,
            amount=due,
            opened_on=on,
            reason=_("Отчисление (%(why)s): возврат оплаты обучения %(y)s (п. 13)")
            % {"why": label, "y": year.academic_year_label},
        )


def education_contract_issue(*, case: EducationCase, lang: str, actor):
    """The two-sided contract between the authorized body and the recipient (p10), issued as
    a PDF in Russian or Kazakh and kept like the other issued documents."""

    if not case.contract_number:
        raise EducationError(_("Договор заключается после назначения помощи (п. 10)."))
    if lang not in ("ru", "kk"):
        raise EducationError(_("Договор выдаётся на русском или казахском языке."))
    first = case.years.order_by("academic_year").first()
    context = common_context(case.application, lang, draft=False)
    context.update(
        case=case,
        year=first,
        student=case.student,
        student_address=case.student.address or case.application.family.address,
        degree_ru=DEGREE_NAMES[case.degree][0],
        degree_kk=DEGREE_NAMES[case.degree][1],
        office=_office(lang),
        relation=_relation(case, lang),
    )
    return issue_document(
        application=case.application,
        kind="education_contract",
        lang=lang,
        template_name=f"documents/education_contract_{lang}.html",
        context=context,
        actor=actor,
        issued_on=case.contract_date,
    )


def _office(lang: str) -> dict:
    """The authorized body's details as a party to the contract (p10), from the settings."""
    return {
        "bin": settings.AUTHORIZED_BODY_BIN,
        "address": (
            settings.AUTHORIZED_BODY_ADDRESS_KK
            if lang == "kk"
            else settings.AUTHORIZED_BODY_ADDRESS_RU
        ),
    }


def _relation(case: EducationCase, lang: str) -> str:
    names = RELATION_NAMES.get(case.representative_relation)
    return "" if names is None else names[lang == "kk"]
