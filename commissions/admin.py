from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Commission, CommissionMember, LocalConclusion, SpecialConclusion, SurveyAct


class MemberInline(admin.TabularInline):
    model = CommissionMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Commission)
class CommissionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "okrug"]
    list_filter = ["kind"]
    inlines = [MemberInline]


@admin.register(SurveyAct)
class SurveyActAdmin(SimpleHistoryAdmin):
    list_display = ["application", "surveyed_on", "refused"]
    raw_id_fields = ["application", "recorded_by"]


@admin.register(LocalConclusion)
class LocalConclusionAdmin(SimpleHistoryAdmin):
    list_display = ["application", "number", "concluded_on", "need"]
    raw_id_fields = ["application", "recorded_by"]


@admin.register(SpecialConclusion)
class SpecialConclusionAdmin(SimpleHistoryAdmin):
    list_display = ["application", "concluded_on", "need", "amount"]
    raw_id_fields = ["application", "recorded_by"]
