"""The commissions' pages of an application: the local commission's survey act with its
conclusion (annexes 1 and 2) or the applicant's refusal, and the special commission's
conclusion. Recording them moves the application on (p19, p23)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from applications.cases import access as cases_access
from applications.cases.decision_basis import income_threshold
from commissions import access, selectors
from commissions.caps import Cap, category_cap
from commissions.documents import KINDS, LANGS
from commissions.exceptions import AmountOverCap
from commissions.forms import (
    ActRowFormSet,
    LocalConclusionForm,
    SpecialConclusionForm,
    SurveyActForm,
    SurveyRefusalForm,
)
from commissions.models import IssuedDocument
from commissions.services.survey import ActRow, survey_act_record
from zhanakorgan_aid.actions import (
    action_unknown,
    form_was_posted,
    posted_action,
    unknown_action_refuse,
)
from zhanakorgan_aid.exceptions import RuleViolation

from ..services.commissions import (
    application_local_conclusion_record,
    application_special_conclusion_record,
    application_survey_refusal_record,
)


@dataclass(frozen=True)
class PrintedDocument:
    """A cell of the printed documents' table: one kind in one language, issued or a draft."""

    kind: str
    lang: str
    issued: IssuedDocument | None


@dataclass(frozen=True)
class PrintedDocuments:
    """The panel of an application's printed documents: a row per kind, a cell per language."""

    rows: list[tuple[str, list[PrintedDocument]]]
    notice_issuable: bool


def printed_documents(application, user) -> PrintedDocuments:
    """The survey act, the conclusions, the family's composition and the notice of the
    decision, each in Russian and Kazakh: the issued copy, or a draft. The authorized body
    issues the notice once the decision exists, and only once (p25)."""
    issued = {(d.kind, d.lang): d for d in selectors.issued_documents(application)}
    rows = [
        (
            IssuedDocument.Kind(kind).label,
            [PrintedDocument(kind, lang, issued.get((kind, lang))) for lang in LANGS],
        )
        for kind in KINDS
    ]
    notice_issuable = (
        (IssuedDocument.Kind.NOTICE, "ru") not in issued
        and access.may_issue_notice(user)
        and selectors.related_or_none(application, "decision") is not None
    )
    return PrintedDocuments(rows, notice_issuable)


# The survey page's two forms: the act with its table and the conclusion (p19), and the
# applicant's refusal of the survey (p26(2)); the first form of each says why on a bad post.
SURVEY_FORMS = {"act": ("act_form", "rows", "conclusion_form"), "refusal": ("refusal_form",)}


def survey_forms(request: HttpRequest, application, action: str | None) -> dict:
    """The act, its employment table, the conclusion and the refusal, bound on POST to the
    form that was sent and pre-filled from the records otherwise. A post with no action or an
    unknown one binds the forms the user filled in, with why nothing was saved."""
    forms = survey_forms_bound(request, application, sent={action})
    if not action_unknown(request, action):
        return forms
    sent = {
        name
        for name, parts in SURVEY_FORMS.items()
        if any(form_was_posted(request, forms[part]) for part in parts)
    }
    forms = survey_forms_bound(request, application, sent=sent)
    unknown_action_refuse(request, [forms[parts[0]] for parts in SURVEY_FORMS.values()])
    return forms


def survey_forms_bound(request: HttpRequest, application, *, sent: set) -> dict:
    """The survey page's forms, those of the actions in `sent` bound to the POST."""
    data = request.POST if "act" in sent else None
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
            request.POST if "refusal" in sent else None,
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
            application_local_conclusion_record(
                application=application, actor=request.user, **conclusion_form.service_fields()
            )
    except RuleViolation as error:
        act_form.add_error(None, str(error))
        return False
    return True


