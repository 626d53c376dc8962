"""The panel of an application's printed documents (the survey act, the conclusions, the notice
of the decision), shown on the application page and the commissions' pages."""

import functools

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zhanakorgan_aid import links, roles
from zhanakorgan_aid.compiled import Statement
from zhanakorgan_aid.fragments import Fragment
from zhanakorgan_aid.markup import dmy, rows_html

from .documents import KINDS, LANGS
from .models import IssuedDocument
from .selectors import related_or_none

PANEL = Fragment("commissions/_documents.html", "rows", "notice_url", "csrf")


def documents_panel(application, user, csrf_token) -> SafeString:
    """The panel of the application's printed documents (zhanakorgan_aid.fragments), with the
    button that issues the notice of the decision to a caseworker while none is issued."""
    issued = {
        (kind, lang): (issued_on, sha256)
        for kind, lang, issued_on, sha256 in _issued().fetch(application=application.pk)
    }
    return PANEL.render(
        {
            "rows": _document_rows(application.pk, issued),
            "notice_url": links.url("commissions:document", application.pk, "notice", "ru"),
            "csrf": str(csrf_token or ""),
        },
        can_issue_notice=related_or_none(application, "decision") is not None
        and ("notice", "ru") not in issued
        and roles.has_role(user, roles.CASEWORKER, roles.ADMINISTRATOR),
    )


@functools.cache
def _issued() -> Statement:
    return Statement(
        lambda v: (
            IssuedDocument.objects.filter(application_id=v.application)
            .order_by()
            .values_list("kind", "lang", "issued_on", "sha256")
        ),
        application=int,
    )


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
        issued_on, sha256 = document
        return rows_html(ISSUED, [(href, issued_word, dmy(issued_on), sha256[:12])])

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
