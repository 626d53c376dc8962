"""Small display helpers shared by the models: the name in the interface language, and choice
labels looked up without rebuilding the choices on every call."""

import functools

from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import get_language


def in_kazakh() -> bool:
    return (get_language() or "ru").startswith("kk")


class BilingualName:
    """For anything with `name_ru` and `name_kk` (okrugs, categories, calendar days): `name` is
    the one of the interface language, Russian unless Kazakh is active."""

    @property
    def name(self) -> str:
        return self.name_kk if in_kazakh() else self.name_ru


@functools.cache
def _labels(field, language: str | None) -> dict:
    """The field's choice labels as text in `language`, built once per process and language."""
    with translation.override(language):
        return {value: str(label) for value, label in field.flatchoices}


def labels_of(field) -> dict:
    """{value: label} of a field's choices in the active language."""
    return _labels(field, get_language())


class ChoiceLabels:
    """`get_<field>_display()` by one dictionary look-up. Django's own builds a dictionary of
    every choice and translates each label on every call, which a list of a hundred rows pays
    a thousand times (issue 9)."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            return labels_of(field).get(value, force_str(value, strings_only=True))
        except TypeError:  # an unhashable value: let Django deal with it
            return super()._get_FIELD_display(field)
