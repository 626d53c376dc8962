from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Application,
    ApplicationDocument,
    ApplicationTransition,
    Decision,
    Family,
    FamilyMember,
    IinCorrection,
    Income,
    Person,
)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["iin", "surname", "name", "patronymic", "birth_date", "bank"]
    search_fields = ["iin", "surname", "name"]
    list_select_related = ["bank"]


@admin.register(IinCorrection)
class IinCorrectionAdmin(admin.ModelAdmin):
    """IIN corrections are made on the citizen's page with their reason; here they are read."""

    list_display = ["person", "old_iin", "new_iin", "corrected_by", "corrected_at"]
    search_fields = ["old_iin", "new_iin", "person__surname"]
    readonly_fields = ["person", "old_iin", "new_iin", "reason", "corrected_by", "corrected_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MemberInline(admin.TabularInline):
    model = FamilyMember
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Family)
class FamilyAdmin(SimpleHistoryAdmin):
    list_display = ["reg_number", "applicant", "okrug", "housing"]
    list_filter = ["okrug", "housing"]
    search_fields = ["reg_number", "applicant__iin", "applicant__surname"]
    raw_id_fields = ["applicant"]
    inlines = [MemberInline]
    list_select_related = ["applicant", "okrug"]


@admin.register(Income)
class IncomeAdmin(SimpleHistoryAdmin):
    list_display = ["member", "kind", "year", "quarter", "amount"]
    list_filter = ["kind", "year", "quarter"]
    raw_id_fields = ["member"]


class TransitionInline(admin.TabularInline):
    model = ApplicationTransition
    extra = 0
    fields = ["from_status", "to_status", "actor", "at", "message", "comment"]
    readonly_fields = fields
    can_delete = False

    @admin.display(description=_("сообщение"))
    def message(self, transition: ApplicationTransition) -> str:
        """The system's message in the administrator's language (transition_messages)."""
        return transition.message


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = [
        "number",
        "applicant",
        "okrug",
        "category",
        "status",
        "registered_at",
        "due_date",
    ]
    list_filter = ["status", "okrug", "channel", "kind"]
    search_fields = ["number", "applicant__iin", "applicant__surname"]
    raw_id_fields = ["applicant", "family", "registered_by"]
    inlines = [TransitionInline]
    list_select_related = ["applicant", "okrug", "category"]


@admin.register(ApplicationDocument)
class ApplicationDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["application", "kind", "content_type", "size", "uploaded_at"]
    raw_id_fields = ["application", "uploaded_by"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    """Decisions are taken on the application page; here they are only looked up."""

    list_display = ["application", "outcome", "ground", "amount", "decided_on", "notified_on"]
    list_filter = ["outcome", "ground"]
    search_fields = ["application__number", "application__applicant__iin"]
    list_select_related = ["application"]
    readonly_fields = [f.name for f in Decision._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
