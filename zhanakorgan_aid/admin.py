from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import PersonalDataAccess, User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Округ и язык"), {"fields": ("okrug", "language")}),)
    list_display = ["username", "first_name", "last_name", "okrug", "is_active"]
    list_filter = ["groups", "okrug", "is_active"]


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
