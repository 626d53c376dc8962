"""Template helpers: money as 1 234 567,00 ₸, masked IINs."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

from zhanakorgan_aid.display import labels_of

register = template.Library()


def format_money(value) -> str:
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'\u00a0'.join(groups)},{cents}\u00a0₸"


@register.filter
def money(value) -> str:
    if value is None or value == "":
        return "—"
    return format_money(value)


@register.filter
def iin_for(person, full: bool) -> str:
    """The whole IIN for those who need it, masked (8503******05) for the others."""
    if person is None:
        return ""
    return person.iin if full else person.masked_iin


@register.filter
def label(obj, field_name: str) -> str:
    """{{ member|label:"relation" }}: what get_relation_display() gives, the choice's label in
    the user's language, from labels translated once per language (display.labels_of);
    Django's get_FOO_display() translates every choice of the field on every call, which an
    application page with its members, incomes and documents paid some thirty times."""
    field = obj._meta.get_field(field_name)
    value = getattr(obj, field.attname)
    return labels_of(field).get(value, value)
