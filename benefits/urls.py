from django.urls import path

from . import views

app_name = "benefits"

urlpatterns = [
    path("awards/", views.award_list, name="award_list"),
    path("awards/<int:pk>/", views.award_detail, name="award_detail"),
    path("awards/<int:pk>/terminate/", views.award_terminate, name="award_terminate"),
    path("recoveries/<int:pk>/repay/", views.recovery_repay, name="recovery_repay"),
    path("payment-lists/", views.payment_list_index, name="payment_list_index"),
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
    path("budgets/", views.budget_dashboard, name="budget_dashboard"),
    path("budgets/save/", views.budget_save, name="budget_save"),
    path("budgets/override/", views.budget_override, name="budget_override"),
    path("reports/", views.report, name="report"),
    path("reports/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("reports/esobes.csv", views.esobes_export, name="esobes_export"),
]
