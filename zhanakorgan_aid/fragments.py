"""Templates rendered once per process for each language and shape, then filled with a request's
values (issue 9).

Rendering a template costs Django's engine a few microseconds for every tag and variable: a page
with sixty translated labels and a few dozen values spends milliseconds on text that is the same
for every case in one language. A `Fragment` renders its template once per language and
*shape*, with a stand-in for each *hole* (a value of the request), keeps the text around the
stand-ins, and on each request puts the values in their places, escaped as the template would
have escaped them (a value marked safe goes in as it is).

    BODY = Fragment("applications/_body.html", "number", "status")
    BODY.render({"number": "12-7", "status": label}, has_due=True)

Holes are plain `{{ name }}` in the template: a filter, a condition or a loop on one would see
the stand-in, not the value, so a value the template tests goes in the shape (keyword
arguments: what decides its branches; hashable, a few kinds of each) and a value it formats is
formatted in Python first. `{% blocktranslate with x=name %}` takes a hole as it is.
"""

import functools
import re
from collections.abc import Callable, Mapping

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, override

# Stand-ins no value holds and no escaping changes: digits between private-use characters.
_STAND_IN = re.compile("\ue000([0-9]+)\ue001")


class Fragment:
    """A template with holes for the request's values; `constants` gives what the template needs
    besides them and the shape (an empty form, say), called once per rendering of the text."""

    def __init__(
        self, template_name: str, *holes: str, constants: Callable[[], dict] | None = None
    ) -> None:
        self.template_name = template_name
        self.holes = holes
        self.constants = constants
        self._pieces = functools.lru_cache(maxsize=256)(self._render_pieces)

    def render(self, values: Mapping[str, object], **shape) -> SafeString:
        """The text for this language and shape with `values` in the holes (every hole needs
        one; a value is escaped unless it is marked safe)."""
        pieces = self._pieces(get_language(), get_script_prefix(), tuple(sorted(shape.items())))
        holes = self.holes
        out = [pieces[0]]
        for i in range(1, len(pieces), 2):
            out.append(conditional_escape(values[holes[pieces[i]]]))
            out.append(pieces[i + 1])
        return mark_safe("".join(out))

    def _render_pieces(self, language: str, script_prefix: str, shape: tuple) -> tuple:
        """The template's text split around the stand-ins: text, hole number, text, …"""
        context = dict(self.constants()) if self.constants else {}
        context.update(shape)
        context.update({name: f"\ue000{n}\ue001" for n, name in enumerate(self.holes)})
        with override(language):
            html = render_to_string(self.template_name, context)
        parts = _STAND_IN.split(html)
        return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))
