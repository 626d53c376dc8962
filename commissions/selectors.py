"""Reads for the commission pages and the printed forms: what the records already know about
the family, so the act is filled in from them rather than typed twice (annex 1)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.utils.text import capfirst

from applications.cases.models import Application, FamilyMember
from applications.cases.selectors import family_members_with_incomes, per_capita_income
from applications.reference import rules

from .models import Commission, CommissionMember, IssuedDocument, SurveyAct

CENT = Decimal("0.01")


@dataclass
class IncomeRow:
    full_name: str
    kind: str
    quarter_amount: Decimal
    monthly: Decimal


@dataclass
class IncomeSummary:
    """The family's incomes of the quarter before the application's quarter (annex 1, item 5)."""

    year: int
    quarter: int
    rows: list[IncomeRow] = field(default_factory=list)
    total: Decimal = Decimal("0.00")
    monthly: Decimal = Decimal("0.00")


def family_incomes(*, application: Application) -> IncomeSummary:
    """Incomes per member of the previous quarter, with the quarter's sum and monthly average."""
    figures = per_capita_income(family=application.family, on=application.registered_on)
    rows = [
        IncomeRow(
            full_name=income.member.person.full_name,
            kind=income.kind,
            quarter_amount=income.amount,
            monthly=rules.monthly_income(income.amount),
        )
        for income in figures.rows
    ]
    total = Decimal(figures.total).quantize(CENT)
    return IncomeSummary(figures.year, figures.quarter, rows, total, rules.monthly_income(total))


ACT_SUMMARY_FIELDS = ("hardship", "housing_other", *SurveyAct.FINDINGS)


@dataclass(frozen=True)
class ActLine:
    label: str
    value: str


def act_summary(act: SurveyAct | None) -> list[ActLine]:
    """What the local commission found (annex 1, items 4–10), the items it filled in: the
    special commission reads them beside the figures (p22, p23)."""
    if act is None or act.refused:
        return []
    return [
        ActLine(capfirst(SurveyAct._meta.get_field(name).verbose_name), getattr(act, name))
        for name in ACT_SUMMARY_FIELDS
        if getattr(act, name)
    ]


def family_members(application: Application) -> list[FamilyMember]:
    return list(family_members_with_incomes(application.family).order_by("id"))


def age_on(birth_date: datetime.date, on: datetime.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def survey_rows_initial(application: Application) -> list[dict]:
    """The employment table as the family's records have it (annex 1, item 4)."""
    return [
        {
            "person": member.person_id,
            "full_name": member.person.full_name,
            "birth_date": member.person.birth_date,
            "relation": member.relation,
            "occupation": member.occupation,
            "unemployment_reason": member.unemployment_reason,
            "employment_measures": member.employment_measures,
            "own_hardship": member.own_hardship,
        }
        for member in family_members(application)
    ]


def survey_initial(*, application: Application, on: datetime.date) -> dict:
    """The act's fields pre-filled from the application and the family's records."""
    family = application.family
    members = family_members(application)
    chair, others = commission_names(application)
    return {
        "surveyed_on": on,
        "place": application.okrug.centre_ru or application.okrug.name_ru,
        "address": family.address,
        "hardship": application.situation,
        "over_80_count": sum(1 for m in members if age_on(m.person.birth_date, on) >= 80),
        "housing": family.housing,
        "housing_other": family.housing_other,
        "housing_cost": family.housing_cost,
        "subsidiary_farm": family.subsidiary_farm,
        "land": family.land,
        "livestock": family.livestock,
        "chair_name": chair,
        "member_names": "\n".join(others),
    }


def commission_names(application: Application) -> tuple[str, list[str]]:
    """The chair and the members of the okrug's local commission, for the signature lines."""
    seats = CommissionMember.objects.filter(
        commission__kind=Commission.Kind.LOCAL, commission__okrug_id=application.okrug_id
    ).select_related("user")
    chair = next((str(s.user) for s in seats if s.role == CommissionMember.Role.CHAIR), "")
    others = [str(s.user) for s in seats if s.role != CommissionMember.Role.CHAIR]
    return chair, others


def survey_act_of(application: Application) -> SurveyAct | None:
    try:
        return application.survey_act
    except ObjectDoesNotExist:
        return None


def related_or_none(application: Application, name: str):
    """A one-to-one record of the application (local_conclusion, special_conclusion, decision),
    or None when it is not recorded (or, for the decision, not part of this build)."""
    try:
        return getattr(application, name)
    except (ObjectDoesNotExist, AttributeError):
        return None


def members_count(application: Application) -> int:
    """Members actually living in the family: the act's table once surveyed (annex 1, item 4),
    the family's records before."""
    act = survey_act_of(application)
    if act is not None and not act.refused:
        return act.rows.count()
    return application.family.members.count()


def special_commission_names() -> tuple[str, list[str]]:
    """The special commission's chair and members (p2.1), for the signature lines."""
    seats = CommissionMember.objects.filter(
        commission__kind=Commission.Kind.SPECIAL
    ).select_related("user")
    chair = next((str(s.user) for s in seats if s.role == CommissionMember.Role.CHAIR), "")
    return chair, [str(s.user) for s in seats if s.role != CommissionMember.Role.CHAIR]


def issued_documents(application: Application) -> QuerySet[IssuedDocument]:
    """The documents issued for the application (p19, p23, p25), each kind once per language;
    their kept PDF bytes are left in the database until one is downloaded."""
    return IssuedDocument.objects.filter(application_id=application.pk).defer("pdf").order_by()
