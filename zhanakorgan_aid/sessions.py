"""Sessions end after SESSION_COOKIE_AGE (30 minutes) without a request (issue 7), without
writing the session row on every request (issue 9).

The session is saved only when its data changes; this middleware changes it, by stamping the
time of the last request, at most once a minute. The expiry the database keeps therefore
trails the last request by 29 to 30 minutes: a session never outlives 30 idle minutes.

The session engine (SESSION_ENGINE) is Django's database sessions, with the user beside the
session so that the session, its user and the user's roles are read by one statement.
"""

import datetime
import functools
import time
from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import db
from django.utils import timezone

from . import roles
from .compiled import Statement

# The user read with this request's session, for the log-in backend to take (backends.py).
_read_with_session: ContextVar = ContextVar("user_read_with_session", default=None)


class SessionStore(db.SessionStore):
    """Django's database sessions in zhanakorgan_aid.Session, which holds the session's user as
    a column. Every page reads its session first, then its user, then the user's roles: here
    the three come from one statement, built once per process (compiled.Statement), and the
    user with the roles is left for the log-in backend. Django then checks the user as
    always (the session's back end, the password hash the session was made with, an active
    account). Writing is Django's own, with the user's id put in its column."""

    @classmethod
    def get_model_class(cls):
        from .models import Session

        return Session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        session.user_id = get_user_model()._meta.pk.to_python(user_id) if user_id else None
        return session

    def load(self) -> dict:
        _read_with_session.set(None)
        rows = _live_session().fetch(key=self.session_key or "", now=timezone.now())
        if not rows:
            self._session_key = None  # as Django does: a new session starts on the next write
            return {}
        data, user_values = rows[0][0], rows[0][1:-1]
        if user_values[0] is not None:
            model = get_user_model()
            user = model.from_db(
                self.get_model_class()._default_manager.db,
                [field.attname for field in model._meta.concrete_fields],
                user_values,
            )
            roles.remember(user, {row[-1] for row in rows if row[-1] is not None})
            _read_with_session.set(user)
        return self.decode(data)


def take_user_read_with_session(user_id):
    """The user the session of this request was read with, if it is `user_id` (once)."""
    user = _read_with_session.get()
    _read_with_session.set(None)
    if user is not None and user.pk == user_id:
        return user
    return None


def forget_user_read_with_session(**kwargs) -> None:
    """At the start of each request (request_started): nothing is left from the one before."""
    _read_with_session.set(None)


@functools.cache
def _live_session() -> Statement:
    """The session's data by its key and an expiry still ahead, with the columns of its user
    and the user's group names (a row per group)."""
    user_fields = [f"user__{field.attname}" for field in get_user_model()._meta.concrete_fields]
    return Statement(
        lambda v: (
            SessionStore.get_model_class()
            ._default_manager.filter(session_key=v.key, expire_date__gt=v.now)
            .values_list("session_data", *user_fields, "user__groups__name")
        ),
        key=str,
        now=datetime.datetime,
    )


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
