"""Form widgets that build their HTML in Python (zhanakorgan_aid.markup says why).

Django renders each <option> of a select through the form templates; the filter bar above a
list does that on every request, and it cost a third of the application list's time at region
size (issue 9). The markup and escaping are the same as Django's own widget produces."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .markup import rows_html

SELECTED = mark_safe(" selected")


class QuickSelect(forms.Select):
    """A select of flat choices (no option groups), one selected."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = rows_html(
            '<option value="{}"{}>{}</option>',
            (
                (choice, SELECTED if str(choice) in chosen else "", label)
                for choice, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            options,
        )


class ListedChoiceIterator(ModelChoiceIterator):
    """A model field's choices read as one plain query of (key, label) values, not as objects:
    Django's own iterator uses QuerySet.iterator(), which on PostgreSQL declares a server-side
    cursor (three round trips) even for the two dozen okrugs of a filter bar."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", self.field.label_field())


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are labelled by one column, named by `label_field()`
    when the choices are listed (the okrug's name in the interface language, say)."""

    iterator = ListedChoiceIterator

    def __init__(self, *args, label_field, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_field = label_field
