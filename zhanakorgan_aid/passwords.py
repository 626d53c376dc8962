"""Passwords: Django's four validators with their messages in Russian and Kazakh, and the
temporary password an administrator gives out, which its holder must change at the next log-in
before any other page opens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import password_validation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Django's own messages are in English and its Kazakh catalogue leaves them untranslated; these
# subclasses change only the words, so the checks stay Django's.


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Пароль слишком короткий: нужен хотя бы %(min_length)d символ.",
            "Пароль слишком короткий: нужно хотя бы %(min_length)d символов.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Пароль должен содержать не меньше %(min_length)d символа.",
            "Пароль должен содержать не меньше %(min_length)d символов.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("Пароль слишком похож на ваши данные (%(verbose_name)s).")

    def get_help_text(self) -> str:
        return _("Пароль не должен быть похож на имя пользователя, имя, фамилию или e-mail.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Пароль слишком широко распространён, его легко подобрать.")

    def get_help_text(self) -> str:
        return _("Пароль не должен быть распространённым.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Пароль состоит только из цифр.")

    def get_help_text(self) -> str:
        return _("Пароль не может состоять только из цифр.")


def user_password_set_by_administrator(*, user, actor) -> None:
    """A password the administrator set for someone else is temporary: its holder changes it at
    the next log-in. Setting one's own password, or switching password log-in off, is not."""
    must_change = user.pk != actor.pk and user.has_usable_password()
    if user.must_change_password != must_change:
        user.must_change_password = must_change
        user.save(update_fields=["must_change_password"])


def user_password_changed_by_self(*, user) -> None:
    """The holder chose their own password: every page opens again."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])


class PasswordChangeRequiredMiddleware:
    """A signed-in user whose password the administrator set sees only the password change page
    (and may log out, switch the language, load static files) until they change it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.must_change_password:
            return self.get_response(request)
        if request.path in self.open_paths() or request.path.startswith(self.static_prefix()):
            return self.get_response(request)
        messages.warning(
            request,
            _("Пароль задан администратором. Смените его, чтобы продолжить работу."),
        )
        return redirect("password_change")

    @staticmethod
    def open_paths() -> set[str]:
        return {reverse("password_change"), reverse("logout"), reverse("set_language")}

    @staticmethod
    def static_prefix() -> str:
        return "/" + settings.STATIC_URL.lstrip("/")
