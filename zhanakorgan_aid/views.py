from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from applications import access, queues, selectors
from benefits.education_selectors import overdue_receipt_rows
from zhanakorgan_aid import roles


@login_required
def home(request):
    """Start page: what waits for the user by role and okrug (overdue, due today, upcoming),
    then the latest applications the user may see."""
    today = timezone.localdate()
    recent = selectors.latest_rows_for(request.user, 10)
    receipts = None
    if roles.has_role(request.user, roles.CASEWORKER, roles.ADMINISTRATOR):
        receipts = overdue_receipt_rows(on=today, n=25)  # p11: 5 working days
    return render(
        request,
        "home.html",
        {
            "overdue_receipts": receipts,
            "queue": queues.queue_for(user=request.user, on=today),
            "today": today,
            "recent": recent,
            "full_iin": access.sees_full_iin(request.user),
            "sees_dashboard": roles.has_role(
                request.user, roles.CASEWORKER, roles.ADMINISTRATOR, roles.AUDITOR
            ),
        },
    )
