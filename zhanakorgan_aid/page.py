"""A page of the busiest views (the lists, an application, the work queue) put together without
the template engine: base.html around a body the view has built (issue 9).

Rendering base.html through its template for each request cost about as much as the rest of a
list's HTML: the blocks, the context processors, the static addresses. `_page.html` extends
base.html with a hole in each block, so the page is the one every other view renders, made once
per process and language (zhanakorgan_aid.fragments) and filled with the request's title, header,
messages and body."""

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString

from . import roles
from .fragments import Fragment
from .markup import rows_html
from .templatetags.aid import header_html

PAGE = Fragment("_page.html", "title", "header", "messages", "content")


def page_response(request: HttpRequest, title: str, content: SafeString) -> HttpResponse:
    """The page titled `title` (escaped) with `content` (HTML) as its main part: what
    render(request, template) gives for a template that extends base.html with them."""
    user = request.user
    return HttpResponse(
        PAGE.render(
            {
                "title": title,
                "header": header_html(request, user, roles.roles_of(user)),
                "messages": messages_html(request),
                "content": content,
            }
        )
    )


def messages_html(request: HttpRequest) -> SafeString:
    """The messages waiting for the user (and so taken), as base.html lists them."""
    waiting = list(get_messages(request))
    if not waiting:
        return SafeString("")
    # as the template prints them: the text of each, escaped unless it is marked safe
    items = rows_html('<li class="{}" role="status">{}</li>', ((m.tags, str(m)) for m in waiting))
    return SafeString(f'<ul class="messages">{items}</ul>')
