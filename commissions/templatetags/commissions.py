"""Labels of the family records as the commissions' pages show them."""

from django import template

from applications.cases.models import FamilyMember, Income

register = template.Library()


@register.filter
def relation_label(code: str) -> str:
    return FamilyMember.Relation(code).label if code in FamilyMember.Relation.values else code


@register.filter
def income_label(code: str) -> str:
    return Income.Kind(code).label if code in Income.Kind.values else code
