from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("persons/new/", views.person_create, name="person_create"),
    path("persons/<int:pk>/", views.person_detail, name="person_detail"),
    path("persons/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("persons/<int:pk>/iin/", views.person_iin_correct, name="person_iin_correct"),
    path("families/new/", views.family_create, name="family_create"),
    path("families/<int:pk>/", views.family_detail, name="family_detail"),
    path("families/<int:pk>/edit/", views.family_edit, name="family_edit"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/export.xlsx", views.application_list_export, name="application_list_export"),
    path("applications/new/", views.application_create, name="application_create"),
    path("applications/<int:pk>/documents/", views.document_upload, name="document_upload"),
    path(
        "applications/<int:pk>/documents/<int:doc_pk>/",
        views.document_download,
        name="document_download",
    ),
]
