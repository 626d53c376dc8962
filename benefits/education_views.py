"""Pages of education aid (p8–p13): the cases, a new application, one case with its years,
contract, transfers and receipts, and the receipts overdue. Caseworkers and administrators
act; the auditor reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhanakorgan_aid.audit import personal_data_access_record
from zhanakorgan_aid.filtering import filter_description
from zhanakorgan_aid.spreadsheets import filtered_list_workbook

from . import education_selectors as selectors
from .education_forms import (
    EducationCaseForm,
    ExpelForm,
    NextYearForm,
    ReceiptForm,
    TransferForm,
)
from .exceptions import BenefitsError
from .filters import EducationCaseFilter
from .services import education as service
from .tables import EducationCaseTable, OverdueReceiptTable

PAGE_SIZE = 25


def require_read(user) -> None:
    if not selectors.can_read(user):
        raise Http404


def require_manage(user) -> None:
    require_read(user)
    if not selectors.can_manage(user):
        raise PermissionDenied


@login_required
def education_list(request: HttpRequest) -> HttpResponse:
    """The education aid cases, the latest academic year first, filtered, a page at a time."""
    require_read(request.user)
    filters = _education_filter(request)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "benefits/education/list.html",
        {
            "filter": filters,
            "table": EducationCaseTable(page, request=request),
            "can_manage": selectors.can_manage(request.user),
            "export_query": request.GET.urlencode(),
        },
    )


@login_required
def education_list_export(request: HttpRequest) -> HttpResponse:
    """The filtered cases as an XLSX workbook, the filter in its title (at most
    spreadsheets.EXPORT_ROW_CAP rows; more are sent back to the list with a message)."""
    require_read(request.user)
    filters = _education_filter(request)
    return filtered_list_workbook(
        request,
        rows=filters.qs,
        list_url=reverse("benefits:education_list"),
        table=lambda: EducationCaseTable(filters.qs, request=request),
        title=filter_description(filters, _("Помощь на обучение")),
        sheet=_("Помощь на обучение"),
        stem="obuchenie",
    )


def _education_filter(request: HttpRequest) -> EducationCaseFilter:
    return EducationCaseFilter(
        request.GET or None, queryset=selectors.education_case_list(user=request.user)
    )


@login_required
def education_create(request: HttpRequest) -> HttpResponse:
    require_manage(request.user)
    form = EducationCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = service.education_case_register(
                family=data["family"],
                student=data["student_iin"],
                category=data["category"],
                degree=data["degree"],
                institution=data["institution"],
                speciality=data["speciality"],
                study_form=data["study_form"],
                academic_year=data["academic_year"],
                tuition=data["tuition"],
                student_document=data["student_document"],
                representative=form.representative(),
                actor=request.user,
            )
        except (BenefitsError, ValidationError) as error:
            form.add_error(
                None, error.messages if isinstance(error, ValidationError) else str(error)
            )
        else:
            messages.success(
                request,
                _("Заявление на обучение № %(n)s зарегистрировано.")
                % {"n": case.application.number},
            )
            return redirect(case)
    return render(request, "benefits/education/form.html", {"form": form})


@login_required
def education_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.education_case_get_for(user=request.user, pk=pk)
    return _render_detail(request, case)


def _render_detail(request, case, *, forms=None, status=200):
    """A case with its academic years, their payments and recoveries, and its contracts (p10–p13);
    a form the service refused comes back in `forms` with its input."""
    today = timezone.localdate()
    panels = selectors.education_case_panels(case)
    context = {
        "case": case,
        "years": panels.years,
        "today": today,
        "documents": panels.contracts,
        "can_manage": selectors.can_manage(request.user),
        "transfer_form": TransferForm(initial={"arrived_on": today}),
        "receipt_form": ReceiptForm(initial={"received_on": today}),
        "next_form": NextYearForm(),
        "expel_form": ExpelForm(initial={"expelled_on": today}),
        "failed_year": None,
    }
    context.update(forms or {})
    return render(request, "benefits/education/detail.html", context, status=status)


def _manage_case(request, pk):
    require_manage(request.user)
    return selectors.education_case_get_for(user=request.user, pk=pk)


@login_required
@require_POST
def education_decide(request: HttpRequest, pk: int) -> HttpResponse:
    case = _manage_case(request, pk)
    try:
        case = service.education_case_decide(case=case, actor=request.user)
    except BenefitsError as error:
        messages.error(request, str(error))
    else:
        if case.status == case.Status.AWARDED:
            messages.success(
                request, _("Помощь назначена; договор № %(n)s.") % {"n": case.contract_number}
            )
        else:
            messages.warning(request, _("Отказано: %(why)s") % {"why": case.refusal})
    return redirect(case)


@login_required
@require_POST
def education_contract_issue(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    case = _manage_case(request, pk)
    try:
        document = service.education_contract_issue(case=case, lang=lang, actor=request.user)
    except BenefitsError as error:
        messages.error(request, str(error))
        return redirect(case)
    messages.success(
        request, _("Договор выдан (%(lang)s).") % {"lang": document.get_lang_display()}
    )
    return redirect(case)


@login_required
def education_contract_download(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    case = selectors.education_case_get_for(user=request.user, pk=pk)
    document = selectors.education_contract_get(case=case, lang=lang)
    personal_data_access_record(request=request, obj=document, action="download")
    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="contract_{case.contract_number}_{lang}.pdf"'
    )
    return response


def _year_action(request, pk, year_pk, form_class, form_name, action, done):
    case = _manage_case(request, pk)
    year = selectors.education_year_get(case=case, pk=year_pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(year=year, actor=request.user, **form.cleaned_data)
        except BenefitsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(case)
    messages.error(request, _("Исправьте ошибки в форме."))
    return _render_detail(
        request, case, forms={form_name: form, "failed_year": year.pk}, status=400
    )


@login_required
@require_POST
def education_transfer(request: HttpRequest, pk: int, year_pk: int) -> HttpResponse:
    return _year_action(
        request,
        pk,
        year_pk,
        TransferForm,
        "transfer_form",
        service.education_transfer_record,
        _("Поступление денег отмечено; срок квитанции — 5 рабочих дней (п. 11)."),
    )


@login_required
@require_POST
def education_receipt(request: HttpRequest, pk: int, year_pk: int) -> HttpResponse:
    return _year_action(
        request,
        pk,
        year_pk,
        ReceiptForm,
        "receipt_form",
        service.education_receipt_record,
        _("Квитанция об оплате обучения принята."),
    )


@login_required
@require_POST
def education_next_year(request: HttpRequest, pk: int) -> HttpResponse:
    case = _manage_case(request, pk)
    form = NextYearForm(request.POST)
    if form.is_valid():
        try:
            year = service.education_year_continue(
                case=case, actor=request.user, **form.cleaned_data
            )
        except BenefitsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Помощь на %(y)s учебный год назначена.") % {"y": year.academic_year_label},
            )
            return redirect(case)
    messages.error(request, _("Помощь на следующий год не назначена."))
    return _render_detail(request, case, forms={"next_form": form}, status=400)


@login_required
@require_POST
def education_expel(request: HttpRequest, pk: int) -> HttpResponse:
    case = _manage_case(request, pk)
    form = ExpelForm(request.POST)
    if form.is_valid():
        try:
            recoveries = service.education_case_expel(
                case=case, actor=request.user, **form.cleaned_data
            )
        except BenefitsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Отчисление отмечено; к возврату: %(n)s.") % {"n": len(recoveries)}
            )
            return redirect(case)
    messages.error(request, _("Отчисление не отмечено."))
    return _render_detail(request, case, forms={"expel_form": form}, status=400)


@login_required
def education_overdue(request: HttpRequest) -> HttpResponse:
    """Receipts not brought within 5 working days after the money arrived (p11)."""
    require_read(request.user)
    today = timezone.localdate()
    years = selectors.education_receipts_overdue(on=today)
    return render(
        request,
        "benefits/education/overdue.html",
        {"table": OverdueReceiptTable(years, request=request), "today": today},
    )
