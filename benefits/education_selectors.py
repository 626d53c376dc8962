"""Reads of education aid: the gate to a case, the list of cases, and the receipts overdue
(p11) that the caseworker's work queue shows."""

import datetime

from django.db.models import QuerySet
from django.http import Http404

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


def education_years_of(case: EducationCase) -> QuerySet[EducationYear]:
    return case.years.select_related("award").prefetch_related(
        "award__payments", "award__recoveries"
    )


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
