"""Commission pages: the survey act and conclusions, and the printed documents."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from applications import access as application_access


@login_required
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_access.application_get_for(user=request.user, pk=pk)
    return render(request, "commissions/survey.html", {"application": application})


@login_required
def special_conclusion(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_access.application_get_for(user=request.user, pk=pk)
    return render(request, "commissions/special_conclusion.html", {"application": application})


@login_required
def document(request: HttpRequest, pk: int, kind: str, lang: str) -> HttpResponse:
    application_access.application_get_for(user=request.user, pk=pk)
    raise Http404
