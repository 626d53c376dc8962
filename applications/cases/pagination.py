"""Pages of a long list (the application list: half a million rows in a region).

Django's Paginator counts the list with its joins and cuts a page by OFFSET over every joined
row before it: a page typed 2 000 deep took 250 ms. ListPaginator keeps what buys the most:

- the page's ids first, over the filtered list alone (its index), then the page's rows by
  primary key with their joins (`rows`: a queryset with its select_related);
- a count of LARGE_COUNT rows or more is kept in the cache for COUNT_SECONDS, keyed by the
  list's query (which holds the user's scope and filters): paging through a long list counts
  it once a minute, a short one (most searches) exactly on every request;
- a page reached by its "next" or "previous" link continues from the row the link names
  (`after` / `before`, a primary key): the rows after (before) it in the list's order, found
  by comparing (sort key, id) with that row's as a whole — an index range on PostgreSQL and
  SQLite however deep the page (tests/scale/test_explain.py);
- a page typed by its number is cut by OFFSET over the ids (an index walk, a few ms deep in a
  region's list), as is a linked page whose row is gone, or of a list ordered by a joined
  name or a term that may be empty (no keyset).
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import F, Func, Subquery, Value
from django.db.models.lookups import GreaterThan, LessThan
from django.utils.functional import cached_property

LARGE_COUNT = 10_000
COUNT_SECONDS = 60


class Row(Func):
    """A row value, (a, b), compared with another as a whole: the order of an index on (a, b)."""

    function = ""
    output_field = models.Field()


class ListPage(Page):
    """A page, with the rows its "previous" and "next" links continue from (rows read as models
    or as plain values)."""

    @property
    def first_pk(self):
        return _pk(self.object_list[0]) if self.object_list else None

    @property
    def last_pk(self):
        return _pk(self.object_list[-1]) if self.object_list else None


def _pk(row):
    return row["pk"] if isinstance(row, dict) else row.pk


class ListPaginator(Paginator):
    """Pages of `object_list` (filtered and ordered, ending in the primary key), each read as its
    ids and then its rows by `read_rows(ids)`, in the order of the ids."""

    def __init__(self, object_list, per_page, *, read_rows, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.read_rows = read_rows

    @cached_property
    def count(self) -> int:
        """Rows of the filtered list, counted without its joins or order; kept a minute when
        there are LARGE_COUNT or more."""
        counted = self.object_list.order_by().values("pk")
        key = "list-count:" + hashlib.sha256(str(counted.query).encode()).hexdigest()
        count = cache.get(key)
        if count is None:
            count = counted.count()
            if count >= LARGE_COUNT:
                cache.set(key, count, COUNT_SECONDS)
        return count

    def page(self, number) -> ListPage:
        """Page `number`: its ids cut by OFFSET from the list's, then its rows."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(self._rows(ids), number, self)

    def get_page(self, number, *, after=None, before=None) -> ListPage:
        """Like Paginator.get_page (a number that is not one gives the first page, one past the
        end the last), for a page reached by its number or by a "next" / "previous" link."""
        try:
            return self.page_from(number, after=after, before=before)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)

    def page_from(self, number, *, after=None, before=None) -> ListPage:
        """Page `number` reached by a "next" link (the rows after the row `after`) or a
        "previous" link (the rows before the row `before`); by its number when the link names
        no row of the list, or the list's order has no keyset."""
        number = self.validate_number(number)
        anchor = str(after or before or "")
        # a primary key is a positive bigint; anything else in the address is ignored
        if self.keyset is not None and anchor.isascii() and anchor.isdigit() and len(anchor) < 19:
            ids = list(self.ids_next_to(int(anchor), forward=bool(after)))
            if ids:
                if not after:
                    ids.reverse()
                return self._get_page(self._rows(ids), number, self)
        return self.page(number)

    def ids_next_to(self, anchor: int, *, forward: bool):
        """The ids of the page after the row `anchor` in the list's order (before it, nearest
        first, when not `forward`): one comparison of (key, id) with the row's, whose key is
        read by its primary key alone (the list's own conditions, a search's say, would make
        it a subquery run for every row). A row that is gone gives none; the rows are the
        list's, wherever the row named is."""
        field, descending = self.keyset
        rows = self.object_list.model._default_manager
        key = Subquery(rows.filter(pk=anchor).values(field)[:1])
        # after the row, a descending list has smaller keys, an ascending one larger
        compare = LessThan if descending == forward else GreaterThan
        ids = self.object_list.filter(compare(Row(F(field), F("pk")), Row(key, Value(anchor))))
        if not forward:
            ids = ids.reverse()
        return ids.values_list("pk", flat=True)[: self.per_page]

    @cached_property
    def keyset(self) -> tuple[str, bool] | None:
        """(field, descending) when the list is ordered by one non-null column of its own table
        and then by primary key the same way, as the application list is; otherwise None (by a
        joined name or a term that may be empty: such pages are cut by OFFSET)."""
        order = self.object_list.query.order_by
        if len(order) != 2 or not all(isinstance(name, str) for name in order):
            return None
        first, tie = order
        descending = first.startswith("-")
        if tie.lstrip("-") not in ("pk", "id") or tie.startswith("-") != descending:
            return None
        try:
            field = self.object_list.model._meta.get_field(first.lstrip("-"))
        except FieldDoesNotExist:
            return None
        if field.null or field.is_relation:
            return None
        return field.name, descending

    def _get_page(self, *args, **kwargs) -> ListPage:
        return ListPage(*args, **kwargs)

    def _rows(self, ids: list) -> list:
        """The page's rows, read by primary key: the ids were chosen under the list's scope,
        filters and search."""
        return self.read_rows(ids)
