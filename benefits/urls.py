from django.urls import path

from . import education_views, memorial_views, reconciliation_views, views

app_name = "benefits"

urlpatterns = [
    path("awards/", views.award_list, name="award_list"),
    path("awards/export.xlsx", views.award_list_export, name="award_list_export"),
    path("awards/<int:pk>/", views.award_detail, name="award_detail"),
    path("awards/<int:pk>/terminate/", views.award_terminate, name="award_terminate"),
    path("recoveries/<int:pk>/repay/", views.recovery_repay, name="recovery_repay"),
    path("payment-lists/", views.payment_list_index, name="payment_list_index"),
    path(
        "payment-lists/export.xlsx",
        views.payment_list_index_export,
        name="payment_list_index_export",
    ),
    path("payment-lists/build/", views.payment_list_build, name="payment_list_build"),
    path("payment-lists/<int:pk>/", views.payment_list_detail, name="payment_list_detail"),
    path(
        "payment-lists/<int:pk>/export.<str:fmt>",
        views.payment_list_export,
        name="payment_list_export",
    ),
    path("payment-lists/<int:pk>/send/", views.payment_list_send, name="payment_list_send"),
    path("payment-lists/<int:pk>/pay/", views.payment_list_pay, name="payment_list_pay"),
    path(
        "payment-lists/<int:pk>/discard/", views.payment_list_discard, name="payment_list_discard"
    ),
    path(
        "payment-lists/<int:pk>/reconcile/",
        reconciliation_views.payment_list_reconcile,
        name="payment_list_reconcile",
    ),
    path(
        "payment-lists/<int:pk>/reconcile/confirm/",
        reconciliation_views.payment_list_reconcile_confirm,
        name="payment_list_reconcile_confirm",
    ),
    path("budgets/", views.budget_dashboard, name="budget_dashboard"),
    path("budgets/save/", views.budget_save, name="budget_save"),
    path("budgets/override/", views.budget_override, name="budget_override"),
    path("reports/", views.report, name="report"),
    path("reports/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("reports/esobes.csv", views.esobes_export, name="esobes_export"),
    # memorial-date lists (p5, p6, p15)
    path("memorial/", memorial_views.memorial_list_index, name="memorial_list_index"),
    path("memorial/import/", memorial_views.memorial_import, name="memorial_import"),
    path(
        "memorial/import/confirm/",
        memorial_views.memorial_import_confirm,
        name="memorial_import_confirm",
    ),
    path("memorial/template.<str:fmt>", memorial_views.memorial_template, name="memorial_template"),
    path("memorial/<int:pk>/", memorial_views.memorial_detail, name="memorial_detail"),
    path("memorial/<int:pk>/approve/", memorial_views.memorial_approve, name="memorial_approve"),
    path("memorial/<int:pk>/delete/", memorial_views.memorial_delete, name="memorial_delete"),
    path(
        "memorial/<int:pk>/rows/<int:row_pk>/remove/",
        memorial_views.memorial_row_remove,
        name="memorial_row_remove",
    ),
    # education aid (p8-p13)
    path("education/", education_views.education_list, name="education_list"),
    path(
        "education/export.xlsx",
        education_views.education_list_export,
        name="education_list_export",
    ),
    path("education/new/", education_views.education_create, name="education_create"),
    path("education/overdue/", education_views.education_overdue, name="education_overdue"),
    path("education/<int:pk>/", education_views.education_detail, name="education_detail"),
    path("education/<int:pk>/decide/", education_views.education_decide, name="education_decide"),
    path(
        "education/<int:pk>/contract/<str:lang>/issue/",
        education_views.education_contract_issue,
        name="education_contract_issue",
    ),
    path(
        "education/<int:pk>/contract/<str:lang>.pdf",
        education_views.education_contract_download,
        name="education_contract_download",
    ),
    path(
        "education/<int:pk>/years/<int:year_pk>/transfer/",
        education_views.education_transfer,
        name="education_transfer",
    ),
    path(
        "education/<int:pk>/years/<int:year_pk>/receipt/",
        education_views.education_receipt,
        name="education_receipt",
    ),
    path(
        "education/<int:pk>/next-year/",
        education_views.education_next_year,
        name="education_next_year",
    ),
    path("education/<int:pk>/expel/", education_views.education_expel, name="education_expel"),
]
