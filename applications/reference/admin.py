"""The administrator's reference data: okrugs, banks, the calendar's corrections, categories and
their rules, MRP, the subsistence minimum and the caps of education aid."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    MRP,
    Bank,
    CalendarOverride,
    Category,
    CategoryRule,
    EducationCap,
    InDemandSpeciality,
    Okrug,
    SubsistenceMinimum,
)


@admin.register(Okrug)
class OkrugAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    list_display = ["kato", "name_ru", "name_ru_genitive", "name_kk", "name_kk_genitive"]
    search_fields = ["kato", "name_ru", "name_kk"]


@admin.register(Bank)
class BankAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    list_display = ["code", "bic", "name"]
    search_fields = ["code", "bic", "name"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "name_ru", "name_kk"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(MRP)
class MRPAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    list_display = ["effective_from", "value", "note"]


@admin.register(SubsistenceMinimum)
class SubsistenceMinimumAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    list_display = ["scope", "effective_from", "value", "note"]
    list_filter = ["scope"]


class CategoryRuleInline(admin.StackedInline):
    model = CategoryRule
    extra = 0


@admin.register(Category)
class CategoryAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    list_display = ["paragraph", "code", "name_ru", "programme", "occasion", "born_no_later_than"]
    list_filter = ["programme", "occasion"]
    search_fields = ["code", "name_ru", "name_kk"]
    inlines = [CategoryRuleInline]


@admin.register(EducationCap)
class EducationCapAdmin(admin.ModelAdmin):
    """Caps of education aid by degree (p8): data with a period, for the next decision."""

    list_display = ["degree", "effective_from", "effective_to", "cap_mrp"]
    list_filter = ["degree"]


@admin.register(InDemandSpeciality)
class InDemandSpecialityAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """The region's in-demand specialities (p8) with the dates they are on the list."""

    list_display = ["code", "name_ru", "name_kk", "valid_from", "valid_to"]
    list_filter = ["valid_from", "valid_to"]
    search_fields = ["code", "name_ru", "name_kk"]
