"""The application list's content (rendered from a fragment; see zhanakorgan_aid.fragments)."""

from django.utils.safestring import SafeString
from django.utils.text import capfirst

from zhanakorgan_aid.fragments import Fragment
from zhanakorgan_aid.markup import rows_html

from . import access, selectors
from .templatetags.tables import application_rows

LIST_BODY = Fragment(
    "applications/_application_list_body.html",
    *"filters sort_value q rows query previous before number pages count next after".split(),
)
FILTER = '<p><label for="{}">{}</label><br>{}</p>'


def list_body(request, form, page, sort: str, query: str, sort_query: str) -> SafeString:
    """The list's content from a fragment (zhanakorgan_aid.fragments): the labels, the sort links
    and the pager's words rendered once per language and sort, the filters and rows each time."""
    rows = page.object_list
    first, last = (rows[0], rows[-1]) if rows else (None, None)
    return LIST_BODY.render(
        {
            "filters": rows_html(
                FILTER,
                ((f.id_for_label, capfirst(f.label), str(f)) for f in form if not f.is_hidden),
            ),
            "sort_value": sort,
            "q": sort_query,
            "rows": application_rows(rows, access.sees_full_iin(request.user)),
            "query": query,
            "previous": page.previous_page_number() if page.has_previous() else "",
            "before": first.pk if first else "",
            "number": page.number,
            "pages": page.paginator.num_pages,
            "count": page.paginator.count,
            "next": page.next_page_number() if page.has_next() else "",
            "after": last.pk if last else "",
        },
        # the sort links' branches: a known sort, or none of them (the address may say anything)
        sort=sort if sort in selectors.SORTS else "",
        empty=not rows,
        has_previous=page.has_previous(),
        has_next=page.has_next(),
        has_before=first is not None,
        has_after=last is not None,
    )
