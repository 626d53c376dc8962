"""The fastest pages this stack can serve, measured beside the real ones in the same run:
a bare view and 50 rows of one table through a plain template with one query."""

from django.http import HttpResponse
from django.shortcuts import render

from applications.cases.models import Person


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def minimal_list(request):
    rows = Person.objects.order_by("id").only("iin", "surname", "name", "birth_date")[:50]
    return render(request, "bench/minimal_list.html", {"rows": rows})
