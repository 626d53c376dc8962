"""Reads of memorial-date lists (p15): the gate to a list and its pages of rows."""

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from applications.reference.models import Category
from zhanakorgan_aid import roles

from .models import MemorialList, MemorialListRow

READERS = (roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR)
WRITERS = (roles.CASEWORKER, roles.ADMINISTRATOR)


def can_read(user) -> bool:
    return roles.has_role(user, *READERS)


def can_manage(user) -> bool:
    """Import and approve: the authorized body and the administrator; the auditor reads."""
    return roles.has_role(user, *WRITERS)


def memorial_list_list(*, user) -> QuerySet[MemorialList]:
    if not can_read(user):
        return MemorialList.objects.none()
    return (
        MemorialList.objects.select_related("created_by", "approved_by")
        .annotate(row_count=Count("rows"), total=Sum("rows__amount"))
        .order_by("-year", "occasion", "-id")
    )


def memorial_list_get_for(*, user, pk: int) -> MemorialList:
    """The one gate to a list: unknown and forbidden look alike (404)."""
    try:
        return memorial_list_list(user=user).get(pk=pk)
    except (MemorialList.DoesNotExist, ValueError):
        raise Http404 from None


def memorial_rows(memorial_list: MemorialList) -> QuerySet[MemorialListRow]:
    """A list's rows in the order of the organization's file, with their citizens and
    categories."""
    return memorial_list.rows.select_related("person", "category").order_by("line_number")


def memorial_row_get(*, memorial_list: MemorialList, pk: int) -> MemorialListRow:
    """A row of a list the user has already been let into; another list's row is 404."""
    try:
        return memorial_list.rows.get(pk=pk)
    except (MemorialListRow.DoesNotExist, ValueError):
        raise Http404 from None


def memorial_categories() -> QuerySet[Category]:
    """The categories a memorial-date list may name (p5, p6), by date and paragraph: the
    codes of the file's fifth column."""
    return Category.objects.exclude(occasion="").order_by("occasion", "paragraph", "code")
