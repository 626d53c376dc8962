"""One gate per protected entity: scope by role and okrug; "missing" and "forbidden" look alike
(404), so a URL never tells whether another okrug's object exists."""

from collections.abc import Collection

from django.db.models import Q, QuerySet
from django.http import Http404

from zhanakorgan_aid import roles

from .models import Application, Family, FamilyMember, Person

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
    """Citizens a user may see: the members of the families the user sees; for an akim's
    office also the citizens its okrug's office registered who belong to no family yet, so that
    the citizen it has just registered leads on to the family (issue 20). A citizen in a family
    of another okrug stays hidden whoever registered them."""
    names = roles.roles_of(user)
    if names & {roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR}:
        return qs
    families = scope_families(Family.objects.all(), user=user)
    visible = Q(pk__in=FamilyMember.objects.filter(family__in=families).values("person_id"))
    if roles.AKIM_OFFICE in names and roles.scoped_by_okrug(names) and user.okrug_id:
        visible |= Q(created_by__okrug_id=user.okrug_id) & ~Q(
            pk__in=FamilyMember.objects.values("person_id")
        )
    return qs.filter(visible)


def application_get_for(*, user, pk, related: tuple[str, ...] = ()) -> Application:
    """The application if the user may see it, with its applicant, family, okrug and category
    (every page about it shows them) and the `related` records a page asks for, in one query.
    Missing and forbidden both answer 404, so a URL never tells whether another okrug's case
    exists. No DISTINCT is needed: every scope is a condition on the application's own row or
    its one-to-one special conclusion, so a row cannot repeat."""
    applications = scope_applications(Application.objects.all(), user=user).select_related(
        "applicant", "family", "okrug", "category", *related
    )
    try:
        return applications.get(pk=pk)
    except (Application.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


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


def can_correct_iin(user) -> bool:
    """Only a caseworker of the authorized body corrects a citizen's IIN (issue 20)."""
    return roles.has_role(user, roles.CASEWORKER)


def sees_full_iin(user) -> bool:
    """Who needs the whole IIN in lists: those who register and pay."""
    return roles.has_role(user, roles.CASEWORKER, roles.ADMINISTRATOR, roles.AKIM_OFFICE)
