"""Roles of the office as groups (DESIGN.md, "Who works in it")."""

from collections.abc import Collection

from django.utils.translation import gettext_lazy as _

CASEWORKER = "caseworker"
AKIM_OFFICE = "akim_office"
LOCAL_COMMISSION = "local_commission"
SPECIAL_COMMISSION = "special_commission"
ADMINISTRATOR = "administrator"
AUDITOR = "auditor"

ROLE_LABELS = {
    CASEWORKER: _("Специалист уполномоченного органа"),
    AKIM_OFFICE: _("Аппарат акима округа"),
    LOCAL_COMMISSION: _("Член участковой комиссии"),
    SPECIAL_COMMISSION: _("Член специальной комиссии"),
    ADMINISTRATOR: _("Администратор"),
    AUDITOR: _("Аудитор (только чтение)"),
}
ALL_ROLES = tuple(ROLE_LABELS)
# Roles whose view of the district is limited to user.okrug.
OKRUG_SCOPED_ROLES = (AKIM_OFFICE, LOCAL_COMMISSION)


def roles_of(user) -> set[str]:
    """The role names a user holds. Read once a request: kept on the user object, which Django
    reads afresh for every request, so a role given or taken away counts from the next one."""
    if not user.is_authenticated:
        return set()
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(ADMINISTRATOR)
        user._role_names = names
    return names


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_okrug_scoped(user) -> bool:
    """True when the user sees only their okrug: an akim's office or a local commission member
    with no district-wide role beside it."""
    return scoped_by_okrug(roles_of(user))


def scoped_by_okrug(names: Collection[str]) -> bool:
    """is_okrug_scoped for a user holding these roles."""
    names = set(names)
    district_wide = names & {CASEWORKER, SPECIAL_COMMISSION, ADMINISTRATOR, AUDITOR}
    return bool(names & set(OKRUG_SCOPED_ROLES)) and not district_wide
