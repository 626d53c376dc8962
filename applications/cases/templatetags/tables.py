"""Rows of the tables that repeat (the application list, the work queues and the start page's
latest cases, the dashboard, a family's members, an application's moves) built in Python
(zhanakorgan_aid.markup says why). The markup is the one the templates had, each value escaped
as the template escaped it; the tables' heads and the empty-table rows stay in the templates."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zhanakorgan_aid import links
from zhanakorgan_aid.display import labels_of
from zhanakorgan_aid.markup import dmy, dmy_hm, rows_html
from zhanakorgan_aid.templatetags.aid import format_money

from ..models import Application, masked_iin

register = template.Library()


LIST_ROW = (
    '<tr>\n<td><a href="{}">{}</a></td>\n<td>{}</td>\n<td>{}</td><td>{}</td>\n'
    "<td>{}</td><td>п. {}</td>\n<td>{}</td><td>{}</td>\n</tr>"
)


@register.simple_tag
def application_rows(rows, full_iin: bool) -> SafeString:
    """The application list's rows (selectors.ApplicationRow): number, registration, applicant,
    IIN (masked unless the user may see it whole), okrug, category, status, term."""
    return rows_html(
        LIST_ROW,
        (
            (
                row.get_absolute_url(),
                row.number,
                dmy(row.registered_at),
                row.applicant,
                row.iin if full_iin else masked_iin(row.iin),
                row.okrug,
                row.paragraph,
                row.get_status_display(),
                dmy(row.due_date) or "—",
            )
            for row in rows
        ),
    )


QUEUE_ROW = '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\n<td>{}</td></tr>\n'


@register.simple_tag
def queue_rows(rows, kind: str) -> SafeString:
    """A work queue's rows (queues.QueueRow): the case, its step and term, and the working days
    left, or by how many it is late."""
    return rows_html(
        QUEUE_ROW,
        (
            (
                row.application.get_absolute_url(),
                row.application.number,
                row.application.applicant,
                row.application.okrug,
                row.application.get_status_display(),
                dmy(row.due) or "—",
                _days(row, kind),
            )
            for row in rows
        ),
    )


RECENT_ROW = '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>\n'


@register.simple_tag
def recent_rows(rows) -> SafeString:
    """The start page's latest applications: number, applicant, okrug, status."""
    return rows_html(
        RECENT_ROW,
        (
            (row.get_absolute_url(), row.number, row.applicant, row.okrug, row.get_status_display())
            for row in rows
        ),
    )


RECEIPT_ROW = '<tr><td><a href="{}">{}</a></td><td>{}</td><td class="late">{}</td></tr>'


def receipt_rows(receipts) -> SafeString:
    """The start page's education receipts not brought in time (p. 11): the student, the
    academic year, the receipt's term."""
    return rows_html(
        RECEIPT_ROW,
        (
            (
                links.url("benefits:education_detail", y.case_id),
                y.student,
                y.academic_year or "",
                dmy(y.receipt_due),
            )
            for y in receipts
        ),
    )


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


LATE = mark_safe(' class="late"')


@register.simple_tag
def dashboard_rows(rows) -> SafeString:
    """The dashboard's okrugs (queues.DashboardRow): applications in each step, in all, and how
    many are late."""
    return rows_html(
        "<tr><td>{}</td>{}<td>{}</td><td{}>{}</td></tr>\n",
        (
            (
                row.okrug,
                mark_safe("".join(f"<td>{int(n)}</td>" for n in row.by_status)),
                row.total,
                LATE if row.overdue else "",
                row.overdue,
            )
            for row in rows
        ),
    )


def _days(row, kind: str) -> str:
    if kind == "overdue":
        return format_html(
            '<span class="late">{}</span>', _("просрочено на %(n)s") % {"n": row.days_late}
        )
    if kind == "today":
        return _("сегодня")
    if row.due:
        return _("осталось %(n)s") % {"n": row.working_days}
    return ""
