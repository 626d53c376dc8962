"""Links to an object's page, for tables of many rows (issue 9).

`reverse()` walks the URL resolver and looks up the language and script prefix each time: about
60 µs, and a work queue or list shows 25–40 rows with a link each. The URL of a page whose only
argument is a primary key is the same text around the number, so it is reversed once per
process (and script prefix) and the number put in its place."""

import functools

from django.urls import get_script_prefix, reverse

_MARK = 987654321


@functools.lru_cache(maxsize=128)
def _around(name: str, script_prefix: str) -> tuple[str, str]:
    head, found, tail = reverse(name, args=[_MARK]).partition(str(_MARK))
    if not found:  # the pattern transforms its argument: no shortcut for this one
        raise ValueError(name)
    return head, tail


def pk_url(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for a URL pattern with one integer argument."""
    head, tail = _around(name, get_script_prefix())
    return f"{head}{int(pk)}{tail}"
