from django.urls import path

from . import views

app_name = "commissions"

urlpatterns = [
    path("applications/<int:pk>/survey/", views.survey, name="survey"),
    path(
        "applications/<int:pk>/special-conclusion/",
        views.special_conclusion,
        name="special_conclusion",
    ),
    path(
        "applications/<int:pk>/documents/<slug:kind>/<slug:lang>/",
        views.document,
        name="document",
    ),
]
