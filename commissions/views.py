"""The printed documents of an application: the draft preview, the issued copy as signed off,
and the issue of the notice of the decision (p25)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhanakorgan_aid.audit import personal_data_access_record
from zhanakorgan_aid.exceptions import RuleViolation

from . import access
from .documents import KINDS, LANGS, document_context, template_name
from .models import IssuedDocument
from .pdf import render_pdf
from .services.documents import notice_issue


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
    except RuleViolation as error:
        messages.error(request, str(error))
        return redirect(application)
    pdf = render_pdf(template_name(kind, lang), context)
    personal_data_access_record(request=request, obj=application, action="print")
    return pdf_response(pdf, f"{kind}-{application.number}-{lang}-draft.pdf")


def issue_notice(request: HttpRequest, application, kind: str) -> HttpResponse:
    if kind != IssuedDocument.Kind.NOTICE:
        raise Http404
    if not access.may_issue_notice(request.user):
        raise PermissionDenied
    try:
        notice_issue(application=application, actor=request.user)
    except RuleViolation as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Уведомление о решении выдано (на русском и казахском языках).")
        )
    return redirect(application)
