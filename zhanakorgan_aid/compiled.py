"""Queries the ORM builds and compiles once per process, then runs with each request's values.

Building a queryset and compiling it to SQL costs Django 0.3–1 ms of Python for every query of a
page, often more than PostgreSQL spends running it (issue 9). A query whose shape a page repeats
on every request (the same tables, joins and conditions; only values such as today's date or the
user's okrug change) is therefore built once, with a stand-in for each such value, and its SQL
kept; each run puts the request's values in the stand-ins' places and converts the rows as the
ORM would (dates, times in the office's time zone).

    rows = Statement(
        lambda v: Application.objects.filter(okrug_id=v.okrug, due_date__lt=v.on)
        .values_list("pk", "number"),
        okrug=int,
        on=datetime.date,
    )
    rows.fetch(okrug=user.okrug_id, on=today)

A list of ids is one value too (`ids=list`): the query then names it by `pk_in(model, v.ids)`,
one parameter however many ids a run brings.

The shape must not depend on the values: a condition that is there for some users and not for
others makes two statements (keep them apart with functools.cache on what decides the shape).
"""

import copy
import datetime
import json
from collections.abc import Callable, Sequence
from types import SimpleNamespace

from django.db import connections
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable

# Stand-ins no real value takes: negative ids, days and moments of the eleventh century, text in
# private-use characters.
_FIRST_INT = -910_000_001
_FIRST_DAY = datetime.date(1001, 1, 1)
_FIRST_MOMENT = datetime.datetime(1001, 1, 1, tzinfo=datetime.UTC)


class Statement:
    """A query built by `build` from stand-ins for the values named in `slots` (name=type), its
    SQL kept; `fetch` and `objects` run it with a request's values."""

    def __init__(self, build: Callable[[SimpleNamespace], QuerySet], **slots: type) -> None:
        stand_ins = {}
        for i, (name, kind) in enumerate(slots.items()):
            if kind is int:
                stand_ins[name] = _FIRST_INT - i
            elif kind is str:  # compared as it is (not in a LIKE pattern)
                stand_ins[name] = f"\ue000{i}\ue001"
            elif kind is datetime.datetime:
                stand_ins[name] = _FIRST_MOMENT + datetime.timedelta(seconds=i)
            elif kind is datetime.date:
                stand_ins[name] = _FIRST_DAY + datetime.timedelta(days=i)
            elif kind is list:
                stand_ins[name] = f"\x00ids {i}\x00"
            else:
                raise TypeError(f"{name}: no stand-in for {kind.__name__} values")
        queryset = build(SimpleNamespace(**stand_ins))
        self.alias = queryset.db
        connection = connections[self.alias]
        self.query = queryset.query
        self.compiler = queryset.query.get_compiler(using=self.alias)
        self.sql, params = self.compiler.as_sql()
        # where each stand-in went, and in which form: SQLite receives a date as text
        forms = {}
        for name, value in stand_ins.items():
            forms[(type(value), value)] = (name, None)
            if isinstance(value, datetime.datetime):
                adapted = connection.ops.adapt_datetimefield_value(value)
                forms[(type(adapted), adapted)] = (name, connection.ops.adapt_datetimefield_value)
            elif isinstance(value, datetime.date):
                adapted = connection.ops.adapt_datefield_value(value)
                forms[(type(adapted), adapted)] = (name, connection.ops.adapt_datefield_value)
            elif slots[name] is list:
                forms[(str, value)] = (
                    name,
                    _id_array if connection.vendor == "postgresql" else _id_json,
                )
        slotted = []
        for param in params:
            try:
                slot = forms.get((type(param), param))
            except TypeError:  # an unhashable value (a list): a constant of the query
                slot = None
            slotted.append(slot if slot is not None else (None, param))
        missing = set(slots) - {name for name, _ in slotted if name is not None}
        if missing:
            raise ValueError(f"the query does not take {', '.join(sorted(missing))} as is")
        self.params = slotted

    def bind(self, values: dict) -> list:
        """The parameters of one run: the values in the stand-ins' places."""
        bound = []
        for name, constant in self.params:
            if name is None:
                bound.append(constant)
            else:
                value = values[name]
                bound.append(constant(value) if constant is not None else value)
        return bound

    def objects(self, **values) -> list:
        """The model instances for these values, with what the query selected beside them
        (select_related), as iterating the queryset would give them."""
        # Django's own iterator, handed a compiler that gives the kept SQL with this run's
        # values instead of compiling again (it still knows the selected columns and joins)
        compiler = self._compiler()
        sql, params = self.sql, self.bind(values)
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        query = copy.copy(self.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        return list(ModelIterable(QuerySet(model=query.model, query=query, using=self.alias)))

    def fetch(self, **values) -> list[tuple]:
        """The rows for these values, each a tuple as values_list() gives it."""
        compiler = self._compiler()
        with compiler.connection.cursor() as cursor:
            cursor.execute(self.sql, self.bind(values))
            rows = cursor.fetchall()
        return list(compiler.results_iter(results=[rows], tuple_expected=True))

    def _compiler(self):
        """The compiler built with the statement, on this thread's connection (Django's
        connections belong to the thread that opened them; the statement is built once for
        every thread of the process)."""
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[self.alias]
        return compiler


def pk_in(model, ids) -> RawSQL:
    """The condition "primary key among `ids`" as one parameter: an array on PostgreSQL, a JSON
    list that SQLite reads with json_each. (The ORM's pk__in takes one parameter per id.)"""
    column, postgres = _pk_column(model)
    if postgres:
        return RawSQL(f"{column} = ANY(%s)", [ids], output_field=BooleanField())
    return RawSQL(
        f"{column} IN (SELECT value FROM json_each(%s))", [ids], output_field=BooleanField()
    )


def pk_in_query(model, sql: str, params: list) -> RawSQL:
    """The condition "primary key among the ids that `sql` selects". PostgreSQL collects them
    first (ARRAY(...) runs once) and then looks their rows up by primary key; given IN (...)
    with sorting switched off (queues.index_order), it read every row to match them."""
    column, postgres = _pk_column(model)
    where = f"{column} = ANY(ARRAY({sql}))" if postgres else f"{column} IN ({sql})"
    return RawSQL(where, params, output_field=BooleanField())


def _pk_column(model) -> tuple[str, bool]:
    """The model's primary key column, quoted and qualified; whether the database is PostgreSQL."""
    connection = connections[model._default_manager.db]
    quote = connection.ops.quote_name
    column = f"{quote(model._meta.db_table)}.{quote(model._meta.pk.column)}"
    return column, connection.vendor == "postgresql"


def _id_array(ids) -> list[int]:
    return [int(pk) for pk in ids]


def _id_json(ids) -> str:
    return json.dumps([int(pk) for pk in ids])


def union_all(querysets: Sequence[QuerySet]) -> tuple[str, list]:
    """SQL and parameters of the rows of all these querysets, each with its own order and limit,
    as one statement: UNION ALL of parenthesised queries on PostgreSQL; SQLite, which takes no
    parentheses there, reads each one from a subquery. The ORM's union() refuses limits on
    SQLite."""
    parts, params = [], []
    for queryset in querysets:
        sql, part_params = queryset.query.sql_with_params()
        postgres = connections[queryset.db].vendor == "postgresql"
        parts.append(f"({sql})" if postgres else f"SELECT * FROM ({sql})")
        params.extend(part_params)
    return " UNION ALL ".join(parts), params
