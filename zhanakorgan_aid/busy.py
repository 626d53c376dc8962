"""Two people writing at once on SQLite (development): the loser's write meets a locked
database. PostgreSQL waits on the row lock instead and the service answers with its own
message; here the user gets the same kind of answer, a clear message and a retry, not a 500."""

from django.contrib import messages
from django.db import OperationalError
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class BusyDatabaseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError) or "locked" not in str(exception):
            return None
        messages.error(
            request,
            _("Эту запись сейчас изменяет другой пользователь. Обновите страницу и повторите."),
        )
        return redirect(request.META.get("HTTP_REFERER") or request.path)
