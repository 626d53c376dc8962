from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Commission,
    CommissionMember,
    IssuedDocument,
    LocalConclusion,
    SpecialConclusion,
    SurveyAct,
    SurveyActMember,
)


class MemberInline(admin.TabularInline):
    model = CommissionMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Commission)
class CommissionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "okrug"]
    list_filter = ["kind"]
    inlines = [MemberInline]


class SurveyActMemberInline(admin.TabularInline):
    model = SurveyActMember
    extra = 0
    raw_id_fields = ["person"]


@admin.register(SurveyAct)
class SurveyActAdmin(SimpleHistoryAdmin):
    list_display = ["application", "surveyed_on", "refused"]
    raw_id_fields = ["application", "recorded_by"]
    inlines = [SurveyActMemberInline]


@admin.register(LocalConclusion)
class LocalConclusionAdmin(SimpleHistoryAdmin):
    list_display = ["application", "number", "concluded_on", "need"]
    raw_id_fields = ["application", "recorded_by"]


@admin.register(SpecialConclusion)
class SpecialConclusionAdmin(SimpleHistoryAdmin):
    list_display = ["application", "concluded_on", "need", "amount"]
    raw_id_fields = ["application", "recorded_by"]


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """Issued documents are evidence: they are looked at here, never edited or deleted."""

    list_display = ["application", "kind", "lang", "issued_on", "issued_by", "sha256"]
    list_filter = ["kind", "lang"]
    exclude = ["pdf"]
    readonly_fields = ["application", "kind", "lang", "sha256", "size", "issued_on", "issued_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
