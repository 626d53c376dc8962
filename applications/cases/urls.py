from django.urls import path

from applications.workflow import views as workflow_views

from . import views

app_name = "applications"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("persons/new/", views.person_create, name="person_create"),
    path("persons/<int:pk>/", views.person_detail, name="person_detail"),
    path("families/new/", views.family_create, name="family_create"),
    path("families/<int:pk>/", views.family_detail, name="family_detail"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/new/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/documents/", views.document_upload, name="document_upload"),
    path(
        "applications/<int:pk>/documents/<int:doc_pk>/",
        views.document_download,
        name="document_download",
    ),
    path(
        "applications/<int:pk>/step/<slug:step>/",
        workflow_views.application_step,
        name="application_step",
    ),
    path(
        "applications/<int:pk>/decision/",
        workflow_views.application_decide,
        name="application_decide",
    ),
    path(
        "applications/<int:pk>/documents-requested/",
        workflow_views.application_documents_requested,
        name="application_documents_requested",
    ),
    path("dashboard/", workflow_views.dashboard, name="dashboard"),
]
