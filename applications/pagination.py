"""Pagination that stays fast on deep pages of a region-size list (issue 9).

Django's Paginator counts with the list's joins and fetches a page with OFFSET over the full
join. Here the count runs on the filtered base table only, and a page is found in two steps:
the ids of its rows by ORDER BY … OFFSET … LIMIT on an index, then those rows with their joins
(a "deferred join"), so page 5 000 costs little more than page 1.

Counting a region's whole list (half a million rows) costs more than the page itself. A count
of LARGE_COUNT rows or more is kept in the shared cache for COUNT_SECONDS, keyed by the count's
SQL (which holds the user's okrug scope and filters), so paging through a long list counts it
once a minute; a short list, like most searches, is counted exactly on every request."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

LARGE_COUNT = 10_000
COUNT_SECONDS = 60


class DeferredJoinPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        """Rows of the filtered list, counted without the select_related joins or ordering."""
        query = self.object_list.values("pk").order_by()
        sql, params = query.query.sql_with_params()
        key = "list-count:" + hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return cached
        count = query.count()
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
        return self._get_page([row for row in self._rows(ids) if row is not None], number, self)

    def _rows(self, ids: list) -> list:
        """The page's rows by primary key, with the list's joins but not its conditions: the
        ids were chosen under them (scope, filters, search), and planning a search's
        conditions again for 25 known keys cost PostgreSQL more than reading the rows."""
        model = self.object_list.model
        rows = model._default_manager.filter(pk__in=ids)
        rows.query.select_related = self.object_list.query.select_related
        found = rows.in_bulk()
        return [found.get(pk) for pk in ids]
