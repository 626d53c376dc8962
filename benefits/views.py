"""Pages of awards, payment lists, budgets and reports (p27–p32). Each view: a form, one gate,
one service, a message, a redirect; a rule the service refuses comes back as a message on
the same page with the input kept."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.cases.access import sees_full_iin
from applications.reference import rules
from zhanakorgan_aid.audit import personal_data_access_record
from zhanakorgan_aid.filtering import filter_description
from zhanakorgan_aid.spreadsheets import filtered_list_workbook
from zhanakorgan_aid.templatetags.aid import format_money

from . import access, exports, reports, selectors
from .exceptions import BenefitsError
from .filters import AwardFilter, PaymentListFilter
from .forms import (
    BankResultForm,
    BudgetForm,
    BudgetOverrideForm,
    MarkPaidForm,
    PaymentListBuildForm,
    RepaymentForm,
    ReportForm,
    TerminationForm,
)
from .models import Recovery
from .services import budgets as budget_services
from .services import payments as payment_services
from .services import recovery as recovery_services
from .tables import (
    AwardTable,
    BudgetOverrideTable,
    PaymentListItemTable,
    PaymentListTable,
    RepaymentTable,
    ScheduleTable,
)

PAGE_SIZE = 25
ITEMS_PAGE_SIZE = 100  # a payment list's rows on a page


# --- awards ----------------------------------------------------------------------------------


@login_required
def award_list(request: HttpRequest) -> HttpResponse:
    """The awards found by IIN or surname, status, category and okrug, a page at a time."""
    access.require_view(request.user)
    filters = AwardFilter(request.GET or None)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    table = AwardTable(page, request=request, full_iin=sees_full_iin(request.user))
    return render(
        request,
        "benefits/award_list.html",
        {"filter": filters, "table": table, "export_query": request.GET.urlencode()},
    )


@login_required
def award_list_export(request: HttpRequest) -> HttpResponse:
    """The awards found, as an XLSX workbook with the filter in its title (at most
    spreadsheets.EXPORT_ROW_CAP rows; more are sent back to the list with a message)."""
    access.require_view(request.user)
    filters = AwardFilter(request.GET or None)
    return filtered_list_workbook(
        request,
        rows=filters.qs,
        list_url=reverse("benefits:award_list"),
        table=lambda: AwardTable(filters.qs, request=request, full_iin=sees_full_iin(request.user)),
        title=filter_description(filters, _("Назначения")),
        sheet=_("Назначения"),
        stem="naznacheniya",
    )


@login_required
def award_detail(
    request: HttpRequest, pk: int, *, termination_form=None, repayment_forms=None
) -> HttpResponse:
    """An award with its schedule (p30), its termination (p27) and its overpayments (p28)."""
    award = access.award_get_for(user=request.user, pk=pk)
    panels = selectors.award_panels(award)
    return render(
        request,
        "benefits/award_detail.html",
        {
            "award": award,
            "schedule": ScheduleTable(
                panels.schedule,
                request=request,
                by_month=rules.paid_over_a_period(award.periodicity),
            ),
            "termination": panels.termination,
            "recoveries": _recoveries(request, panels.recoveries, repayment_forms or {}),
            "termination_form": termination_form or TerminationForm(),
            "can_manage": access.can_manage_awards(request.user),
            "full_iin": sees_full_iin(request.user),
        },
    )


def _recoveries(request, recoveries, forms: dict) -> list[tuple]:
    """Each overpayment with its repayments' table and its repayment form (p28), the one the
    user sent back with its input when the service refused it."""
    return [
        (
            recovery,
            RepaymentTable(recovery.repayments.all(), request=request),
            forms.get(recovery.pk) or RepaymentForm(prefix=f"r{recovery.pk}"),
        )
        for recovery in recoveries
    ]


@login_required
@require_POST
def award_terminate(request: HttpRequest, pk: int) -> HttpResponse:
    award = access.award_get_for(user=request.user, pk=pk)
    access.require(access.can_manage_awards(request.user))
    form = TerminationForm(request.POST)
    if form.is_valid():
        try:
            termination = recovery_services.award_terminate(
                award=award, actor=request.user, **form.cleaned_data
            )
        except BenefitsError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Выплата прекращена с %(m)s.") % {"m": termination.event_date.strftime("%m.%Y")},
            )
            if hasattr(termination, "recovery"):
                messages.warning(
                    request,
                    _("Образовалась переплата к возврату: %(s)s.")
                    % {"s": format_money(termination.recovery.amount)},
                )
            return redirect(award)
    return award_detail(request, pk, termination_form=form)


@login_required
@require_POST
def recovery_repay(request: HttpRequest, pk: int) -> HttpResponse:
    recovery = access.recovery_get_for(user=request.user, pk=pk)
    access.require(access.can_manage_awards(request.user))
    form = RepaymentForm(request.POST, prefix=f"r{recovery.pk}")
    if form.is_valid():
        try:
            recovery_services.recovery_repay(
                recovery=recovery, actor=request.user, **form.cleaned_data
            )
        except BenefitsError as error:
            form.add_error("amount", str(error))
        else:
            recovery.refresh_from_db()
            if recovery.status == Recovery.Status.CLOSED:
                messages.success(request, _("Переплата погашена полностью."))
            else:
                messages.success(
                    request,
                    _("Погашение внесено. Остаток: %(b)s.") % {"b": format_money(recovery.balance)},
                )
            return redirect(recovery.award)
    return award_detail(request, recovery.award_id, repayment_forms={recovery.pk: form})


# --- payment lists ---------------------------------------------------------------------------


@login_required
def payment_list_index(request: HttpRequest, *, build_form=None) -> HttpResponse:
    """The payment lists, newest first, filtered, and the form that builds one (p29)."""
    access.require_view(request.user)
    filters = PaymentListFilter(request.GET or None)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "benefits/payment_list_index.html",
        {
            "filter": filters,
            "export_query": request.GET.urlencode(),
            "table": PaymentListTable(page, request=request),
            "form": build_form or PaymentListBuildForm(),
            "can_manage": access.can_manage_payments(request.user),
        },
    )


@login_required
def payment_list_index_export(request: HttpRequest) -> HttpResponse:
    """The payment lists found, as an XLSX workbook with the filter in its title (at most
    spreadsheets.EXPORT_ROW_CAP rows; more are sent back to the list with a message)."""
    access.require_view(request.user)
    filters = PaymentListFilter(request.GET or None)
    return filtered_list_workbook(
        request,
        rows=filters.qs,
        list_url=reverse("benefits:payment_list_index"),
        table=lambda: PaymentListTable(filters.qs, request=request),
        title=filter_description(filters, _("Платёжные ведомости")),
        sheet=_("Ведомости"),
        stem="vedomosti",
    )


@login_required
@require_POST
def payment_list_build(request: HttpRequest) -> HttpResponse:
    access.require_view(request.user)
    access.require(access.can_manage_payments(request.user))
    form = PaymentListBuildForm(request.POST)
    if form.is_valid():
        try:
            payment_list = payment_services.payment_list_build(
                actor=request.user, **form.cleaned_data
            )
        except BenefitsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Ведомость «%(t)s» сформирована.") % {"t": payment_list.title}
            )
            if payment_list.skipped_without_account:
                messages.warning(
                    request,
                    _("Не включено выплат без счёта (IBAN) получателя: %(n)s.")
                    % {"n": payment_list.skipped_without_account},
                )
            if payment_list.awaiting_new_account:
                messages.warning(
                    request,
                    _(
                        "Не включено выплат, возвращённых банком, пока счёт (IBAN) получателя "
                        "не исправлен: %(n)s."
                    )
                    % {"n": payment_list.awaiting_new_account},
                )
            return redirect(payment_list)
    return payment_list_index(request, build_form=form)


@login_required
def payment_list_detail(
    request: HttpRequest, pk: int, *, paid_form=None, bank_form=None, status=200
) -> HttpResponse:
    """A payment list: its totals per bank, what the bank paid, returned and has not answered
    yet, and its rows, 100 a page (p29)."""
    payment_list = access.payment_list_get_for(user=request.user, pk=pk)
    panels = selectors.payment_list_panels(payment_list)
    page = Paginator(panels.items, ITEMS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "benefits/payment_list_detail.html",
        {
            "payment_list": payment_list,
            "panels": panels,
            "table": PaymentListItemTable(page, request=request),
            "paid_form": paid_form or MarkPaidForm(initial={"paid_on": timezone.localdate()}),
            "bank_form": bank_form or BankResultForm(),
            "can_manage": access.can_manage_payments(request.user),
        },
        status=status,
    )


@login_required
def payment_list_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    payment_list = access.payment_list_get_for(user=request.user, pk=pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    filename = exports.payment_list_filename(payment_list, fmt)
    personal_data_access_record(request=request, obj=payment_list, action="export")
    if fmt == "xlsx":
        return exports.xlsx_response(
            exports.payment_list_sheet(payment_list),
            filename,
            sheet=_("Ведомость"),
            bold_rows=(0, exports.SHEET_HEADER_ROW),
        )
    return exports.csv_response(exports.payment_list_rows(payment_list), filename)


@login_required
@require_POST
def payment_list_send(request: HttpRequest, pk: int) -> HttpResponse:
    payment_list = access.payment_list_get_for(user=request.user, pk=pk)
    access.require(access.can_manage_payments(request.user))
    try:
        payment_services.payment_list_mark_sent(payment_list=payment_list, actor=request.user)
    except BenefitsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Ведомость отмечена как отправленная в банк."))
    return redirect(payment_list)


@login_required
@require_POST
def payment_list_pay(request: HttpRequest, pk: int) -> HttpResponse:
    payment_list = access.payment_list_get_for(user=request.user, pk=pk)
    access.require(access.can_manage_payments(request.user))
    form = MarkPaidForm(request.POST)
    if not form.is_valid():
        return payment_list_detail(request, pk, paid_form=form)
    try:
        payment_services.payment_list_mark_paid(
            payment_list=payment_list, paid_on=form.cleaned_data["paid_on"], actor=request.user
        )
    except BenefitsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Ведомость оплачена: выплаты отмечены выплаченными."))
    return redirect(payment_list)


@login_required
@require_POST
def payment_list_discard(request: HttpRequest, pk: int) -> HttpResponse:
    payment_list = access.payment_list_get_for(user=request.user, pk=pk)
    access.require(access.can_manage_payments(request.user))
    try:
        payment_services.payment_list_discard(payment_list=payment_list, actor=request.user)
    except BenefitsError as error:
        messages.error(request, str(error))
        return redirect(payment_list)
    messages.success(request, _("Черновик ведомости удалён, выплаты снова запланированы."))
    return redirect("benefits:payment_list_index")


# --- budgets ---------------------------------------------------------------------------------


@login_required
def budget_dashboard(request: HttpRequest, *, budget_form=None, override_form=None) -> HttpResponse:
    """Each programme's budget of the year beside what is committed and paid, and the awards
    allowed beyond it (p31)."""
    access.require_view(request.user)
    year = _year(request.GET.get("year"))
    budget_year = selectors.budget_year(year=year)
    return render(
        request,
        "benefits/budget_dashboard.html",
        {
            "year": year,
            "years": range(year - 3, year + 2),
            "lines": budget_year.lines,
            "overrides": BudgetOverrideTable(budget_year.overrides, request=request),
            "budget_form": budget_form or BudgetForm(initial={"year": year}),
            "override_form": override_form or BudgetOverrideForm(),
            "can_manage": access.can_manage_payments(request.user),
        },
    )


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
@require_POST
def budget_save(request: HttpRequest) -> HttpResponse:
    access.require_view(request.user)
    access.require(access.can_manage_payments(request.user))
    form = BudgetForm(request.POST)
    if not form.is_valid():
        return budget_dashboard(request, budget_form=form)
    budget = budget_services.budget_set(**form.cleaned_data)
    messages.success(request, _("Бюджет «%(b)s» сохранён.") % {"b": budget})
    return redirect(f"{_dashboard_url()}?year={budget.year}")


@login_required
@require_POST
def budget_override(request: HttpRequest) -> HttpResponse:
    access.require_view(request.user)
    access.require(access.can_manage_payments(request.user))
    form = BudgetOverrideForm(request.POST)
    if not form.is_valid():
        return budget_dashboard(request, override_form=form)
    data = form.cleaned_data
    override = budget_services.budget_override_record(
        budget=data["budget"],
        amount=data["amount"],
        reason=data["reason"],
        application=data["application_number"],
        actor=request.user,
    )
    messages.success(request, _("Превышение бюджета «%(b)s» разрешено.") % {"b": override.budget})
    return redirect(f"{_dashboard_url()}?year={override.budget.year}")


def _dashboard_url() -> str:
    return reverse("benefits:budget_dashboard")


# --- reports (p32) ---------------------------------------------------------------------------


def _report_period(request: HttpRequest) -> tuple[ReportForm, datetime.date, datetime.date]:
    today = timezone.localdate()
    initial = {"date_from": today.replace(month=1, day=1), "date_to": today}
    form = ReportForm(request.GET or None, initial=initial)
    if form.is_valid():
        return form, form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    return form, initial["date_from"], initial["date_to"]


@login_required
def report(request: HttpRequest) -> HttpResponse:
    access.require_view(request.user)
    form, date_from, date_to = _report_period(request)
    rows = reports.report_rows(date_from=date_from, date_to=date_to)
    return render(
        request,
        "benefits/report.html",
        {
            "form": form,
            "rows": rows,
            "totals": reports.report_totals(rows),
            "bars": reports.month_bars(rows),
            "date_from": date_from,
            "date_to": date_to,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def report_xlsx(request: HttpRequest) -> HttpResponse:
    access.require_view(request.user)
    _form, date_from, date_to = _report_period(request)
    rows = reports.report_rows(date_from=date_from, date_to=date_to)
    filename = f"otchet-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"
    return exports.xlsx_response(reports.report_table(rows), filename, sheet=_("Отчёт"))


@login_required
def esobes_export(request: HttpRequest) -> HttpResponse:
    """The flat file of awards and payments for E-Sobes (docs/esobes_export.md)."""
    access.require_view(request.user)
    _form, date_from, date_to = _report_period(request)
    payments = selectors.esobes_payments(date_from=date_from, date_to=date_to)
    filename = f"esobes-{date_from:%Y%m%d}-{date_to:%Y%m%d}.csv"
    personal_data_access_record(request=request, obj=request.user, action="export")
    return exports.csv_response(exports.esobes_rows(payments), filename)
