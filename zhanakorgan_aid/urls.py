from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from . import account, i18n

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", account.PasswordChangeView.as_view(), name="password_change"),
    path("i18n/setlang/", i18n.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page links; the icon is static/favicon.svg.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg")), name="favicon"),
    path("", include("applications.workflow.urls")),
    path("", include("applications.cases.urls")),
    path("", include("commissions.urls")),
    path("", include("benefits.urls")),
]

handler400 = "zhanakorgan_aid.errors.bad_request"
handler403 = "zhanakorgan_aid.errors.permission_denied"
handler404 = "zhanakorgan_aid.errors.page_not_found"
handler500 = "zhanakorgan_aid.errors.server_error"
