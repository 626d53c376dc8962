"""Commission pages: the survey act with the local conclusion (annexes 1 and 2), the special
commission's conclusion, and the printed documents (draft preview, issued copy)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from applications.cases.exceptions import ApplicationError
from benefits.exceptions import BenefitsError
from zhanakorgan_aid import roles
from zhanakorgan_aid.audit import personal_data_access_record

from . import access, selectors
from .caps import category_cap
from .documents import KINDS, LANGS, document_context, template_name
from .exceptions import AmountOverCap, CommissionError, DocumentNotAvailable
from .forms import (
    ActRowFormSet,
    LocalConclusionForm,
    SpecialConclusionForm,
    SurveyActForm,
    SurveyRefusalForm,
)
from .models import IssuedDocument
from .pdf import render_pdf
from .services.documents import notice_issue
from .services.special import special_conclusion_record
from .services.survey import (
    ActRow,
    local_conclusion_record,
    survey_act_record,
    survey_refusal_record,
)

RULE_ERRORS = (CommissionError, ApplicationError, BenefitsError)


def survey_forms(request: HttpRequest, application) -> dict:
    """The act, its employment table, the conclusion and the refusal, bound on POST to the
    form that was sent and pre-filled from the records otherwise."""
    action = request.POST.get("action") if request.method == "POST" else None
    data = request.POST if action == "act" else None
    today = timezone.localdate()
    members = selectors.family_members(application)
    return {
        "act_form": SurveyActForm(
            data,
            application=application,
            initial=selectors.survey_initial(application=application, on=today),
        ),
        "rows": ActRowFormSet(
            data, prefix="rows", members=members, initial=selectors.survey_rows_initial(application)
        ),
        "conclusion_form": LocalConclusionForm(
            data,
            application=application,
            initial={"concluded_on": today, "documents_count": application.documents.count()},
        ),
        "refusal_form": SurveyRefusalForm(
            request.POST if action == "refusal" else None,
            application=application,
            initial={"refused_on": today, "signed_by": application.applicant.full_name},
        ),
        "members": {m.person_id: m for m in members},
    }


def record_act(request, application, forms) -> bool:
    """The act and the conclusion in one transaction: both are written or neither (p19)."""
    act_form, rows, conclusion_form = forms["act_form"], forms["rows"], forms["conclusion_form"]
    if not (act_form.is_valid() and rows.is_valid() and conclusion_form.is_valid()):
        return False
    members = forms["members"]
    act_rows = [
        ActRow(
            person=members[f.cleaned_data["person"]].person,
            relation=members[f.cleaned_data["person"]].relation,
            **{k: v for k, v in f.cleaned_data.items() if k != "person"},
        )
        for f in rows.forms
    ]
    try:
        with transaction.atomic():
            survey_act_record(
                application=application, actor=request.user, rows=act_rows, **act_form.cleaned_data
            )
            local_conclusion_record(
                application=application, actor=request.user, **conclusion_form.service_fields()
            )
    except RULE_ERRORS as error:
        act_form.add_error(None, str(error))
        return False
    return True


def record_refusal(request, application, forms) -> bool:
    form = forms["refusal_form"]
    if not form.is_valid():
        return False
    try:
        survey_refusal_record(application=application, actor=request.user, **form.cleaned_data)
    except RULE_ERRORS as error:
        form.add_error(None, str(error))
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    """Annex 1 (the act, or the refusal of the survey) and annex 2 on one page (p19)."""
    application = access.survey_application_get_for(user=request.user, pk=pk)
    forms = survey_forms(request, application)
    action = request.POST.get("action")
    if request.method == "POST" and action == "act" and record_act(request, application, forms):
        messages.success(
            request,
            _(
                "Акт обследования и заключение участковой комиссии № %(n)s "
                "составлены, документы выданы."
            )
            % {"n": request.POST["number"]},
        )
        return redirect(application)
    if (
        request.method == "POST"
        and action == "refusal"
        and record_refusal(request, application, forms)
    ):
        messages.success(
            request,
            _(
                "Отказ заявителя от обследования зафиксирован: основание "
                "для отказа в помощи по п. 26, пп. 2."
            ),
        )
        return redirect(application)
    if request.method == "POST" and action not in ("act", "refusal"):
        messages.error(request, _("Неизвестное действие."))
    return render(
        request,
        "commissions/survey.html",
        {
            "application": application,
            "act": selectors.survey_act_of(application),
            "conclusion": selectors.related_or_none(application, "local_conclusion"),
            "incomes": selectors.family_incomes(application=application),
            "open": application.status == application.Status.AT_LOCAL_COMMISSION,
            **forms,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def special_conclusion(request: HttpRequest, pk: int) -> HttpResponse:
    """The special commission concludes on need and the amount, within the cap (p14, p23)."""
    application = access.special_application_get_for(user=request.user, pk=pk)
    form = SpecialConclusionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            special_conclusion_record(
                application=application, actor=request.user, **form.service_fields()
            )
        except AmountOverCap as error:
            form.add_error("amount", str(error))
        except RULE_ERRORS as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Заключение специальной комиссии по заявлению № %(n)s вынесено.")
                % {"n": application.number},
            )
            return redirect(application)
    cap, cap_error = None, ""
    try:
        cap = category_cap(
            category=application.category,
            members=selectors.members_count(application),
            on=timezone.localdate(),
        )
    except RULE_ERRORS as error:
        cap_error = str(error)
    return render(
        request,
        "commissions/special_conclusion.html",
        {
            "application": application,
            "form": form,
            "cap": cap,
            "cap_error": cap_error,
            "act": selectors.survey_act_of(application),
            "local_conclusion": selectors.related_or_none(application, "local_conclusion"),
            "conclusion": selectors.related_or_none(application, "special_conclusion"),
            "open": application.status == application.Status.AT_SPECIAL_COMMISSION,
        },
    )


def pdf_response(pdf: bytes, filename: str, sha256: str = "") -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if sha256:
        response["X-Document-SHA256"] = sha256
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document(request: HttpRequest, pk: int, kind: str, lang: str) -> HttpResponse:
    """The issued copy of a document exactly as signed off, or a draft marked «ПРОЕКТ».
    POST on the notice issues it once the decision exists (p25)."""
    application = access.document_application_get_for(user=request.user, pk=pk)
    if kind not in KINDS or lang not in LANGS:
        raise Http404
    if request.method == "POST":
        return issue_notice(request, application, kind)
    issued = IssuedDocument.objects.filter(application=application, kind=kind, lang=lang).first()
    if issued is not None:
        personal_data_access_record(request=request, obj=issued, action="download")
        return pdf_response(bytes(issued.pdf), issued.filename, issued.sha256)
    try:
        context = document_context(application=application, kind=kind, lang=lang, draft=True)
    except RULE_ERRORS + (DocumentNotAvailable,) as error:
        messages.error(request, str(error))
        return redirect(application)
    pdf = render_pdf(template_name(kind, lang), context)
    personal_data_access_record(request=request, obj=application, action="print")
    return pdf_response(pdf, f"{kind}-{application.number}-{lang}-draft.pdf")


def issue_notice(request: HttpRequest, application, kind: str) -> HttpResponse:
    if kind != IssuedDocument.Kind.NOTICE:
        raise Http404
    if not roles.has_role(request.user, roles.CASEWORKER, roles.ADMINISTRATOR):
        raise PermissionDenied
    try:
        notice_issue(application=application, actor=request.user)
    except (DocumentNotAvailable,) + RULE_ERRORS as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Уведомление о решении выдано (на русском и казахском языках).")
        )
    return redirect(application)
