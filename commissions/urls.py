from django.urls import path

from . import views

app_name = "commissions"

urlpatterns = [
    path(
        "applications/<int:pk>/documents/<slug:kind>/<slug:lang>/",
        views.document,
        name="document",
    ),
]
