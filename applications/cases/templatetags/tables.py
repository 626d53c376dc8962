"""Rows of the application page's tables (a family's members, an application's moves) built in
Python for its fragments (applications/workflow/pages.py); this module goes with them."""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from zhanakorgan_aid.display import labels_of
from zhanakorgan_aid.markup import dmy, dmy_hm, rows_html
from zhanakorgan_aid.templatetags.aid import format_money

from ..models import Application, masked_iin

register = template.Library()


TRANSITION_ROW = "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"


@register.simple_tag
def transition_rows(transitions) -> SafeString:
    """The application's moves: when, who, from which status to which, and why."""
    labels = labels_of(Application._meta.get_field("status"))
    return rows_html(
        TRANSITION_ROW,
        (
            (
                dmy_hm(move.at),
                move.actor,
                labels.get(move.from_status, move.from_status) if move.from_status else "—",
                labels.get(move.to_status, move.to_status),
                move.comment,
            )
            for move in transitions
        ),
    )


MEMBER_ROW = "<tr>\n<td>{}</td><td>{}</td><td>{}</td><td>{}</td>\n<td>{}</td>\n<td>{}</td>\n</tr>"
INCOME_LINE = "{}/{} {} {}: {}<br>"


@register.simple_tag
def member_rows(members, full_iin: bool) -> SafeString:
    """The family's members with their `income_list` (selectors.members_with_incomes): name,
    IIN, birth date, relation, occupation or why unemployed, and every quarter's income."""
    quarter = _("кв.")
    return rows_html(
        MEMBER_ROW,
        (
            (
                member.person.full_name,
                member.person.iin if full_iin else masked_iin(member.person.iin),
                dmy(member.person.birth_date),
                member.get_relation_display(),
                member.occupation or member.unemployment_reason or "—",
                rows_html(
                    INCOME_LINE,
                    (
                        (i.year, i.quarter, quarter, i.get_kind_display(), format_money(i.amount))
                        for i in member.income_list
                    ),
                )
                or "—",
            )
            for member in members
        ),
    )
