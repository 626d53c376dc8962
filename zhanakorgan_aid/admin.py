from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import PersonalDataAccess, User
from .passwords import user_password_set_by_administrator


class UserCreationForm(AdminUserCreationForm):
    """A new account's password is the administrator's: its holder changes it at first log-in."""

    def save(self, commit=True):
        self.instance.must_change_password = self.cleaned_data["set_usable_password"]
        return super().save(commit)


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Округ и язык"), {"fields": ("okrug", "language")}),
        (_("Пароль"), {"fields": ("must_change_password",)}),
    )
    add_form = UserCreationForm
    list_display = ["username", "first_name", "last_name", "okrug", "is_active"]
    list_filter = ["groups", "okrug", "is_active", "must_change_password"]

    def user_change_password(self, request, id, form_url=""):
        """Django's page setting a user's password; a password it set is temporary unless the
        administrator set their own."""
        before = self.get_object(request, unquote(id))
        response = super().user_change_password(request, id, form_url)
        after = self.get_object(request, unquote(id))
        if before and after and after.password != before.password:
            user_password_set_by_administrator(user=after, actor=request.user)
        return response


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    """The log of views and downloads of personal data: read-only for everyone."""

    list_display = ["at", "user", "action", "object_repr", "ip_address"]
    list_filter = ["action", "content_type"]
    search_fields = ["user__username", "object_repr", "path"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
