"""Reads of education aid: the gate to a case, the list of cases, and the receipts overdue
(p11) that the caseworker's work queue shows."""

import datetime
import functools
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from applications.cases.models import full_name
from zhanakorgan_aid import roles
from zhanakorgan_aid.compiled import Statement

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


@dataclass(frozen=True, slots=True)
class OverdueReceipt:
    """A receipt overdue as the start page lists it."""

    case_id: int
    student: str  # the full name
    academic_year: int
    receipt_due: datetime.date


def overdue_receipt_rows(*, on: datetime.date, n: int) -> list[OverdueReceipt]:
    """The first `n` of education_receipts_overdue, as plain rows for the start page. The
    statement is built once per process: building that query of four tables cost the start
    page more than a millisecond on every request, for a list that is mostly empty (issue 9)."""
    return [
        OverdueReceipt(case_id, full_name(surname, name, patronymic), year, due)
        for case_id, surname, name, patronymic, year, due in _overdue_receipts(n).fetch(on=on)
    ]


@functools.cache
def _overdue_receipts(n: int) -> Statement:
    return Statement(
        lambda v: education_receipts_overdue(on=v.on).values_list(
            "case_id",
            "case__student__surname",
            "case__student__name",
            "case__student__patronymic",
            "academic_year",
            "receipt_due",
        )[:n],
        on=datetime.date,
    )
