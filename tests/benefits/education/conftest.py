"""Education aid fixtures: a family with the quarter's income that puts its per-capita income
where the test needs it, and an education case registered through the real service."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from applications.reference.models import Category, InDemandSpeciality
from benefits.services.education import Representative, education_case_register

QYZYLORDA = ZoneInfo("Asia/Qyzylorda")
# The family's daughters are born in 2010: under 18, they apply through their father.
FATHER = Representative(
    name="Ахметов Серик Болатович",
    iin="800101300155",
    document="Удостоверение личности № 012345678, МВД РК, 01.02.2015",
    address="с. Жанакорган, ул. Абая, 1",
    relation="parent",
    phone="+7 701 000 00 01",
)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=QYZYLORDA)


@pytest.fixture
def education_case(family_factory, caseworker):
    """A case of a family of 4 whose quarterly wages are `per_capita` × 3 months × 4 members,
    for the quarter before `registered_on` (p22)."""

    def build(
        *,
        per_capita=Decimal("20000.00"),
        code="education-large-families",
        degree="bachelor",
        tuition=Decimal("2000000.00"),
        registered_on=datetime.date(2024, 8, 20),
        academic_year=2024,
        study_form="full_time",
        speciality="6B01",
        representative=FATHER,
    ):
        quarter = (registered_on.month - 1) // 3  # the quarter before, 1..4 in the same year
        year = registered_on.year if quarter else registered_on.year - 1
        family = family_factory(
            size=4, wages=Decimal(per_capita) * 12, year=year, quarter=quarter or 4
        )
        student = family.members.exclude(relation="applicant").first().person
        return education_case_register(
            family=family,
            student=student,
            category=Category.objects.get(code=code),
            degree=degree,
            institution="Кызылординский университет им. Коркыт Ата",
            speciality=InDemandSpeciality.objects.get(code=speciality),
            study_form=study_form,
            student_document="Удостоверение личности № 045678912, МВД РК, 10.01.2024",
            representative=representative,
            academic_year=academic_year,
            tuition=Decimal(tuition),
            actor=caseworker,
            registered_at=at(registered_on),
        )

    return build
