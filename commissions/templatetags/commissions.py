"""The documents panel of an application and labels of the family records."""

from django import template

from applications.models import FamilyMember, Income
from zhanakorgan_aid import roles

from ..documents import KINDS, LANGS
from ..models import IssuedDocument
from ..selectors import related_or_none

register = template.Library()


@register.filter
def relation_label(code: str) -> str:
    return FamilyMember.Relation(code).label if code in FamilyMember.Relation.values else code


@register.filter
def income_label(code: str) -> str:
    return Income.Kind(code).label if code in Income.Kind.values else code


@register.inclusion_tag("commissions/_documents.html", takes_context=True)
def application_documents(context, application) -> dict:
    """Each document in Russian and Kazakh: the issued copy with its date and hash, or a draft.
    Usage on any page: {% load commissions %}{% application_documents application %}."""
    issued = {
        (d.kind, d.lang): d
        for d in IssuedDocument.objects.filter(application=application).defer("pdf")
    }
    rows = [
        {
            "kind": kind,
            "label": IssuedDocument.Kind(kind).label,
            "langs": [{"lang": lang, "issued": issued.get((kind, lang))} for lang in LANGS],
        }
        for kind in KINDS
    ]
    user = context["request"].user
    return {
        "application": application,
        "rows": rows,
        "can_issue_notice": related_or_none(application, "decision") is not None
        and not issued.get(("notice", "ru"))
        and roles.has_role(user, roles.CASEWORKER, roles.ADMINISTRATOR),
        "csrf_token": context.get("csrf_token"),
    }
