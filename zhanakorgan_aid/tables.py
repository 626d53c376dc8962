"""Lists as tables declared once: a Table class names its columns, a column a line (its header,
where its value comes from, how it reads, whether it sorts), and one template draws every
table (templates/tables/table.html) with the list's pages under it.

    class AwardTable(Table):
        number = Column(_("№"), accessor="pk", linkify=True)
        decided_on = Column(_("Дата решения"), orderable=False)

        def render_decided_on(self, value):
            return day(value)

    table = AwardTable(page, request=request, sort=filters.chosen_sort)
    {% include "tables/table.html" %}

The declarations follow django-tables2's (Column(verbose_name, accessor=…, orderable=…,
default=…, linkify=…, attrs=…, empty_values=…), TemplateColumn, `render_<column>(self, value,
record)` taking either or both, a column class's own `render`), but the cells are made here in
one pass: django-tables2 spent 50 µs on each cell (accessor resolution, a signature inspection
per call, translated labels), 10 ms for a page of 25 applications of 8 columns, where this takes
2 ms — most of the application list's budget of 12 ms at region size (docs/architecture.md). A
table does not sort or cut its rows: the view's selector orders them (the `sort` parameter
names the order) and its paginator cuts a page.
"""

import copy
import datetime
import html
import inspect
import itertools
from collections.abc import Callable, Iterable
from decimal import Decimal
from operator import attrgetter

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page
from django.db import models
from django.forms.utils import flatatt
from django.utils import dateformat, timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeData
from django.utils.translation import gettext_lazy as _

from .display import labels_of

# the page's own parameters: a link to another order or page does not carry them
PAGE_PARAMETERS = ("page", "after", "before")
_counter = itertools.count()