def record_refusal(request, application, forms) -> bool:
    form = forms["refusal_form"]
    if not form.is_valid():
        return False
    try:
        application_survey_refusal_record(
            application=application, actor=request.user, **form.cleaned_data
        )
    except RuleViolation as error:
        form.add_error(None, str(error))
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    """Annex 1 (the act, or the refusal of the survey) and annex 2 on one page (p19)."""
    application = access.survey_application_get_for(user=request.user, pk=pk)
    action = posted_action(request, SURVEY_FORMS)
    forms = survey_forms(request, application, action)
    if action and record_survey(request, application, forms, action):
        return redirect(application)
    act = selectors.survey_act_of(application)
    return render(
        request,
        "commissions/survey.html",
        {
            "application": application,
            "act": act,
            "printed_documents": printed_documents(application, request.user) if act else None,
            "conclusion": selectors.related_or_none(application, "local_conclusion"),
            "incomes": selectors.family_incomes(application=application),
            "open": application.status == application.Status.AT_LOCAL_COMMISSION,
            **forms,
        },
        status=400 if action_unknown(request, action) else 200,
    )


def record_survey(request, application, forms, action: str) -> bool:
    """Record what was sent: the act with the conclusion (p19) or the applicant's refusal of
    the survey, a ground for refusal (p26(2)); True once it is recorded."""
    if action == "act" and record_act(request, application, forms):
        messages.success(
            request,
            _(
                "Акт обследования и заключение участковой комиссии № %(n)s "
                "составлены, документы выданы."
            )
            % {"n": request.POST["number"]},
        )
        return True
    if action == "refusal" and record_refusal(request, application, forms):
        messages.success(
            request,
            _(
                "Отказ заявителя от обследования зафиксирован: основание "
                "для отказа в помощи по п. 26, пп. 2."
            ),
        )
        return True
    return False


@login_required
@require_http_methods(["GET", "POST"])
def special_conclusion(request: HttpRequest, pk: int) -> HttpResponse:
    """The special commission concludes on need and the amount, within the cap (p14, p23)."""
    application = access.special_application_get_for(user=request.user, pk=pk)
    form = SpecialConclusionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and record_special(request, application, form):
        return redirect(application)
    cap, cap_error = cap_or_error(application)
    conclusion = selectors.related_or_none(application, "special_conclusion")
    act = selectors.survey_act_of(application)
    return render(
        request,
        "commissions/special_conclusion.html",
        {
            "application": application,
            "form": form,
            "cap": cap,
            "cap_error": cap_error,
            "act": act,
            "act_summary": selectors.act_summary(act),
            "members": selectors.family_members(application),
            "full_iin": cases_access.sees_full_iin(request.user),
            "incomes": selectors.family_incomes(application=application),
            "threshold": income_threshold(application, application.per_capita_income),
            "local_conclusion": selectors.related_or_none(application, "local_conclusion"),
            "conclusion": conclusion,
            "printed_documents": printed_documents(application, request.user)
            if conclusion
            else None,
            "open": application.status == application.Status.AT_SPECIAL_COMMISSION,
        },
    )


def record_special(request, application, form) -> bool:
    """Record the special commission's conclusion (p23); an amount over the cap (p14) goes back
    to its field, another broken rule to the form."""
    try:
        application_special_conclusion_record(
            application=application, actor=request.user, **form.service_fields()
        )
    except AmountOverCap as error:
        form.add_error("amount", str(error))
        return False
    except RuleViolation as error:
        form.add_error(None, str(error))
        return False
    messages.success(
        request,
        _("Заключение специальной комиссии по заявлению № %(n)s вынесено.")
        % {"n": application.number},
    )
    return True


def cap_or_error(application) -> tuple[Cap | None, str]:
    """The cap of the category for the family today (p7, p14), shown beside the amount, or why
    it cannot be computed (reference data missing)."""
    try:
        cap = category_cap(
            category=application.category,
            members=selectors.members_count(application),
            on=timezone.localdate(),
        )
    except RuleViolation as error:
        return None, str(error)
    return cap, ""
