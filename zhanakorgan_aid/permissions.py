"""Django model permissions of the role groups (DESIGN.md, "Who works in it").

The pages decide by role and okrug (applications/access.py); these permissions govern the admin
and any `has_perm` check, and say in one table what each role may do with each kind of record.
They are granted after every migrate, so a model added later gets its permissions at once."""

from django.apps import AppConfig
from django.contrib.auth.models import Group, Permission

from . import roles

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
READ = frozenset({VIEW})
WRITE = frozenset({VIEW, ADD, CHANGE})
ALL = frozenset({VIEW, ADD, CHANGE, DELETE})

DOMAIN_APPS = ("reference", "applications", "commissions", "benefits", "zhanakorgan_aid")

# Reference data and district-level lists: kept by the administrator, read by everyone else.
ADMINISTERED = {
    "reference": {
        "okrug",
        "bank",
        "calendaroverride",
        "mrp",
        "subsistenceminimum",
        "category",
        "categoryrule",
        "educationcap",
    },
    "commissions": {"commission", "commissionmember"},
    "benefits": {
        "budget",
        "budgetoverride",
        "memoriallist",
        "memoriallistrow",
        "paymentlist",
        "paymentlistitem",
    },
    "zhanakorgan_aid": {"user", "personaldataaccess"},
}
# What each okrug-level role writes itself (p16–p19).
INTAKE = {
    "person",
    "family",
    "familymember",
    "income",
    "application",
    "applicationdocument",
    "applicationtransition",
}
LOCAL_SURVEY = {"surveyact", "surveyactmember", "localconclusion", "issueddocument"}
SPECIAL_CONCLUSION = {"specialconclusion", "issueddocument"}
# Records of what happened: nobody edits them, not even the administrator.
RECORDS_ONLY = {"personaldataaccess"}
ADMIN_EXTRAS = {
    ("auth", "group"): ALL,
    ("axes", "accessattempt"): ALL,
    ("axes", "accesslog"): READ,
    ("axes", "accessfailurelog"): ALL,
}


def _is_history(model: str) -> bool:
    return model.startswith("historical")


def actions_for(role: str, app_label: str, model: str) -> frozenset[str]:
    """The actions `role` may take on `app_label.model` (model in lower case)."""
    if app_label not in DOMAIN_APPS:
        if role == roles.ADMINISTRATOR:
            return ADMIN_EXTRAS.get((app_label, model), frozenset())
        if role == roles.AUDITOR and app_label == "axes":
            return READ
        return frozenset()
    if role == roles.ADMINISTRATOR:
        return READ if _is_history(model) or model in RECORDS_ONLY else ALL
    if role == roles.AUDITOR:
        return READ
    if _is_history(model) or model in ADMINISTERED.get(app_label, ()):
        return READ if app_label != "zhanakorgan_aid" else frozenset()
    return _worker_actions(role, app_label, model)


def _worker_actions(role: str, app_label: str, model: str) -> frozenset[str]:
    if role == roles.CASEWORKER:
        return READ if app_label in ("commissions", "zhanakorgan_aid") else WRITE
    if role == roles.AKIM_OFFICE:
        return WRITE if model in INTAKE else READ
    if role == roles.LOCAL_COMMISSION:
        return WRITE if model in LOCAL_SURVEY else READ
    if role == roles.SPECIAL_COMMISSION:
        return WRITE if model in SPECIAL_CONCLUSION else READ
    return frozenset()


def role_groups_sync(*, app_label: str | None = None) -> None:
    """Create the role groups and grant them the permissions of `app_label`'s models (of every
    app when None). Only adds: permissions an administrator granted by hand stay."""
    perms = Permission.objects.select_related("content_type")
    if app_label:
        perms = perms.filter(content_type__app_label=app_label)
    perms = list(perms)
    for role in roles.ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        granted = [
            p
            for p in perms
            if p.codename.split("_", 1)[0]
            in actions_for(role, p.content_type.app_label, p.content_type.model)
        ]
        group.permissions.add(*granted)


def on_post_migrate(sender: AppConfig, using: str = "default", **kwargs) -> None:
    """Runs after auth has created the permissions of `sender`'s models."""
    role_groups_sync(app_label=sender.label)
