"""A session ends after SESSION_COOKIE_AGE (30 minutes) without a request (issue 7), and a page
view does not write its session (issue 9).

Sessions are Django's (the cached_db engine, settings/base.py), which saves a session only when
its data changes. IdleExpiryMiddleware changes it at most once a minute, by stamping the time of
the request; that save renews the session's expiry in the database and in the cache. The stamp
trails the last request by less than a minute, so the expiry the storage keeps never lets a
session outlive 30 idle minutes.

The stamp also decides by itself: a session whose stamp is SESSION_COOKIE_AGE old is logged out
even if a cache still holds it, so the rule does not rest on how a cache counts an entry's
lifetime (Redis counts by its own clock).
"""

import time

from django.conf import settings
from django.contrib.auth import logout

STAMP_KEY = "_seen"
STAMP_EVERY = 60  # seconds


def stamp_on_login(sender, request, user, **kwargs) -> None:
    """The log-in saves the session anyway (user_logged_in): stamp it then, not on the first
    page after."""
    if request is not None and hasattr(request, "session"):
        request.session[STAMP_KEY] = int(time.time())


class IdleExpiryMiddleware:
    """After AuthenticationMiddleware: a logged-in request renews its session at most once a
    minute, and a session idle for SESSION_COOKIE_AGE is logged out (the request goes on as
    anonymous, so a protected page sends it to the log-in form)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            renew_or_end(request)
        return self.get_response(request)


def renew_or_end(request) -> None:
    session, now = request.session, int(time.time())
    seen = session.get(STAMP_KEY)
    if seen is not None and now - seen >= settings.SESSION_COOKIE_AGE:
        logout(request)
    elif seen is None or now - seen >= STAMP_EVERY:
        session[STAMP_KEY] = now  # marks the session modified: saved with a new expiry