def day(value: datetime.date | datetime.datetime) -> str:
    """A cell's date, or a moment as the day it is in the office's time zone: 20.03.2024."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, "d.m.Y")


class Column:
    """A column: its header; the record's attribute it shows (`accessor`, "applicant__iin" or
    "applicant.iin"; the column's own name by default); whether its header sorts the list
    (the table's `orderable` unless said); what an empty value shows (the table's `default`
    unless said); whether the cell links to the record (`linkify=True`: its
    get_absolute_url(); a callable: the URL it gives for the record); its class on the header
    and the cells (`attrs={"cell": {"class": "num"}}`, "th" or "td" for one side). A model
    field with choices shows its label in the user's language (display.labels_of: translated
    once per language, where get_FOO_display() translates every choice on every call)."""

    template_name = ""

    def __init__(
        self,
        verbose_name: str = "",
        *,
        accessor: str | None = None,
        orderable: bool | None = None,
        default: str | None = None,
        linkify: bool | Callable = False,
        attrs: dict | None = None,
        empty_values: tuple = (None, ""),
    ) -> None:
        self.verbose_name = verbose_name
        self.accessor = accessor
        self.orderable = orderable
        self.default = default
        self.linkify = linkify
        self.empty_values = empty_values
        attrs = attrs or {}
        self.th_class = attrs.get("th", attrs.get("cell", {})).get("class", "")
        self.td_class = attrs.get("td", attrs.get("cell", {})).get("class", "")
        self.order = next(_counter)

    def render(self, value):
        """How a value reads in a cell (a column class of its own may say otherwise)."""
        return value

    def bind(self, name: str, table) -> None:
        """Named after its attribute in `table`, whose defaults it takes."""
        self.name = name
        if self.orderable is None:
            self.orderable = table.orderable
        if self.default is None:
            self.default = table.default
        self.key = self.accessor or name  # a row read as plain values: its key
        path = self.key.replace("__", ".")
        self.parent, _dot, self.attribute = path.rpartition(".")
        self.get_parent = attrgetter(self.parent) if self.parent else None
        self.choice_fields: dict = {}

    def value(self, record):
        """The record's value (a row of plain values: the value under the accessor), a choice
        shown by its label."""
        if isinstance(record, dict):
            return record.get(self.key)
        owner = self.get_parent(record) if self.get_parent else record
        if owner is None:
            return None
        value = getattr(owner, self.attribute)
        if isinstance(owner, models.Model):
            field = self.choice_field(type(owner))
            if field is not None:
                return labels_of(field).get(value, value)
        return value

    def choice_field(self, model) -> models.Field | None:
        """The model field with choices the column shows, if it is one (looked up once)."""
        if model not in self.choice_fields:
            try:
                field = model._meta.get_field(self.attribute)
            except FieldDoesNotExist:
                field = None
            self.choice_fields[model] = field if getattr(field, "choices", None) else None
        return self.choice_fields[model]

    def url(self, record) -> str:
        return self.linkify(record) if callable(self.linkify) else record.get_absolute_url()


class TemplateColumn(Column):
    """A cell drawn by a template (a row's form, say), with `record` and `table` in its context:
    included in the table's own rendering, so the context processors do not run again."""

    def __init__(self, template_name: str, verbose_name: str = "", **kwargs) -> None:
        kwargs.setdefault("orderable", False)
        super().__init__(verbose_name, **kwargs)
        self.template_name = template_name


class TableMeta(type):
    """Collects the columns in the order they are declared (each table class its own copies,
    bound to its defaults), and each column's renderer: the table's render_<column> method,
    told the arguments it takes once per class rather than on every cell."""

    def __new__(mcs, name, bases, attrs):
        cls = super().__new__(mcs, name, bases, attrs)
        declared = {}
        for base in reversed(cls.__mro__):
            found = [(k, v) for k, v in vars(base).items() if isinstance(v, Column)]
            declared.update(sorted(found, key=lambda item: item[1].order))
        cls.base_columns = []
        for column_name, column in declared.items():
            column = copy.copy(column)
            column.bind(column_name, cls)
            cls.base_columns.append(column)
        cls.renderers = {c.name: renderer(cls, c) for c in cls.base_columns}
        return cls


def renderer(table, column: Column) -> Callable:
    """(table, value, record) → what the cell shows: the table's render_<column>, given the
    value, the record or both as it asks, else the column's own render."""
    method = getattr(table, f"render_{column.name}", None)
    if method is None:
        return lambda self, value, record: column.render(value)
    wants = inspect.signature(method).parameters
    if "value" in wants and "record" in wants:
        return lambda self, value, record: method(self, value=value, record=record)
    if "record" in wants:
        return lambda self, value, record: method(self, record=record)
    return lambda self, value, record: method(self, value)


class Table(metaclass=TableMeta):
    """A list's table over a page of rows (a Paginator's Page, whose links it shows) or all of
    them. `sort`: the order the rows come in, as the `sort` parameter names it ("number",
    "-number", …); its columns' links ask for another order, keeping every other parameter."""

    template_name = "tables/table.html"
    empty_text = _("Ничего не найдено.")  # None: an empty table shows no row
    orderable = True
    default = ""
    attrs: dict = {}
    # columns whose first click sorts them the other way (the newest dates first, say)
    descending_first: frozenset[str] = frozenset()

    def __init__(self, rows: Iterable, *, request, sort: str = "") -> None:
        self.page_obj = rows if isinstance(rows, Page) else None
        self.records = list(rows)
        self.sort = sort
        self.attrs_html = flatatt(self.attrs)
        params = request.GET.copy()
        for name in PAGE_PARAMETERS:
            params.pop(name, None)
        self.page_query = params.urlencode()  # for another page: the same filters and order
        params.pop("sort", None)
        self.sort_query = params.urlencode()  # for another order: the same filters

    @property
    def headers(self) -> list[tuple[Column, str | None]]:
        """(column, the `sort` its link asks for, or None when it does not sort): the next
        click on the column the rows are sorted by turns the order round."""
        return [(column, self.sort_for(column)) for column in self.base_columns]

    def sort_for(self, column: Column) -> str | None:
        if not column.orderable:
            return None
        if self.sort == column.name:
            return f"-{column.name}"
        if self.sort == f"-{column.name}" or column.name not in self.descending_first:
            return column.name
        return f"-{column.name}"

    @property
    def rows(self) -> list[tuple]:
        """(record, its cells, the row's class): each cell its class, what it shows (escaped by
        the template unless a render method marked it safe) and the template that draws it, if
        any."""
        columns = self.base_columns
        return [
            (record, [self.cell(c, record) for c in columns], self.row_class(record))
            for record in self.records
        ]

    def row_class(self, record) -> str:
        """The class of a record's row (an overdue one, say); none unless a table says."""
        return ""

    def export_rows(self) -> list[list]:
        """The rows as a spreadsheet takes them (spreadsheets.py): each cell what the page
        shows as plain text, a number (Decimal, int) the table does not reword kept a number;
        no links, no templates."""
        columns = [c for c in self.base_columns if not c.template_name]
        return [[self.export_cell(c, record) for c in columns] for record in self.records]

    def export_headers(self) -> list[str]:
        return [str(c.verbose_name) for c in self.base_columns if not c.template_name]

    def export_cell(self, column: Column, record):
        value = column.value(record)
        if value in column.empty_values:
            return str(column.default or "")
        # a figure the table does not reword (an amount, a count) stays a number for Excel
        plain = not hasattr(self, f"render_{column.name}")
        if plain and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return value
        shown = self.renderers[column.name](self, value, record)
        # markup a render method made (a mark, a link) read as its text
        return html.unescape(strip_tags(shown)) if isinstance(shown, SafeData) else str(shown)

    def cell(self, column: Column, record) -> tuple:
        if column.template_name:
            return column.td_class, None, column.template_name
        value = column.value(record)
        if value in column.empty_values:
            return column.td_class, column.default, ""
        value = self.renderers[column.name](self, value, record)
        if column.linkify:
            value = format_html('<a href="{}">{}</a>', column.url(record), value)
        return column.td_class, value, ""
