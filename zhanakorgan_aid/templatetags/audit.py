"""{% change_history application %}: the application page's record of changes (issue 7)."""

from django import template

from zhanakorgan_aid.audit import application_change_history

register = template.Library()


@register.inclusion_tag("audit/_change_history.html", takes_context=True)
def change_history(context, application):
    user = context["request"].user
    return {"entries": application_change_history(application=application, user=user)}
