from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from applications import access
from applications.models import Application


@login_required
def home(request):
    """Start page: what waits for the user (the work queue)."""
    recent = access.scope_applications(Application.objects.all(), user=request.user).select_related(
        "applicant", "okrug", "category"
    )[:20]
    return render(request, "home.html", {"recent": recent})
