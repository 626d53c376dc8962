"""Pagination that stays fast on deep pages of a region-size list (issue 9).

Django's Paginator counts with the list's joins and fetches a page with OFFSET over the full
join. Here the count runs on the filtered base table only, and a page is found in two steps:
the ids of its rows by ORDER BY … OFFSET … LIMIT on an index, then those rows with their joins
(a "deferred join"), so page 5 000 costs little more than page 1.

A page reached by the list's own "next" or "previous" link is found without OFFSET at all: the
link names the row it continues from (`after` or `before`, a primary key), and the ids come from
the index range next to that row ("keyset" paging), so the 10 000th page costs what the first
does. An address typed with a page number alone still works, by OFFSET.

Counting a region's whole list (half a million rows) costs more than the page itself. A count
of LARGE_COUNT rows or more is kept in the shared cache for COUNT_SECONDS, keyed by the count's
SQL (which holds the user's okrug scope and filters), so paging through a long list counts it
once a minute; a short list, like most searches, is counted exactly on every request."""

import hashlib

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import Q, Subquery
from django.utils.functional import cached_property

LARGE_COUNT = 10_000
COUNT_SECONDS = 60


class DeferredJoinPaginator(Paginator):
    def __init__(self, object_list, per_page, *, read_rows=None, **kwargs):
        """`read_rows(ids)`, when given, reads the page's rows in the order of their ids (a
        page of plain values, say); otherwise they are the list's own model objects."""
        super().__init__(object_list, per_page, **kwargs)
        self.read_rows = read_rows

    @cached_property
    def count(self) -> int:
        """Rows of the filtered list, counted without the select_related joins or ordering."""
        query = self.object_list.values("pk").order_by()
        sql, params = query.query.sql_with_params()
        key = "list-count:" + hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return cached
        # the statement just compiled for the key, counted as is (not built a second time)
        with connections[query.db].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)
            count = cursor.fetchone()[0]
        if count >= LARGE_COUNT:
            cache.set(key, count, COUNT_SECONDS)
        return count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(self._rows(ids), number, self)

    def get_page(self, number, *, after=None, before=None):
        """Like Paginator.get_page (a number that is not one gives the first page, one past the
        end the last), for a page reached by number or by a "next"/"previous" link."""
        try:
            return self.page_from(number, after=after, before=before)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)

    def page_from(self, number, *, after=None, before=None):
        """Page `number` as reached by a "next" link (the rows after the row `after`) or a
        "previous" link (the rows before the row `before`); by OFFSET when the link names no
        row, when the list's order has no keyset, or when the named row is gone."""
        number = self.validate_number(number)
        anchor = str(after or before or "")
        keyset = self._keyset()
        # a key is a positive bigint; anything else in the address is ignored
        if keyset is None or not (anchor.isascii() and anchor.isdigit() and len(anchor) < 19):
            return self.page(number)
        field, descending = keyset
        forward = bool(after)
        # the rows after the anchor have smaller keys in a descending list, larger in an
        # ascending one; the rows before it the other way round
        smaller = descending == forward
        here = self.object_list.model._default_manager.filter(pk=int(anchor))
        value = Subquery(here.values(field)[:1])
        op, bound = ("lt", "lte") if smaller else ("gt", "gte")
        ids_qs = self.object_list.filter(
            Q(**{f"{field}__{bound}": value}),
            Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"pk__{op}": int(anchor)}),
        )
        if not forward:
            ids_qs = ids_qs.reverse()
        ids = list(ids_qs.values_list("pk", flat=True)[: self.per_page])
        if not ids:
            return self.page(number)
        if not forward:
            ids.reverse()
        return self._get_page(self._rows(ids), number, self)

    def _keyset(self) -> tuple[str, bool] | None:
        """(field, descending) when the list is ordered by one non-null column of its own table
        and then by primary key the same way, as the application list is; otherwise None."""
        order = self.object_list.query.order_by
        if len(order) != 2 or not all(isinstance(o, str) for o in order):
            return None
        first, tie = order
        descending = first.startswith("-")
        field = first.lstrip("-")
        if tie.lstrip("-") not in ("pk", "id") or tie.startswith("-") != descending:
            return None
        try:
            model_field = self.object_list.model._meta.get_field(field)
        except FieldDoesNotExist:
            return None
        if model_field.null or model_field.is_relation:
            return None
        return field, descending

    def _rows(self, ids: list) -> list:
        """The page's rows in the order of `ids` (one deleted meanwhile is left out), read by
        primary key with the list's joins but not its conditions: the ids were chosen under
        them (scope, filters, search), and planning a search's conditions again for 25 known
        keys cost PostgreSQL more than reading the rows."""
        if self.read_rows is not None:
            return self.read_rows(ids)
        model = self.object_list.model
        rows = model._default_manager.filter(pk__in=ids)
        rows.query.select_related = self.object_list.query.select_related
        found = rows.in_bulk()
        return [found[pk] for pk in ids if pk in found]
