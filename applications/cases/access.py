"""One gate per protected entity: scope by role and okrug; "missing" and "forbidden" look alike
(404), so a URL never tells whether another okrug's object exists."""

import functools
from collections.abc import Callable, Collection

from django.db.models import Q, QuerySet
from django.http import Http404

from zhanakorgan_aid import roles
from zhanakorgan_aid.compiled import Statement

from .models import Application, Family, Person

STAFF_ROLES = (
    roles.CASEWORKER,
    roles.AKIM_OFFICE,
    roles.LOCAL_COMMISSION,
    roles.SPECIAL_COMMISSION,
    roles.ADMINISTRATOR,
    roles.AUDITOR,
)


def scope_applications(qs: QuerySet[Application], *, user) -> QuerySet[Application]:
    """Applications a user may see: the district for district-wide roles, the own okrug for
    akims' offices and local commissions, the cases sent on for the special commission."""
    condition = application_scope(roles.roles_of(user), user.okrug_id)
    return qs.none() if condition is None else qs.filter(condition)


def application_scope(names: Collection[str], okrug_id: int | None) -> Q | None:
    """The condition on the applications users of these roles (and okrug) may see: Q() for the
    whole district, None for none."""
    if set(names) & {roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR}:
        return Q()
    if roles.scoped_by_okrug(names):
        return Q(okrug_id=okrug_id) if okrug_id else None
    if roles.SPECIAL_COMMISSION in names:
        return Q(
            status__in=[Application.Status.AT_SPECIAL_COMMISSION, Application.Status.CONCLUDED]
        ) | Q(special_conclusion__isnull=False)
    return None


def scope_families(qs: QuerySet[Family], *, user) -> QuerySet[Family]:
    names = roles.roles_of(user)
    if names & {roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR}:
        return qs
    if roles.is_okrug_scoped(user):
        return qs.filter(okrug_id=user.okrug_id) if user.okrug_id else qs.none()
    if roles.SPECIAL_COMMISSION in names:
        visible = scope_applications(Application.objects.all(), user=user)
        return qs.filter(applications__in=visible).distinct()
    return qs.none()


def scope_persons(qs: QuerySet[Person], *, user) -> QuerySet[Person]:
    names = roles.roles_of(user)
    if names & {roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR}:
        return qs
    families = scope_families(Family.objects.all(), user=user)
    return qs.filter(memberships__family__in=families).distinct()


def application_get_for(*, user, pk: int, related: tuple[str, ...] = ()) -> Application:
    """The application if the user may see it (404 otherwise), with what every page about it
    shows: applicant, family, okrug and category in the same query, and the `related` records
    a page asks for beside them. The query is built once per process for each kind of scope
    and `related` (compiled.Statement): building its join of up to eight tables cost the
    application page two milliseconds (issue 9)."""
    names = frozenset(roles.roles_of(user))
    if application_scope(names, user.okrug_id) is None:
        raise Http404
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    found = _application_by_pk(names, user.okrug_id is not None, tuple(related)).objects(
        pk=pk, okrug=user.okrug_id
    )
    if not found:
        raise Http404
    return found[0]


def scope_in_statement(names: frozenset[str], with_okrug: bool) -> tuple[Callable, dict]:
    """For a compiled.Statement over the applications users of these roles may see: the scope
    as a function of the statement's stand-ins, and the stand-in it takes (the okrug, for an
    akim's office or a local commission)."""
    okrug_scoped = with_okrug and roles.scoped_by_okrug(names)
    return (
        lambda v: application_scope(names, v.okrug if okrug_scoped else None),
        {"okrug": int} if okrug_scoped else {},
    )


@functools.cache
def _application_by_pk(names: frozenset[str], with_okrug: bool, related: tuple[str, ...]):
    scope, slots = scope_in_statement(names, with_okrug)
    # No DISTINCT: every scope is a condition on the application's own row or its one-to-one
    # special conclusion, so a row cannot repeat.
    return Statement(
        lambda v: Application.objects.filter(scope(v), pk=v.pk).select_related(
            "applicant", "family", "okrug", "category", *related
        ),
        pk=int,
        **slots,
    )


def family_get_for(*, user, pk: int) -> Family:
    try:
        return scope_families(Family.objects.all(), user=user).get(pk=pk)
    except (Family.DoesNotExist, ValueError):
        raise Http404 from None


def person_get_for(*, user, pk: int) -> Person:
    try:
        return scope_persons(Person.objects.all(), user=user).get(pk=pk)
    except (Person.DoesNotExist, ValueError):
        raise Http404 from None


def can_register(user) -> bool:
    return roles.has_role(user, roles.CASEWORKER, roles.AKIM_OFFICE, roles.ADMINISTRATOR)


def sees_full_iin(user) -> bool:
    """Who needs the whole IIN in lists: those who register and pay."""
    return roles.has_role(user, roles.CASEWORKER, roles.ADMINISTRATOR, roles.AKIM_OFFICE)
