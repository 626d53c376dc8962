"""Issuing the printed documents when a step is signed off (p19, p23, p25)."""

from django.db import transaction

from applications.cases.models import Application

from ..documents import LANGS, document_context, template_name
from ..models import IssuedDocument
from ..pdf import issue_document


def documents_issue(*, application: Application, kinds, actor) -> list[IssuedDocument]:
    """Issue each kind in Russian and in Kazakh; already issued ones stay as they were."""
    issued = []
    for kind in kinds:
        for lang in LANGS:
            context = document_context(application=application, kind=kind, lang=lang, draft=False)
            issued.append(
                issue_document(
                    application=application,
                    kind=kind,
                    lang=lang,
                    template_name=template_name(kind, lang),
                    context=context,
                    actor=actor,
                )
            )
    return issued


@transaction.atomic
def notice_issue(*, application: Application, actor) -> list[IssuedDocument]:
    """The written notice of the decision, with the ground of a refusal (p25): issued once the
    authorized body's decision exists."""
    return documents_issue(application=application, kinds=[IssuedDocument.Kind.NOTICE], actor=actor)
