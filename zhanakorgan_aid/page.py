"""A page whose body a view has built in Python, in the shell of base.html (the application page,
until it is a template of its own; this module goes with it)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString


def page_response(request: HttpRequest, title: str, content: SafeString) -> HttpResponse:
    """The page titled `title` (escaped) with `content` (HTML) as its main part."""
    return render(request, "_page.html", {"title": title, "content": content})
