"""Small display helpers shared by the models: the name in the interface language, and a field's
choice labels in it."""

import functools

from django.utils import translation
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
