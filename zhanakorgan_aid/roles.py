"""Roles of the office as groups (DESIGN.md, "Who works in it")."""

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
    """The role names a user holds (cached on the user object for the request)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(ADMINISTRATOR)
        user._role_names = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_okrug_scoped(user) -> bool:
    """True when the user sees only their okrug: an akim's office or a local commission member
    with no district-wide role beside it."""
    names = roles_of(user)
    district_wide = names & {CASEWORKER, SPECIAL_COMMISSION, ADMINISTRATOR, AUDITOR}
    return bool(names & set(OKRUG_SCOPED_ROLES)) and not district_wide
