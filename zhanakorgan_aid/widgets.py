"""Form widgets that build their HTML in Python.

Django renders each <option> of a select through the form templates; the filter bar above a
list does that on every request, and it cost a third of the application list's time at region
size (issue 9). The markup and escaping are the same as Django's own widget produces."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], SELECTED if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class ListedChoiceIterator(ModelChoiceIterator):
    """A model field's choices read as one plain query. Django's own iterator uses
    QuerySet.iterator(), which on PostgreSQL declares a server-side cursor (three round trips)
    even for the two dozen okrugs of a filter bar."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoiceIterator
