"""Form widgets that build their HTML in Python (zhanakorgan_aid.markup says why).

Django renders each <option> of a select through the form templates; the filter bar above a
list does that on every request, and it cost a third of the application list's time at region
size (issue 9). The markup and escaping are the same as Django's own widget produces."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .markup import rows_html

SELECTED = mark_safe(" selected")


class QuickSelect(forms.Select):
    """A select of flat choices (no option groups), one selected."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        choices = self.choices
        if isinstance(choices, list):
            # fixed choices (a field's statuses): their options are escaped once
            # per process and language; only the selected one differs between requests
            options = mark_safe(
                "".join(
                    f'<option value="{value}" selected>{label}</option>'
                    if raw in chosen
                    else f'<option value="{value}">{label}</option>'
                    for raw, value, label in _fixed_options(
                        get_language(), tuple((choice, str(label)) for choice, label in choices)
                    )
                )
            )
        else:
            options = rows_html(
                '<option value="{}"{}>{}</option>',
                (
                    (choice, SELECTED if str(choice) in chosen else "", label)
                    for choice, label in choices
                ),
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            options,
        )


_FIXED_OPTIONS: dict = {}


def _fixed_options(language: str, choices: tuple) -> tuple:
    """(value as text, escaped value, escaped label) of fixed choices, escaped once per
    language and text (keyed by the labels' text: an object's identity can be reused)."""
    found = _FIXED_OPTIONS.get((language, choices))
    if found is None:
        found = tuple((str(choice), escape(choice), escape(label)) for choice, label in choices)
        if len(_FIXED_OPTIONS) < 256:
            _FIXED_OPTIONS[(language, choices)] = found
    return found


class QuickTextInput(forms.TextInput):
    """A text input, built in Python like QuickSelect."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            self.input_type,
            name,
            format_html(' value="{}"', value) if value is not None else "",
            flatatt(self.build_attrs(self.attrs, attrs)),
        )


class ListedChoiceIterator(ModelChoiceIterator):
    """A model field's choices read as one plain query of (key, label) values, not as objects:
    Django's own iterator uses QuerySet.iterator(), which on PostgreSQL declares a server-side
    cursor (three round trips) even for the two dozen okrugs of a filter bar."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.listed is not None:
            yield from self.field.listed
        else:
            yield from self.queryset.values_list("pk", self.field.label_field())


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are labelled by one column, named by `label_field()`
    when the choices are listed (the okrug's name in the interface language, say)."""

    iterator = ListedChoiceIterator
    # the (key, label) pairs to list instead of querying them, when they are known (kept in
    # the shared cache, say); validating a choice still looks it up in the queryset
    listed: list | None = None

    def __init__(self, *args, label_field, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_field = label_field
