"""The start page (what waits for the user) and the district dashboard."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from applications.cases import access, selectors
from benefits.education_selectors import overdue_receipt_rows
from zhanakorgan_aid import roles

from .. import queues

RECEIPT_ROWS = 25


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Start page: what waits for the user by role and okrug (overdue, due today, upcoming;
    p18-p25), the education receipts not brought in time (p11) for those who pay, then the
    latest applications the user may see."""
    today = timezone.localdate()
    user = request.user
    receipts = []
    if roles.has_role(user, roles.CASEWORKER, roles.ADMINISTRATOR):
        receipts = list(overdue_receipt_rows(on=today, n=RECEIPT_ROWS))
    return render(
        request,
        "workflow/home.html",
        {
            "today": today,
            "queue": queues.queue_for(user=user, on=today),
            "receipts": receipts,
            "recent": selectors.latest_applications(user=user, n=10),
            "registrar": access.can_register(user),
            "sees_dashboard": roles.has_role(
                user, roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR
            ),
        },
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """District dashboard: applications per step and overdue per okrug."""
    if not roles.has_role(request.user, roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR):
        raise PermissionDenied
    today = timezone.localdate()
    return render(
        request, "applications/dashboard.html", {"data": queues.dashboard(on=today), "today": today}
    )
