"""Sessions end after SESSION_COOKIE_AGE (30 minutes) without a request (issue 7), without
writing the session row on every request (issue 9).

The session is saved only when its data changes; this middleware changes it, by stamping the
time of the last request, at most once a minute. The expiry the database keeps therefore
trails the last request by 29 to 30 minutes: a session never outlives 30 idle minutes.
"""

import time

STAMP_KEY = "_seen"
STAMP_EVERY = 60  # seconds


def stamp_on_login(sender, request, user, **kwargs):
    """The log-in saves the session anyway: stamp it then, not on the first page after."""
    if request is not None and hasattr(request, "session"):
        request.session[STAMP_KEY] = int(time.time())


class IdleExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(STAMP_KEY, 0) >= STAMP_EVERY:
                session[STAMP_KEY] = now  # marks the session modified: saved with a new expiry
        return self.get_response(request)
