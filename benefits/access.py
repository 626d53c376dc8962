"""Who may see and change awards, payment lists, recoveries and budgets: one gate per entity.

The authorized body pays (DESIGN.md, "Who works in it"): caseworkers and administrators see the
whole district and manage awards; payment lists and budgets are the administrator's; the
auditor reads everything and changes nothing. Anyone else gets 404, as if nothing existed."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from zhanakorgan_aid import roles

from .models import Award, Budget, PaymentList, Recovery

READERS = (roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR)
MANAGERS = (roles.CASEWORKER, roles.ADMINISTRATOR)


def can_view(user) -> bool:
    return roles.has_role(user, *READERS)


def can_manage_awards(user) -> bool:
    """Record a termination (p27) or a repayment (p28)."""
    return roles.has_role(user, *MANAGERS)


def can_manage_payments(user) -> bool:
    """Build lists, send them, mark them paid (p29); set budgets and overrides (p31)."""
    return roles.has_role(user, roles.ADMINISTRATOR)


def require_view(user) -> None:
    if not can_view(user):
        raise Http404


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _get(model, user, pk):
    require_view(user)
    try:
        return model.objects.get(pk=pk)
    except (model.DoesNotExist, ValueError):
        raise Http404 from None


def award_get_for(*, user, pk: int) -> Award:
    return _get(Award, user, pk)


def recovery_get_for(*, user, pk: int) -> Recovery:
    return _get(Recovery, user, pk)


def payment_list_get_for(*, user, pk: int) -> PaymentList:
    return _get(PaymentList, user, pk)


def budget_get_for(*, user, pk: int) -> Budget:
    return _get(Budget, user, pk)
