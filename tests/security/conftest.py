"""Fixtures of the security tests: a case of the akim's okrug with a scanned document."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications.cases.models import Application, ApplicationDocument, Decision
from applications.reference.models import Category, InDemandSpeciality
from applications.reference.testdata import iin_sequence, make_kz_iban
from benefits.memorial_resources import SourceRow
from benefits.services.awards import award_create_for_decision
from benefits.services.education import (
    Representative,
    education_case_decide,
    education_case_register,
    education_contract_issue,
)
from benefits.services.memorial import memorial_list_create
from benefits.services.payments import payment_list_build
from benefits.services.recovery import recovery_open

D = datetime.date

# The smallest well-formed PDF: what filetype recognises as application/pdf.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def case(application_factory):
    """An application registered by a caseworker in the akim's okrug (Zhanakorgan)."""
    return application_factory(year=2024, quarter=1)


@pytest.fixture
def other_case(application_factory, other_okrug):
    """An application of another okrug (Shalkiya)."""
    return application_factory(okrug_obj=other_okrug, surname="Сейтов")


@pytest.fixture
def document(case, caseworker):
    return ApplicationDocument.objects.create(
        application=case,
        kind="identity",
        content_type="application/pdf",
        file=SimpleUploadedFile("udostoverenie.pdf", MINIMAL_PDF),
        size=len(MINIMAL_PDF),
        uploaded_by=caseworker,
    )


@pytest.fixture
def other_document(other_case, caseworker):
    return ApplicationDocument.objects.create(
        application=other_case,
        kind="identity",
        content_type="application/pdf",
        file=SimpleUploadedFile("chuzhoi.pdf", MINIMAL_PDF),
        size=len(MINIMAL_PDF),
        uploaded_by=caseworker,
    )


@pytest.fixture
def users(
    caseworker,
    akim,
    other_akim,
    local_member,
    other_local_member,
    special_member,
    administrator,
    auditor,
):
    """One user per role of the URL matrix (None: not logged in)."""
    return {
        "anonymous": None,
        "caseworker": caseworker,
        "akim": akim,
        "other_akim": other_akim,
        "local": local_member,
        "other_local": other_local_member,
        "special": special_member,
        "administrator": administrator,
        "auditor": auditor,
    }


@pytest.fixture
def special_case(application_factory):
    """An application of the akims' okrug waiting for the special commission (p23). The status
    is set directly: the path to it is the workflow's business, tested there."""
    application = application_factory(surname="Омаров")
    application.status = Application.Status.AT_SPECIAL_COMMISSION
    application.save(update_fields=["status"])
    return application


@pytest.fixture
def award(application_factory, caseworker):
    """A monthly award (tuberculosis, p7.2) of February–June 2020, made by the real services."""
    application = application_factory(code="hardship-tuberculosis", surname="Нуриев")
    decision = Decision.objects.create(
        application=application,
        outcome=Decision.Outcome.GRANTED,
        amount=Decimal("26510"),
        mrp_value=Decimal("2651"),
        decided_on=D(2020, 1, 20),
        decided_by=caseworker,
        period_start=D(2020, 2, 1),
        period_end=D(2020, 6, 30),
        basis={"source": "test"},
        notice_due=D(2020, 1, 23),
    )
    return award_create_for_decision(decision=decision, actor=caseworker)


@pytest.fixture
def memorial_list(administrator):
    """A Victory Day list of one veteran, saved by the real service (p5.1, p15)."""
    category = Category.objects.filter(occasion=Category.Occasion.VICTORY_DAY).first()
    row = SourceRow(
        line=2,
        iin=next(iin_sequence(D(1925, 5, 1), "M", start=901)),
        surname="Ветеранов",
        name="Иван",
        patronymic="Петрович",
        category_code=category.code,
        iban=make_kz_iban("601", 7_777_777),
    )
    return memorial_list_create(
        occasion=category.occasion,
        year=2022,
        rows=[row],
        file_name="9may.csv",
        actor=administrator,
    )


@pytest.fixture
def education_case(family_factory, caseworker):
    """An education aid case of a large family's student (p8): granted, contract issued."""
    family = family_factory(size=4, wages=Decimal("240000"), year=2024, quarter=2)
    student = family.members.exclude(relation="applicant").first().person
    case = education_case_register(
        family=family,
        student=student,
        category=Category.objects.get(code="education-large-families"),
        degree="bachelor",
        institution="Кызылординский университет",
        speciality=InDemandSpeciality.objects.get(code="6B01"),
        study_form="full_time",
        academic_year=2024,
        tuition=Decimal("2000000.00"),
        actor=caseworker,
        student_document="Удостоверение личности № 045678912, МВД РК, 10.01.2024",
        representative=Representative(  # the student, born in 2010, is under 18 (p10)
            name="Ахметов Серик Болатович",
            iin="800101300155",
            document="Удостоверение личности № 012345678, МВД РК, 01.02.2015",
            address="с. Жанакорган, ул. Абая, 1",
            relation="parent",
        ),
        registered_at=timezone.make_aware(datetime.datetime(2024, 8, 20, 10)),
    )
    case = education_case_decide(case=case, actor=caseworker, on=D(2024, 8, 22))
    education_contract_issue(case=case, lang="ru", actor=caseworker)
    return case


@pytest.fixture
def world(
    case, document, other_case, award, special_case, memorial_list, education_case, administrator
):
    """The objects the URL matrix builds its URLs from."""
    payment_list = payment_list_build(
        title="Февраль 2020",
        period_start=D(2020, 2, 1),
        period_end=D(2020, 2, 29),
        actor=administrator,
    )
    recovery = recovery_open(
        award=award, amount=Decimal("26510"), opened_on=D(2020, 3, 15), reason="test"
    )
    return SimpleNamespace(
        case=case,
        document=document,
        other_case=other_case,
        award=award,
        payment_list=payment_list,
        recovery=recovery,
        special_case=special_case,
        memorial_list=memorial_list,
        education_case=education_case,
    )
