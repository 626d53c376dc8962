"""Pagination that stays fast on deep pages of a region-size list (issue 9).

Django's Paginator counts with the list's joins and fetches a page with OFFSET over the full
join. Here the count runs on the filtered base table only, and a page is found in two steps:
the ids of its rows by ORDER BY … OFFSET … LIMIT on an index, then those rows with their joins
(a "deferred join"), so page 5 000 costs little more than page 1.

A page reached by the list's own "next" or "previous" link is found without OFFSET at all: the
link names the row it continues from (`after` or `before`, a primary key), and the ids come from
the index range next to that row, by one row comparison with its (key, id) ("keyset" paging),
so the 10 000th page costs what the first does. An address typed with a page number alone is
found the same way once the page is deep (ANCHOR_FROM rows or more before it): the rows that end
each page of the list, up to the end of the page's block of ANCHOR_BLOCK pages, are numbered in
one pass over its index, kept in the shared cache for COUNT_SECONDS beside the count, and the
page continues from the row that ends the page before it. Numbering costs about five times an OFFSET of the same depth (page 10 000
of a region's list: 120 ms against 22 ms here), so the first typed deep page of a list in a
minute is the slower one, and every later one within that minute as fast as a linked page. A
shallow page, a list whose order has no keyset, or an anchor that is gone is found by OFFSET.

Counting a region's whole list (half a million rows) costs more than the page itself. A count
of LARGE_COUNT rows or more is kept in the shared cache for COUNT_SECONDS, keyed by the count's
SQL (which holds the user's okrug scope and filters), so paging through a long list counts it
once a minute; a short list, like most searches, is counted exactly on every request (on
PostgreSQL by the statement that reads its page's ids). Other keys of the cache the page needs
(`cache_keys`: the filter's okrugs, say) are read with the count in the same round trip. The
anchors of typed pages are as old as the count at most: a page typed within a minute of a new
application may begin a row off from where OFFSET would begin it, as the count may be a row
short."""

import hashlib

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils.functional import cached_property

LARGE_COUNT = 10_000
COUNT_SECONDS = 60
# OFFSET of 5 000 index entries costs PostgreSQL about half a millisecond, of 250 000 about 22
ANCHOR_FROM = 5_000
ANCHOR_BLOCK = 1_000  # pages whose anchors one cache entry keeps (about 5 kB)


