"""The documents panel of an application and labels of the family records."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from applications.models import FamilyMember, Income
from zhanakorgan_aid import links, roles
from zhanakorgan_aid.markup import dmy, rows_html

from ..documents import KINDS, LANGS
from ..models import IssuedDocument
from ..selectors import related_or_none

register = template.Library()


@register.filter
def relation_label(code: str) -> str:
    return FamilyMember.Relation(code).label if code in FamilyMember.Relation.values else code


@register.filter
def income_label(code: str) -> str:
    return Income.Kind(code).label if code in Income.Kind.values else code


@register.inclusion_tag("commissions/_documents.html", takes_context=True)
def application_documents(context, application) -> dict:
    """Each document in Russian and Kazakh: the issued copy with its date and hash, or a draft.
    Usage on any page: {% load commissions %}{% application_documents application %}."""
    issued = {
        (d.kind, d.lang): d
        for d in IssuedDocument.objects.filter(application=application).only(
            "kind", "lang", "issued_on", "sha256"
        )
    }
    user = context["request"].user
    return {
        "application": application,
        "rows": _document_rows(application.pk, issued),
        "can_issue_notice": related_or_none(application, "decision") is not None
        and not issued.get(("notice", "ru"))
        and roles.has_role(user, roles.CASEWORKER, roles.ADMINISTRATOR),
        "csrf_token": context.get("csrf_token"),
    }


ISSUED = '<td>\n<a href="{}">{} {}</a> <small class="muted" title="SHA-256">{}…</small>\n</td>'
DRAFT = '<td>\n<a href="{}" class="muted">{}</a>\n</td>'


def _document_rows(pk: int, issued: dict) -> SafeString:
    """The table's rows, printed in Python like the other tables that repeat
    (applications/templatetags/tables.py): a document a row, a language a cell."""
    issued_word, draft_word = _("выдан"), _("проект")

    def cell(kind: str, lang: str) -> SafeString:
        href = links.url("commissions:document", pk, kind, lang)
        document = issued.get((kind, lang))
        if document is None:
            return rows_html(DRAFT, [(href, draft_word)])
        return rows_html(
            ISSUED, [(href, issued_word, dmy(document.issued_on), document.sha256[:12])]
        )

    return rows_html(
        "<tr><td>{}</td>{}</tr>",
        (
            (
                IssuedDocument.Kind(kind).label,
                mark_safe("".join(cell(kind, lang) for lang in LANGS)),
            )
            for kind in KINDS
        ),
    )
