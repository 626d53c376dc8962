from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import MRP, Category, CategoryRule, SubsistenceMinimum


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
    list_display = ["paragraph", "code", "name_ru", "programme", "occasion"]
    list_filter = ["programme", "occasion"]
    search_fields = ["code", "name_ru", "name_kk"]
    inlines = [CategoryRuleInline]
