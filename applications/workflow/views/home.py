"""The start page (what waits for the user) and the district dashboard."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.cases import access, selectors
from applications.cases.templatetags.tables import queue_rows, receipt_rows, recent_rows
from benefits.education_selectors import overdue_receipt_rows
from zhanakorgan_aid import roles
from zhanakorgan_aid.fragments import Fragment
from zhanakorgan_aid.markup import dmy
from zhanakorgan_aid.page import page_response

from .. import queues

HOME = Fragment(
    "_home_body.html",
    *(
        "today overdue_count overdue_rows receipt_count receipt_rows today_count today_rows"
        " upcoming_count upcoming_rows recent_rows"
    ).split(),
)


@login_required
def home(request):
    """Start page: what waits for the user by role and okrug (overdue, due today, upcoming),
    then the latest applications the user may see. Its text is a fragment
    (zhanakorgan_aid.fragments): the labels once per process and language, the rows each time."""
    today = timezone.localdate()
    user = request.user
    queue = queues.queue_for(user=user, on=today)
    recent = selectors.latest_rows_for(user, 10)
    receipts = []
    if roles.has_role(user, roles.CASEWORKER, roles.ADMINISTRATOR):
        receipts = overdue_receipt_rows(on=today, n=25)  # p11: 5 working days
    counts = queue["counts"]
    body = HOME.render(
        {
            "today": dmy(today),
            "overdue_count": counts["overdue"],
            "overdue_rows": queue_rows(queue["overdue"], "overdue"),
            "receipt_count": len(receipts),
            "receipt_rows": receipt_rows(receipts),
            "today_count": counts["today"],
            "today_rows": queue_rows(queue["today"], "today"),
            "upcoming_count": counts["upcoming"],
            "upcoming_rows": queue_rows(queue["upcoming"], "upcoming"),
            "recent_rows": recent_rows(recent),
        },
        registrar=access.can_register(user),
        sees_dashboard=roles.has_role(user, roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR),
        receipts=bool(receipts),
        no_overdue=not queue["overdue"],
        no_today=not queue["today"],
        no_upcoming=not queue["upcoming"],
        no_recent=not recent,
    )
    return page_response(request, _("Социальная помощь"), body)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """District dashboard: applications per step and overdue per okrug."""
    if not roles.has_role(request.user, roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR):
        raise PermissionDenied
    today = timezone.localdate()
    return render(
        request, "applications/dashboard.html", {"data": queues.dashboard(on=today), "today": today}
    )
