"""Who may act for which application. One gate per entity; another okrug's or another
commission's case answers 404, like a missing one (applications/access.py)."""

from django.db.models import QuerySet
from django.http import Http404

from applications.cases.access import application_get_for, scope_applications
from applications.cases.models import Application
from zhanakorgan_aid import roles

from .models import Commission


def local_commission_okrug_ids(user) -> set[int]:
    """The okrugs a local commission member acts for: their seats on okrugs' local commissions,
    and user.okrug (p2.10: the commission of a settlement or rural okrug)."""
    if not roles.has_role(user, roles.LOCAL_COMMISSION):
        return set()
    ids = set(
        user.commission_seats.filter(commission__kind=Commission.Kind.LOCAL).values_list(
            "commission__okrug_id", flat=True
        )
    )
    if user.okrug_id:
        ids.add(user.okrug_id)
    return ids


def survey_application_get_for(*, user, pk: int) -> Application:
    """An application whose survey act and conclusion this local commission member may record:
    only in the member's own okrug (p19)."""
    okrugs = local_commission_okrug_ids(user)
    application = Application.objects.filter(pk=pk, okrug_id__in=okrugs).select_related(
        "applicant", "family__okrug", "okrug", "category"
    )
    try:
        return application.get()
    except (Application.DoesNotExist, ValueError):
        raise Http404 from None


def is_special_member(user) -> bool:
    return (
        roles.has_role(user, roles.SPECIAL_COMMISSION)
        and user.commission_seats.filter(commission__kind=Commission.Kind.SPECIAL).exists()
    )


def special_application_get_for(*, user, pk: int) -> Application:
    """An application sent to the special commission, for one of its members (p23)."""
    if not is_special_member(user):
        raise Http404
    qs: QuerySet[Application] = scope_applications(Application.objects.all(), user=user)
    try:
        return qs.select_related("applicant", "family", "category").distinct().get(pk=pk)
    except (Application.DoesNotExist, ValueError):
        raise Http404 from None


def may_issue_notice(user) -> bool:
    """The authorized body issues the written notice of its decision (p25)."""
    return roles.has_role(user, roles.CASEWORKER, roles.ADMINISTRATOR)


def document_application_get_for(*, user, pk: int) -> Application:
    """Whoever may see the application may read its documents."""
    return application_get_for(user=user, pk=pk)
