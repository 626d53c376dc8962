"""`field__among=values`: IN with the values written into the statement as literals.

PostgreSQL binds every parameter on the server here (settings: server-side binding), and keeps a
statement run often prepared with a generic plan, made without the parameters' values. Such a
plan cannot use a partial index whose condition names values (the open cases' index: status IN
('registered', …)) when the query's own values are parameters: the work queue's generic plan
read all half a million applications instead of the open ones, over a second instead of a
millisecond, and the count of a queue took a sequential scan (issue 9). Written as literals, the
condition proves the index's.

Only values of the code's own (statuses, kinds) belong here, never what a user typed: they are
checked to be plain words."""

import re

from django.db.models import CharField, Lookup

PLAIN = re.compile(r"[A-Za-z0-9_]+")


@CharField.register_lookup
class Among(Lookup):
    lookup_name = "among"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values = [str(getattr(value, "value", value)) for value in self.rhs]
        if not values or not all(PLAIN.fullmatch(value) for value in values):
            raise ValueError(f"__among takes plain words of the code, not {self.rhs!r}")
        return f"{lhs} IN ({', '.join(repr(value) for value in values)})", params
