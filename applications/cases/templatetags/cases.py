"""Labels of an application's records as its page shows them."""

from django import template

from zhanakorgan_aid.display import labels_of

from ..models import Application

register = template.Library()


@register.filter
def status_label(code: str) -> str:
    """A status an application moved from or to (its history keeps the code), by its label in
    the user's language; the first move, which comes from nowhere, shows a dash. (The labels
    come translated once per language: get_status_display() translates every status on every
    call, which a page of forty rows paid for.)"""
    if not code:
        return "—"
    return labels_of(Application._meta.get_field("status")).get(code, code)
