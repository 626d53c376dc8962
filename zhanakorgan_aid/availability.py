"""While the database does not answer, every request that needs it gets a 503 page in the
user's language with Retry-After, and the outage is logged once, not once per request (issue
22, item 1). The proxy asks /healthz (the process answers) and /readyz (the database answers).

Django turns an exception raised inside any middleware into a response at that middleware
(convert_exception_to_response), so no middleware sees the sessions' or authentication's
database errors as exceptions. They reach the 500 handler, which hands an outage to
`unavailable_response` (zhanakorgan_aid.errors.server_error); an outage the view meets is
answered here, in process_exception, before any error reporting sees it. SQLite's "database is
locked" is not an outage: the connection is open, and zhanakorgan_aid.busy answers it.

The state is the process's own (each gunicorn worker logs its outage once); nothing is kept
between processes. A connection the outage broke is closed, so the next request connects anew:
recovery needs no restart.
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


@dataclass
class Outage:
    since: float
    refused: int = 0


_lock = threading.Lock()
_outage: Outage | None = None


def _lost(connection) -> bool:
    """The connection never opened, or the server closed it."""
    raw = connection.connection
    return raw is None or bool(getattr(raw, "closed", False))


def database_unreachable(exc: BaseException | None) -> bool:
    """A connection or interface error that left a connection without its server. A locked
    SQLite file or a missing table keeps the connection open: those are not outages."""
    if not isinstance(exc, (OperationalError, InterfaceError)):
        return False
    return any(_lost(c) for c in connections.all(initialized_only=True))


def outage_seen(exc: BaseException) -> None:
    """Record a request refused for the outage; log the outage when it is first seen. Close
    the broken connections, so the next request connects anew."""
    global _outage
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and _lost(connection):
            connection.close()
    with _lock:
        first = _outage is None
        if first:
            _outage = Outage(since=time.monotonic())
        _outage.refused += 1
    if first:
        logger.error("The database does not answer (%s); requests get 503 until it does.", exc)


def database_answered() -> None:
    """A request used an open connection: if an outage was recorded, log its end once."""
    global _outage
    with _lock:
        ended, _outage = _outage, None
    if ended is not None:
        logger.warning(
            "The database answers again after %.0f s; %d requests got 503 meanwhile.",
            time.monotonic() - ended.since,
            ended.refused,
        )


def outage_ongoing() -> bool:
    return _outage is not None


def unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """The 503 page, in the language of the request's cookie or browser (the user's own saved
    language needs the database), rendered without a request: no context processors, no
    session, no query."""
    outage_seen(exc)
    with translation.override(translation.get_language_from_request(request)):
        body = loader.get_template("errors/503.html").render({})
        response = HttpResponse(body, status=503)
        response["Content-Language"] = translation.get_language()
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # Logged once per outage by outage_seen: Django's handler is told this response is logged.
    response._has_been_logged = True
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers (no database)."""
    return _plain_text("ok", status=200)


def readyz(request: HttpRequest) -> HttpResponse:
    """The database answers a SELECT 1."""
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except (OperationalError, InterfaceError) as exc:
        if not database_unreachable(exc):
            raise
        outage_seen(exc)
        return _plain_text("database unavailable", status=503)
    database_answered()
    return _plain_text("ok", status=200)


def _plain_text(text: str, *, status: int) -> HttpResponse:
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    response._has_been_logged = True  # the proxy asks every few seconds: not a log line each
    return response


class AvailabilityMiddleware:
    """Early in MIDDLEWARE, before the sessions: answers the proxy's /healthz and /readyz
    itself (no session, cookie, host check, log-in or language), answers the view's outage with
    the 503 page, and logs the end of an outage at the first request that used the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        if request.path_info == "/readyz":
            return readyz(request)
        response = self.get_response(request)
        if outage_ongoing() and response.status_code != 503:
            if any(not _lost(c) for c in connections.all(initialized_only=True)):
                database_answered()
        return response

    def process_exception(self, request, exception):
        if not database_unreachable(exception):
            return None
        return unavailable_response(request, exception)
