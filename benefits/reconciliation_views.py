"""The bank's answer to a payment list (p29), in two steps: the file is uploaded and each line
shown with what confirming will do (paid, returned and why, or refused and why); then it is
confirmed. Nothing changes before the confirmation. The administrator does it; the auditor
reads the outcome on the list's page."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, views
from .exceptions import BenefitsError
from .forms import BankResultConfirmForm, BankResultForm
from .memorial_resources import FileUnreadable
from .models import PaymentList
from .resources import read_bank_result
from .services import reconciliation as service

UPLOAD_DIR = "bank_results"


def _managed_list(request: HttpRequest, pk: int) -> PaymentList:
    payment_list = access.payment_list_get_for(user=request.user, pk=pk)
    access.require(access.can_manage_payments(request.user))
    return payment_list


def _upload_path(token: str) -> str:
    return f"{UPLOAD_DIR}/{token}.bin"


@login_required
@require_POST
def payment_list_reconcile(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the bank's file and preview each line's outcome; only the file is kept aside."""
    payment_list = _managed_list(request, pk)
    form = BankResultForm(request.POST, request.FILES)
    if payment_list.status != PaymentList.Status.SENT:
        form.add_error(None, _("Ответ банка принимается только по ведомости, отправленной в банк."))
    if not form.is_valid():
        return views.payment_list_detail(request, pk, bank_form=form, status=400)
    upload = form.cleaned_data["file"]
    content = upload.read()
    try:
        lines = read_bank_result(content, upload.name)
    except FileUnreadable as error:
        form.add_error("file", str(error))
        return views.payment_list_detail(request, pk, bank_form=form, status=400)
    token = uuid.uuid4().hex
    default_storage.save(_upload_path(token), ContentFile(content))
    check = service.payment_list_reconciliation_check(payment_list=payment_list, lines=lines)
    return render(
        request,
        "benefits/payment_list_reconcile.html",
        {
            "payment_list": payment_list,
            "check": check,
            "confirm": BankResultConfirmForm(initial={"token": token, "file_name": upload.name}),
        },
    )


@login_required
@require_POST
def payment_list_reconcile_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the kept file: the paid and returned lines are recorded, the refused ones not."""
    payment_list = _managed_list(request, pk)
    form = BankResultConfirmForm(request.POST)
    if not form.is_valid() or not default_storage.exists(_upload_path(form.data["token"])):
        messages.error(request, _("Загрузка устарела: выберите файл ещё раз."))
        return redirect(payment_list)
    path = _upload_path(form.cleaned_data["token"])
    with default_storage.open(path, "rb") as stored:
        content = stored.read()
    try:
        lines = read_bank_result(content, form.cleaned_data["file_name"])
        result = service.payment_list_reconcile(
            payment_list=payment_list, lines=lines, actor=request.user
        )
    except (FileUnreadable, BenefitsError) as error:
        messages.error(request, str(error))
        return redirect(payment_list)
    default_storage.delete(path)
    messages.success(
        request,
        _("Ответ банка принят: зачислено %(p)s, возвращено %(r)s, отклонено строк файла: %(x)s.")
        % {"p": len(result.paid), "r": len(result.returned), "x": len(result.refused)},
    )
    return redirect(payment_list)
