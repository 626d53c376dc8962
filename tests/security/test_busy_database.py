from django.contrib.messages import get_messages
from django.db import OperationalError
from django.test import RequestFactory

from zhanakorgan_aid.busy import BusyDatabaseMiddleware


def test_locked_database_gives_a_message_and_a_retry_not_a_500(caseworker):
    request = RequestFactory().post(
        "/applications/1/step/send_to_local/", HTTP_REFERER="/applications/1/"
    )
    request.user = caseworker
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    middleware = BusyDatabaseMiddleware(lambda r: None)
    response = middleware.process_exception(request, OperationalError("database table is locked"))
    assert response.status_code == 302 and response["Location"] == "/applications/1/"
    assert "изменяет другой пользователь" in [str(m) for m in get_messages(request)][0]


def test_other_database_errors_are_not_hidden(caseworker):
    request = RequestFactory().get("/")
    middleware = BusyDatabaseMiddleware(lambda r: None)
    assert middleware.process_exception(request, OperationalError("no such column")) is None
