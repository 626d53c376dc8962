"""Template helpers: money as 1 234 567,00 ₸, masked IINs, links, the page header."""

import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from zhanakorgan_aid import links

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


# Stand-ins for the header's per-request values while it is rendered once (private-use
# characters: no escaping changes them, and no value holds them).
_HEADER_VALUES = ("csrf", "next_path", "q", "user_name")
_STAND_INS = {name: f"\ue000{n}\ue001" for n, name in enumerate(_HEADER_VALUES)}
_STAND_IN = re.compile("\ue000([0-9])\ue001")


@register.simple_tag(takes_context=True)
def page_header(context) -> str:
    """The header of every page (menu, search, language, log-out). It depends on the language,
    the user's roles and little else, yet rendering its thirty translated labels and twenty
    links cost a millisecond and a half of every page (issue 9). It is rendered once per
    process for each language and kind of user, with stand-ins for the values of the request
    (the CSRF token, the address to come back to, the search typed, the user's name), which
    are put in escaped on each request."""
    request = context.get("request")  # none on the 400 and 500 pages (zhanakorgan_aid.errors)
    user = context.get("user") or getattr(request, "user", None)
    authenticated = bool(user is not None and user.is_authenticated)
    pieces = _header_pieces(
        get_language(),
        get_script_prefix(),
        frozenset(context.get("user_roles") or ()),
        authenticated and user.is_staff,
        authenticated,
    )
    values = (
        (get_token(request), request.get_full_path(), request.GET.get("q", ""))
        if request is not None
        else ("", "", "")
    ) + (str(user) if authenticated else "",)
    out = [pieces[0]]
    for i in range(1, len(pieces), 2):
        out.append(escape(values[pieces[i]]))
        out.append(pieces[i + 1])
    return mark_safe("".join(out))


@functools.lru_cache(maxsize=256)
def _header_pieces(language, script_prefix, user_roles, staff, authenticated) -> tuple:
    """The header's text split around the stand-ins: text, value number, text, …"""
    with override(language):
        html = render_to_string(
            "includes/header.html",
            {
                "user_roles": user_roles,
                "staff": staff,
                "authenticated": authenticated,
                **_STAND_INS,
            },
        )
    parts = _STAND_IN.split(html)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))
