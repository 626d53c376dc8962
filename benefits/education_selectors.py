"""Reads of education aid: the gate to a case, the list of cases, a case's page (its years and
contracts), and the receipts overdue (p11) that the list and the caseworker's work queue show."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from commissions.models import IssuedDocument
from zhanakorgan_aid import roles

from .models import EducationCase, EducationYear

READERS = (roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR)
WRITERS = (roles.CASEWORKER, roles.ADMINISTRATOR)


def can_read(user) -> bool:
    return roles.has_role(user, *READERS)


def can_manage(user) -> bool:
    return roles.has_role(user, *WRITERS)


def education_case_list(*, user) -> QuerySet[EducationCase]:
    """Cases the user may see (the district's authorized body, administrator, auditor)."""
    if not can_read(user):
        return EducationCase.objects.none()
    return EducationCase.objects.select_related(
        "student", "application__category", "application__okrug"
    ).order_by("-first_academic_year", "-id")


def education_case_get_for(*, user, pk: int) -> EducationCase:
    """The one gate to a case: unknown and forbidden look alike (404)."""
    try:
        return education_case_list(user=user).get(pk=pk)
    except (EducationCase.DoesNotExist, ValueError):
        raise Http404 from None


@dataclass
class EducationCasePanels:
    """What a case's page shows below the case: its academic years (p12) with each year's
    payments and recoveries (p13), and the contracts issued (p10)."""

    years: QuerySet[EducationYear]
    contracts: QuerySet[IssuedDocument]


def education_case_panels(case: EducationCase) -> EducationCasePanels:
    return EducationCasePanels(years=education_years_of(case), contracts=education_contracts(case))


def education_years_of(case: EducationCase) -> QuerySet[EducationYear]:
    return case.years.select_related("award").prefetch_related(
        "award__payments", "award__recoveries"
    )


def education_year_get(*, case: EducationCase, pk: int) -> EducationYear:
    """An academic year of a case the user has already been let into; another case's is 404."""
    try:
        return case.years.get(pk=pk)
    except (EducationYear.DoesNotExist, ValueError):
        raise Http404 from None


def education_contracts(case: EducationCase) -> QuerySet[IssuedDocument]:
    """The contract's copies issued (p10), in each language, without their PDFs."""
    return IssuedDocument.objects.filter(
        application_id=case.application_id, kind=IssuedDocument.Kind.EDUCATION_CONTRACT
    ).only("pk", "lang", "issued_on", "size", "application_id", "kind")


def education_contract_get(*, case: EducationCase, lang: str) -> IssuedDocument:
    """The contract of a case as issued in a language, its PDF with it; 404 if not issued."""
    try:
        return IssuedDocument.objects.get(
            application_id=case.application_id,
            kind=IssuedDocument.Kind.EDUCATION_CONTRACT,
            lang=lang,
        )
    except IssuedDocument.DoesNotExist:
        raise Http404 from None


def education_receipts_overdue(*, on: datetime.date) -> QuerySet[EducationYear]:
    """Years whose money arrived but whose tuition receipt was not brought by the end of the
    fifth working day (p11): overdue from the day after `receipt_due`."""
    return (
        EducationYear.objects.filter(
            receipt_due__lt=on,
            receipt_received_on__isnull=True,
            case__status=EducationCase.Status.AWARDED,
        )
        .select_related("case__student", "case__application")
        .order_by("receipt_due", "id")
    )


def overdue_receipt_rows(*, on: datetime.date, n: int) -> QuerySet[EducationYear]:
    """The first `n` of education_receipts_overdue (p11), with their students, for the start
    page."""
    return education_receipts_overdue(on=on)[:n]
