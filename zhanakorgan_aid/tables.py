"""What every list's table shares (django-tables2): the markup (templates/tables/), the `sort`
parameter of its column links, and a page of rows the list's own query has already ordered.

A list declares its table once, a column a line; the view filters the list (django-filter),
orders and cuts it into pages (its selector and paginator), and hands the table one page:

    table = ApplicationTable(page, request=request, sort=filters.sort)
    {% render_table table %}
"""

import datetime

from django.core.paginator import Page
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _
from django_tables2 import Table as BaseTable
from django_tables2.data import TableListData

# the page's own parameters: a link to another order or page does not carry them
PAGE_PARAMETERS = ("page", "after", "before")


def day(value: datetime.date | datetime.datetime) -> str:
    """A cell's date, or a moment as the day it is in the office's time zone: 20.03.2024."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, "d.m.Y")


class PageRows(TableListData):
    """A page's rows in the order the list's query gave them (with its tie-breaker): the table
    shows which column they are sorted by, but does not sort them again in Python."""

    def order_by(self, aliases) -> None:
        return None


class Table(BaseTable):
    """A list's table: its columns' links sort by the `sort` parameter ("number", "-number", …),
    every other parameter of the address kept; its page's links (tables/pagination.html) keep
    the sort and the filters. A table's own Meta derives from Table.Meta (django-tables2 does
    not inherit it otherwise)."""

    # columns whose first click sorts them the other way (the newest dates first, say)
    descending_first: frozenset[str] = frozenset()

    class Meta:
        template_name = "tables/table.html"
        order_by_field = "sort"
        empty_text = _("Ничего не найдено.")
        attrs: dict = {}

    def __init__(self, rows, *, request, sort: str = "", **kwargs) -> None:
        """`rows`: a page of the list (a Paginator's Page, shown with its links) or all of it;
        `sort`: the order the rows come in, as the `sort` parameter names it."""
        super().__init__(PageRows(list(rows)), order_by=sort or (), **kwargs)
        self.page_obj = rows if isinstance(rows, Page) else None
        params = request.GET.copy()
        for name in PAGE_PARAMETERS:
            params.pop(name, None)
        self.page_query = params.urlencode()  # for another page: the same filters and order
        params.pop(self.order_by_field, None)
        self.sort_query = params.urlencode()  # for another order: the same filters
        for column in self.columns:
            # a column's class, `attrs={"cell": {"class": "num"}}` ("th" or "td" for one side),
            # read once here rather than for every cell as django-tables2's `attrs` would
            attrs = column.column.attrs
            column.th_class = attrs.get("th", attrs.get("cell", {})).get("class", "")
            column.td_class = attrs.get("td", attrs.get("cell", {})).get("class", "")

    @property
    def headers(self) -> list[tuple]:
        """(column, the `sort` its link asks for, or None when it is not sortable): the next
        click on the column the rows are sorted by turns the order round."""
        headers = []
        for column in self.columns:
            if not column.orderable:
                headers.append((column, None))
            elif not column.is_ordered and column.name in self.descending_first:
                headers.append((column, f"-{column.name}"))
            else:
                headers.append((column, column.order_by_alias.next))
        return headers
