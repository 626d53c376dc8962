"""The interface language each user keeps: chosen with the switch, stored on the user,
applied on every request after login (Russian by default, Kazakh beside it)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop
from django.views.i18n import set_language as django_set_language

SUPPORTED = {code for code, _name in settings.LANGUAGES}

# Django 6.1 labels the empty choice of a select "- Select an option -" (BLANK_CHOICE_LABEL), and
# its own Russian and Kazakh catalogues do not translate it yet: the office's catalogues do.
gettext_noop("- Select an option -")


def set_language(request):
    """Django's set_language, and the choice saved on the user so it follows them."""
    response = django_set_language(request)
    code = request.POST.get("language")
    user = getattr(request, "user", None)
    if code in SUPPORTED and user is not None and user.is_authenticated and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return response


class UserLanguageMiddleware:
    """After authentication: activate the user's saved language for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        saved = None
        if user is not None and user.is_authenticated and user.language in SUPPORTED:
            saved = user.language
            translation.activate(saved)
            request.LANGUAGE_CODE = saved
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        if saved and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != saved:
            remember_language(response, saved)
        return response


def remember_language(response, code: str) -> None:
    """The user's language in the browser's language cookie too, so that a page drawn without
    the database (503 while it is down, availability.py) still speaks it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
