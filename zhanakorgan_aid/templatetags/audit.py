"""{% change_history application %}: the application page's record of changes (issue 7)."""

from django import template

from ..audit import application_change_log_html

register = template.Library()


@register.simple_tag(takes_context=True)
def change_history(context, application):
    return application_change_log_html(application=application, user=context["request"].user)