class DeferredJoinPaginator(Paginator):
    def __init__(self, object_list, per_page, *, read_rows=None, cache_keys=(), **kwargs):
        """`read_rows(ids)`, when given, reads the page's rows in the order of their ids (a
        page of plain values, say); otherwise they are the list's own model objects.
        `cache_keys` are other keys of the shared cache the page needs: they are read with the
        count in one round trip, and what the cache holds of them is in `cached`."""
        super().__init__(object_list, per_page, **kwargs)
        self.read_rows = read_rows
        self.cache_keys = list(cache_keys)
        self.cached: dict = {}

    @cached_property
    def _counted(self) -> tuple[str, list, str]:
        """The count's statement (the filtered list without joins or ordering), its parameters,
        and the key of what the cache keeps for the list (its scope and filters), made of them.
        A list with a keyset selects its key beside the primary key (keyset_key, keyset_pk),
        so that a page next to a row reads its ids from this statement (compiled once)."""
        keyset = self._keyset()
        if keyset is None:
            query = self.object_list.values("pk").order_by()
        else:
            query = (
                self.object_list.order_by()
                .annotate(keyset_pk=F("pk"), keyset_key=F(keyset[0]))
                .values_list("keyset_pk", "keyset_key")
            )
        sql, params = query.query.sql_with_params()
        return sql, params, hashlib.sha256(repr((sql, params)).encode()).hexdigest()

    @cached_property
    def count(self) -> int:
        """Rows of the filtered list, counted without the select_related joins or ordering."""
        count_key = f"list-count:{self._counted[2]}"
        kept = self._read_cache([count_key])
        return kept[count_key] if count_key in kept else self._count_now()

    def _read_cache(self, keys: list[str]) -> dict:
        """What the shared cache holds of `keys` and of `cache_keys`, by one read."""
        kept = cache.get_many([*keys, *self.cache_keys])
        self.cached.update((key, kept[key]) for key in self.cache_keys if key in kept)
        return kept

    def _count_now(self) -> int:
        """The count run now, and kept when the list is long."""
        sql, params, key = self._counted
        # the statement just compiled for the key, counted as is (not built a second time)
        with connections[self.object_list.db].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)
            return self._keep(cursor.fetchone()[0])

    def _keep(self, count: int) -> int:
        if count >= LARGE_COUNT:
            cache.set(f"list-count:{self._counted[2]}", count, COUNT_SECONDS)
        return count

    def _count_with_ids(self, number) -> list | None:
        """On PostgreSQL, the count and the ids of page `number` (as the page would cut them
        once the count is known) by one statement, the count set on the paginator; elsewhere,
        or for a number that is not a page's, the count alone and None."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 0
        connection = connections[self.object_list.db]
        if number < 1 or connection.vendor != "postgresql":
            self.count = self._count_now()
            return None
        bottom = (number - 1) * self.per_page
        page = self.object_list.values_list("pk", flat=True)
        ids_sql, ids_params = page[
            bottom : bottom + self.per_page + self.orphans
        ].query.sql_with_params()
        count_sql, count_params, _ = self._counted
        with connection.cursor() as cursor:
            # two subqueries PostgreSQL runs once each; ARRAY keeps the ids in their order
            cursor.execute(
                f"SELECT (SELECT COUNT(*) FROM ({count_sql}) counted), ARRAY({ids_sql})",
                [*count_params, *ids_params],
            )
            count, ids = cursor.fetchone()
        self.count = self._keep(count)
        bottom, top = self._cut(number)
        return ids[: max(0, top - bottom)]

    def _cut(self, number: int) -> tuple[int, int]:
        """Where page `number` begins and ends in the list, as Paginator.page cuts it (the
        last page takes up to `orphans` rows more)."""
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        return bottom, self.count if top + self.orphans >= self.count else top

    def page(self, number):
        keyset = self._keyset()
        deep = None if keyset is None else self._deep(number)
        block = ids = None
        if "count" not in self.__dict__:
            # the list's count and, on a deep page, the anchors of the page's block in one read
            # of the cache; a count not kept is run with the page's ids when it can be
            count_key = f"list-count:{self._counted[2]}"
            block_key = None if deep is None else self._anchors_key((deep - 2) // ANCHOR_BLOCK)
            kept = self._read_cache([count_key] if block_key is None else [count_key, block_key])
            if count_key in kept:
                self.count = kept[count_key]
            elif deep is None:
                ids = self._count_with_ids(number)
            else:
                self.count = self._count_now()
            block = kept.get(block_key)
        number = self.validate_number(number)
        if number == deep:
            anchor = self._anchor(number, block)
            page = None if anchor is None else self._keyset_page(number, anchor, True, keyset)
            if page is not None:
                return page
        if ids is None:
            bottom, top = self._cut(number)
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
        anchor = str(after or before or "")
        keyset = self._keyset()
        # a key is a positive bigint; anything else in the address is ignored
        if keyset is None or not (anchor.isascii() and anchor.isdigit() and len(anchor) < 19):
            return self.page(number)
        number = self.validate_number(number)
        page = self._keyset_page(number, int(anchor), bool(after), keyset)
        return self.page(number) if page is None else page

    def _keyset_page(self, number, anchor: int, forward: bool, keyset) -> Page | None:
        """The page of rows next to the row `anchor` (after it, or before it when not
        `forward`) in the list's order; None when there are none (the row is gone, say)."""
        with connections[self.object_list.db].cursor() as cursor:
            cursor.execute(*self._keyset_sql(anchor, forward, keyset))
            ids = [pk for (pk,) in cursor.fetchall()]
        if not ids:
            return None
        if not forward:
            ids.reverse()
        return self._get_page(self._rows(ids), number, self)

    def _keyset_sql(self, anchor: int, forward: bool, keyset) -> tuple[str, list]:
        """The statement of the ids next to the row `anchor`: the list's own (its count's,
        compiled once) and one row comparison with the anchor's (key, primary key), an index
        range on both databases from the anchor on (a scalar subquery run once)."""
        field, descending = keyset
        # the rows after the anchor have smaller keys in a descending list, larger in an
        # ascending one; the rows before it the other way round
        op, order = ("<", "DESC") if descending == forward else (">", "ASC")
        meta = self.object_list.model._meta
        quote = connections[self.object_list.db].ops.quote_name
        key, pk = quote(meta.get_field(field).column), quote(meta.pk.column)
        sql, params, _ = self._counted  # the list with its key and primary key
        return (
            f"SELECT keyset_pk FROM ({sql}) listed WHERE (keyset_key, keyset_pk) {op} "
            f"(SELECT {key}, {pk} FROM {quote(meta.db_table)} WHERE {pk} = %s) "
            f"ORDER BY keyset_key {order}, keyset_pk {order} LIMIT %s",
            [*params, anchor, self.per_page],
        )

    def _deep(self, number) -> int | None:
        """`number` when it is a page number whose page begins ANCHOR_FROM rows or more into
        the list; otherwise None (validate_number judges it)."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            return None
        return number if (number - 1) * self.per_page >= ANCHOR_FROM else None

    def _anchors_key(self, block: int) -> str:
        """The cache key of the anchors of block `block` (pages 2 + block × ANCHOR_BLOCK
        onwards): the list (its scope and filters), its order and its page size."""
        # the order's field names, "-" before a descending one
        order = ",".join(map(str, self.object_list.query.order_by))
        return f"list-anchors:{self._counted[2]}:{order}:{self.per_page}:{block}"

    def _anchor(self, number: int, block: list[int] | None) -> int | None:
        """The primary key of the row that ends page `number - 1`, from `block`, the kept
        anchors of the page's block, or numbered now when none are kept; None past their end."""
        index, at = divmod(number - 2, ANCHOR_BLOCK)
        if block is None:
            blocks = self._number_anchors(index + 1)
            cache.set_many(
                {self._anchors_key(i): part for i, part in enumerate(blocks)},
                COUNT_SECONDS,
            )
            block = blocks[index] if index < len(blocks) else []
        return block[at] if at < len(block) else None

    def _number_anchors(self, blocks: int) -> list[list[int]]:
        """The primary keys of the rows that end pages 1, 2, … of the list, ANCHOR_BLOCK pages
        a part, the first `blocks` parts: numbered by one pass in the list's order (its index)
        that stops where they end (PostgreSQL stops a row number's window at its bound)."""
        order = [
            F(name[1:]).desc() if name.startswith("-") else F(name).asc()
            for name in self.object_list.query.order_by
        ]
        numbered = (
            self.object_list.order_by()
            .annotate(anchor_id=F("pk"), anchor_n=Window(RowNumber(), order_by=order))
            .values_list("anchor_id", "anchor_n")
        )
        sql, params = numbered.query.sql_with_params()
        with connections[numbered.db].cursor() as cursor:
            cursor.execute(
                f"SELECT anchor_id FROM ({sql}) numbered "
                f"WHERE anchor_n <= %s AND anchor_n %% %s = 0 ORDER BY anchor_n",
                [*params, blocks * ANCHOR_BLOCK * self.per_page, self.per_page],
            )
            ends = [pk for (pk,) in cursor.fetchall()]
        return [ends[i : i + ANCHOR_BLOCK] for i in range(0, len(ends), ANCHOR_BLOCK)] or [[]]

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
