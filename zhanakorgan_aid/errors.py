"""Error pages in Russian: no stack trace, SQL or setting ever reaches the user.

400 and 500 are rendered without the request's context processors, so they need neither the
database nor the session (the failure may be theirs). 403 and 404 keep the menu. An outage
of the database that reaches the 500 handler gets the 503 page instead (availability.py)."""

import sys

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .availability import database_unreachable, unavailable_response


def _plain(template_name: str) -> str:
    """Render without a request: no context processors, no queries."""
    return loader.get_template(template_name).render({})


@requires_csrf_token
def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return HttpResponseBadRequest(_plain("errors/400.html"))


@requires_csrf_token
def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    body = loader.render_to_string("errors/403.html", request=request)
    return HttpResponseForbidden(body)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    body = loader.render_to_string(
        "errors/404.html", {"request_path": request.path}, request=request
    )
    return HttpResponseNotFound(body)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exception()  # Django calls the handler inside its except block
    if database_unreachable(exc):
        return unavailable_response(request, exc)
    return HttpResponseServerError(_plain("errors/500.html"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from an expired page or another site: say so, without Django's details."""
    return HttpResponseForbidden(_plain("errors/403_csrf.html"))
