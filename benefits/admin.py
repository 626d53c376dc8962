from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Award,
    Budget,
    BudgetOverride,
    PaymentList,
    PaymentListItem,
    Recovery,
    Repayment,
    ScheduledPayment,
    Termination,
)
from .resources import PaymentListItemResource

# --- awards, payment lists, budgets: corrections by the administrator (p27–p31) -------------


class ScheduledPaymentInline(admin.TabularInline):
    model = ScheduledPayment
    extra = 0
    fields = ["due_on", "amount", "mrp_value", "purpose", "status", "paid_on"]


class RecoveryInline(admin.TabularInline):
    model = Recovery
    extra = 0
    fields = ["amount", "reason", "status", "opened_on", "closed_on"]


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ["id", "recipient", "category", "amount", "periodicity", "start", "status"]
    list_filter = ["status", "periodicity", "category__programme"]
    search_fields = ["recipient__iin", "recipient__surname"]
    raw_id_fields = ["recipient", "family", "application", "rule"]
    list_select_related = ["recipient", "category"]
    inlines = [ScheduledPaymentInline, RecoveryInline]


class RepaymentInline(admin.TabularInline):
    model = Repayment
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(Recovery)
class RecoveryAdmin(SimpleHistoryAdmin):
    list_display = ["award", "amount", "status", "opened_on", "closed_on"]
    list_filter = ["status"]
    raw_id_fields = ["award", "termination"]
    inlines = [RepaymentInline]


@admin.register(Termination)
class TerminationAdmin(admin.ModelAdmin):
    list_display = ["award", "reason", "event_date", "recorded_by"]
    list_filter = ["reason"]
    raw_id_fields = ["award"]


class PaymentListItemInline(admin.TabularInline):
    model = PaymentListItem
    extra = 0
    raw_id_fields = ["payment"]


@admin.register(PaymentList)
class PaymentListAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """The admin's own export is kept for small lists; the bank files stream from the page."""

    list_display = ["title", "period_start", "period_end", "status", "created_by"]
    list_filter = ["status", "kind"]
    inlines = [PaymentListItemInline]


@admin.register(PaymentListItem)
class PaymentListItemAdmin(ImportExportModelAdmin):
    resource_classes = [PaymentListItemResource]
    list_display = ["payment_list", "iban", "bank", "amount"]
    list_filter = ["payment_list", "bank"]
    raw_id_fields = ["payment"]


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ["year", "programme", "amount", "note"]
    list_filter = ["year", "programme"]


@admin.register(BudgetOverride)
class BudgetOverrideAdmin(admin.ModelAdmin):
    list_display = ["budget", "amount", "application", "award", "recorded_by", "recorded_at"]
    raw_id_fields = ["application", "award"]
