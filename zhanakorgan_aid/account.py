"""The user's own account: changing the password logs the account out everywhere else."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .passwords import user_password_changed_by_self


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Django's view keeps this session (update_session_auth_hash); every other session of the
    account carries the old password's hash and ends at its next request."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("workflow:home")
    success_message = _("Пароль изменён. На других устройствах войдите заново с новым паролем.")

    def form_valid(self, form):
        """A password the administrator gave out stops being temporary once its holder
        chooses their own."""
        response = super().form_valid(form)
        user_password_changed_by_self(user=form.user)
        return response


def client_ip(request) -> str | None:
    """The client's address, for the lockout and the access log. Behind TRUSTED_PROXY_COUNT
    reverse proxies (production: one) it is the hop the nearest proxy wrote into
    X-Forwarded-For, which a client cannot forge; otherwise REMOTE_ADDR."""
    hops = settings.TRUSTED_PROXY_COUNT
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if hops and len(chain) >= hops:
        return chain[-hops]
    return request.META.get("REMOTE_ADDR") or None
