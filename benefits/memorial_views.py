"""Pages of memorial-date lists (p5, p6, p15): import with a preview, the lists, one list with
its rows, the akimat's approval. Caseworkers and administrators act; the auditor reads."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import memorial_selectors as selectors
from .exceptions import BenefitsError
from .memorial_forms import MemorialApproveForm, MemorialConfirmForm, MemorialImportForm
from .memorial_resources import FileUnreadable, MemorialListResource
from .services import memorial as service
from .tables import MemorialListTable, MemorialRowTable

PAGE_SIZE = 100
PREVIEW_GOOD_SHOWN = 300
UPLOAD_DIR = "memorial_imports"


def require_read(user) -> None:
    if not selectors.can_read(user):
        raise Http404


def require_manage(user) -> None:
    require_read(user)
    if not selectors.can_manage(user):
        raise PermissionDenied


@login_required
def memorial_list_index(request: HttpRequest) -> HttpResponse:
    """The memorial-date lists, the latest year first (p15)."""
    require_read(request.user)
    lists = selectors.memorial_list_list(user=request.user)
    return render(
        request,
        "benefits/memorial/list_index.html",
        {
            "table": MemorialListTable(lists, request=request),
            "can_manage": selectors.can_manage(request.user),
        },
    )


@login_required
def memorial_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The empty list with its columns, for the authorized organization to fill in."""
    require_read(request.user)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    content_type = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv; charset=utf-8",
    }[fmt]
    content = MemorialListResource().template(fmt, categories=selectors.memorial_categories())
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="memorial_list_template.{fmt}"'
    return response


@login_required
def memorial_import(request: HttpRequest) -> HttpResponse:
    """Upload and check: nothing is saved but the file itself, kept aside for the confirm."""
    require_manage(request.user)
    form = MemorialImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            preview = service.memorial_preview_from_file(
                occasion=form.cleaned_data["occasion"],
                year=form.cleaned_data["year"],
                content=content,
                file_name=upload.name,
                pay_date=form.cleaned_data["pay_date"],
            )
        except (FileUnreadable, BenefitsError) as error:
            form.add_error("file", str(error))
        else:
            token = uuid.uuid4().hex
            default_storage.save(_upload_path(token), ContentFile(content))
            return _render_preview(request, preview, token=token, file_name=upload.name)
    return render(
        request,
        "benefits/memorial/import.html",
        {"form": form, "categories": selectors.memorial_categories()},
    )


def _upload_path(token: str) -> str:
    return f"{UPLOAD_DIR}/{token}.bin"


def _render_preview(
    request, preview, *, token, file_name, excluded=(), warnings_checked=False, status=200
):
    good = preview.good_lines
    if not preview.bad_lines and status == 200:
        messages.info(request, _("Ошибок нет: проверьте суммы и подтвердите загрузку."))
    return render(
        request,
        "benefits/memorial/preview.html",
        {
            "preview": preview,
            "token": token,
            "file_name": file_name,
            "good_shown": good[:PREVIEW_GOOD_SHOWN],
            "good_hidden": max(len(good) - PREVIEW_GOOD_SHOWN, 0),
            "excluded": set(excluded),
            "warnings_checked": warnings_checked,
        },
        status=status,
    )


@login_required
@require_POST
def memorial_import_confirm(request: HttpRequest) -> HttpResponse:
    """Save the list from the kept file, leaving out the lines the user ticked (p15)."""
    require_manage(request.user)
    form = MemorialConfirmForm(request.POST, lines=request.POST.getlist("exclude"))
    if not form.is_valid() or not default_storage.exists(_upload_path(form.data["token"])):
        messages.error(request, _("Загрузка устарела: выберите файл ещё раз."))
        return redirect("benefits:memorial_import")
    data = form.cleaned_data
    rows = _stored_rows(data)
    try:
        memorial_list = service.memorial_list_create(
            occasion=data["occasion"],
            year=data["year"],
            rows=rows,
            file_name=data["file_name"],
            actor=request.user,
            exclude_lines=data["exclude"],
            pay_date=data["pay_date"],
            warnings_checked=data["warnings_checked"],
        )
    except BenefitsError as error:
        messages.error(request, str(error))
        return _preview_again(request, data, rows)
    default_storage.delete(_upload_path(data["token"]))
    messages.success(
        request,
        _("Список сохранён: %(n)s строк. Он ждёт утверждения акиматом.")
        % {"n": memorial_list.rows.count()},
    )
    return redirect(memorial_list)


def _stored_rows(data: dict) -> list:
    """The kept file's lines, read as the preview read them."""
    with default_storage.open(_upload_path(data["token"]), "rb") as stored:
        return MemorialListResource().read(stored.read(), data["file_name"])


def _preview_again(request, data: dict, rows: list) -> HttpResponse:
    """The preview once more, the user's ticks kept, when the service refused the list (bad
    lines left in, warnings not confirmed)."""
    preview = service.memorial_preview_build(
        occasion=data["occasion"], year=data["year"], rows=rows, pay_date=data["pay_date"]
    )
    return _render_preview(
        request,
        preview,
        token=data["token"],
        file_name=data["file_name"],
        excluded=data["exclude"],
        warnings_checked=data["warnings_checked"],
        status=400,
    )


@login_required
def memorial_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A list with its figures and its rows, 100 a page; a draft can be approved (p15)."""
    memorial_list = selectors.memorial_list_get_for(user=request.user, pk=pk)
    rows = selectors.memorial_rows(memorial_list)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = selectors.can_manage(request.user)
    editable = can_manage and not memorial_list.is_locked
    return render(
        request,
        "benefits/memorial/detail.html",
        {
            "memorial_list": memorial_list,
            "table": MemorialRowTable(page, request=request, editable=editable),
            "can_manage": can_manage,
            "approve_form": MemorialApproveForm(),
        },
    )


@login_required
@require_POST
def memorial_approve(request: HttpRequest, pk: int) -> HttpResponse:
    require_manage(request.user)
    memorial_list = selectors.memorial_list_get_for(user=request.user, pk=pk)
    form = MemorialApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Укажите номер постановления акимата."))
        return redirect(memorial_list)
    try:
        service.memorial_list_approve(
            memorial_list=memorial_list,
            actor=request.user,
            decision_number=form.cleaned_data["decision_number"],
        )
    except BenefitsError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Список утверждён: назначения и выплаты созданы, список закрыт для изменений."),
        )
    return redirect(memorial_list)


@login_required
@require_POST
def memorial_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_manage(request.user)
    memorial_list = selectors.memorial_list_get_for(user=request.user, pk=pk)
    try:
        service.memorial_list_delete(memorial_list=memorial_list, actor=request.user)
    except BenefitsError as error:
        messages.error(request, str(error))
        return redirect(memorial_list)
    messages.success(request, _("Черновик списка удалён."))
    return redirect("benefits:memorial_list_index")


@login_required
@require_POST
def memorial_row_remove(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    require_manage(request.user)
    memorial_list = selectors.memorial_list_get_for(user=request.user, pk=pk)
    row = selectors.memorial_row_get(memorial_list=memorial_list, pk=row_pk)
    try:
        service.memorial_row_remove(row=row, actor=request.user)
    except BenefitsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Строка %(n)s исключена из списка.") % {"n": row.line_number})
    return redirect(memorial_list)
