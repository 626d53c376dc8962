"""The product's URLs plus the two baselines, mounted only by zhanakorgan_aid.settings.bench."""

from django.urls import include, path

from . import baselines

urlpatterns = [
    path("bench/bare/", baselines.bare, name="bench_bare"),
    path("bench/list/", baselines.minimal_list, name="bench_list"),
    path("", include("zhanakorgan_aid.urls")),
]
