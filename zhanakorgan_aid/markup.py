"""HTML built in Python for the parts of a page that repeat: table rows, the options of a select,
and the dates they print.

Django's template engine spends about 10 µs on each variable it prints, and its form widgets
render each option through a template; a list of 25 rows of eight cells, or a select of two
dozen okrugs, paid more for that than for the rest of the page (issue 9)."""

import datetime
import html
from collections.abc import Iterable

from django.utils import timezone
from django.utils.safestring import SafeData, SafeString, mark_safe


def rows_html(row_format: str, rows: Iterable[tuple]) -> SafeString:
    """format_html_join("", row_format, rows): each value escaped unless it is already safe,
    by the standard library's html.escape as Django's own escape does, at a third of its cost."""
    return mark_safe(
        "".join(
            row_format.format(
                *(v if isinstance(v, SafeData) else html.escape(str(v)) for v in values)
            )
            for values in rows
        )
    )


def dmy(value: datetime.date | datetime.datetime | None) -> str:
    """`value|date:"d.m.Y"`: a moment as the day it is in the office's time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day:02}.{value.month:02}.{value.year}"


def dmy_hm(value: datetime.datetime) -> str:
    """`value|date:"d.m.Y H:i"` in the office's time zone."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{dmy(local)} {local.hour:02}:{local.minute:02}"
