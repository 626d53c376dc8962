"""Template helpers: money as 1 234 567,00 ₸, masked IINs, links, the page header."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.middleware.csrf import get_token

from .. import links
from ..fragments import Fragment

register = template.Library()


@register.simple_tag
def link(name: str, *args) -> str:
    """{% url name arg … %} for the pages with many links: the pattern reversed once per
    process (zhanakorgan_aid.links)."""
    return links.url(name, *args)


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


HEADER = Fragment("includes/header.html", "csrf", "next_path", "q", "user_name")


@register.simple_tag(takes_context=True)
def page_header(context) -> str:
    """The header of every page (menu, search, language, log-out), for base.html."""
    request = context.get("request")  # none on the 400 and 500 pages (zhanakorgan_aid.errors)
    user = context.get("user") or getattr(request, "user", None)
    return header_html(request, user, context.get("user_roles") or ())


def header_html(request, user, user_roles) -> str:
    """The page header. It depends on the language, the user's roles and little else, yet
    rendering its thirty translated labels and twenty links cost a millisecond and a half of
    every page (issue 9). It is rendered once per process for each language and kind of user
    (zhanakorgan_aid.fragments), and the values of the request (the CSRF token, the address to
    come back to, the search typed, the user's name) are put in escaped on each request."""
    authenticated = bool(user is not None and user.is_authenticated)
    return HEADER.render(
        {
            "csrf": get_token(request) if request is not None else "",
            "next_path": request.get_full_path() if request is not None else "",
            "q": request.GET.get("q", "") if request is not None else "",
            "user_name": str(user) if authenticated else "",
        },
        user_roles=frozenset(user_roles),
        staff=authenticated and user.is_staff,
        authenticated=authenticated,
    )
