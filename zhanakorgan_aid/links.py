"""Links for pages with many of them (issue 9).

`reverse()` walks the URL resolver and looks up the language and script prefix each time: 30 to
60 µs, and a page carries 20 to 40 links (the menu, a list's rows, an application's documents
and steps). A URL whose arguments are numbers or slugs is the same text around them, so each
pattern is reversed once per process (and script prefix) with stand-ins, and the arguments put
in their places. Anything else goes to reverse() as before."""

import functools
import re

from django.urls import NoReverseMatch, get_script_prefix, reverse

_NUMBER = 987654321
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")


def _stand_in(position: int, kind: str) -> str:
    return str(_NUMBER + position) if kind == "int" else f"zkarg{position}x"


@functools.lru_cache(maxsize=512)
def _pieces(name: str, script_prefix: str, kinds: tuple[str, ...]) -> tuple[str, ...] | None:
    """The text around each argument of the reversed URL, or None when the stand-ins do not
    come out as they went in (a pattern that transforms its arguments)."""
    stand_ins = [_stand_in(n, kind) for n, kind in enumerate(kinds)]
    try:
        rest = reverse(name, args=stand_ins)
    except NoReverseMatch:
        return None
    pieces = []
    for stand_in in stand_ins:
        head, found, rest = rest.partition(stand_in)
        if not found:
            return None
        pieces.append(head)
    return (*pieces, rest)


def url(name: str, *args) -> str:
    """reverse(name, args=args), the pattern reversed once per process."""
    kinds = tuple("int" if type(arg) is int else "str" for arg in args)
    if all(kind == "int" or _PLAIN.match(arg) for kind, arg in zip(kinds, args, strict=True)):
        pieces = _pieces(name, get_script_prefix(), kinds)
        if pieces is not None:
            return (
                "".join(piece + str(arg) for piece, arg in zip(pieces, args, strict=False))
                + pieces[-1]
            )
    return reverse(name, args=args)


def pk_url(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for a URL pattern with one integer argument."""
    return url(name, int(pk))
