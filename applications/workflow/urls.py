from django.urls import path

from .views import application, commissions, home, steps

app_name = "workflow"

urlpatterns = [
    path("", home.home, name="home"),
    path("dashboard/", home.dashboard, name="dashboard"),
    path("applications/<int:pk>/", application.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/step/<slug:step>/", steps.application_step, name="application_step"
    ),
    path("applications/<int:pk>/decision/", steps.application_decide, name="application_decide"),
    path("applications/<int:pk>/notice/", steps.application_notify, name="application_notify"),
    path(
        "applications/<int:pk>/documents-requested/",
        steps.application_documents_requested,
        name="application_documents_requested",
    ),
    path("applications/<int:pk>/survey/", commissions.survey, name="survey"),
    path(
        "applications/<int:pk>/special-conclusion/",
        commissions.special_conclusion,
        name="special_conclusion",
    ),
]
