"""The summary of a long form's errors at its top (issue 20, item 6): each error a link to its
field, so a user who submitted a long form sees at once what to correct and jumps to it.

    {% load error_summary %}{% error_summary form members incomes %}

takes forms and formsets alike and draws templates/includes/error_summary.html."""

from dataclasses import dataclass

from django import template
from django.forms import BaseForm, BaseFormSet
from django.utils.text import capfirst

register = template.Library()


@dataclass(frozen=True)
class FieldError:
    target: str  # the id of the element the link jumps to
    label: str
    message: str


def first_field_id(form: BaseForm) -> str:
    visible = form.visible_fields()
    return visible[0].id_for_label if visible else ""


def form_errors(form: BaseForm, row: int | None = None) -> list[FieldError]:
    """A form's errors in the order of its fields; those of the whole form lead to its first
    field. A formset's row is named by its number (№ 2), as the table's labels name it."""
    suffix = f", № {row}" if row is not None else ""
    errors = [FieldError(first_field_id(form), "", m) for m in form.non_field_errors()]
    for field in form:
        errors += [
            FieldError(field.id_for_label, f"{capfirst(field.label)}{suffix}", m)
            for m in field.errors
        ]
    return errors


def formset_errors(formset: BaseFormSet) -> list[FieldError]:
    first = first_field_id(formset.forms[0]) if formset.forms else ""
    errors = [FieldError(first, "", m) for m in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        errors += form_errors(form, row=number)
    return errors


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms) -> dict:
    """The errors of every bound form or formset given (unbound ones have none)."""
    errors = []
    for form in forms:
        if isinstance(form, BaseFormSet) and form.is_bound:
            errors += formset_errors(form)
        elif isinstance(form, BaseForm) and form.is_bound:
            errors += form_errors(form)
    return {"errors": errors}
