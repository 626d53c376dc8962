"""The documents panel of an application (commissions.panels) and labels of the family records."""

from django import template
from django.utils.safestring import SafeString

from applications.cases.models import FamilyMember, Income

from ..panels import documents_panel

register = template.Library()


@register.filter
def relation_label(code: str) -> str:
    return FamilyMember.Relation(code).label if code in FamilyMember.Relation.values else code


@register.filter
def income_label(code: str) -> str:
    return Income.Kind(code).label if code in Income.Kind.values else code


@register.simple_tag(takes_context=True)
def application_documents(context, application) -> SafeString:
    """Each document in Russian and Kazakh: the issued copy with its date and hash, or a draft.
    Usage on any page: {% load commissions %}{% application_documents application %}."""
    return documents_panel(application, context["request"].user, context.get("csrf_token"))
