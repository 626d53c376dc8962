"""Labels of an application's records as its page shows them."""

from django import template

from ..models import Application

register = template.Library()


@register.filter
def status_label(code: str) -> str:
    """A status an application moved from or to (its history keeps the code), by its label in
    the user's language; the first move, which comes from nowhere, shows a dash."""
    if not code:
        return "—"
    return Application.Status(code).label if code in Application.Status.values else code
