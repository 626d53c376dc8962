"""What every list's filter bar shares: the date input, and the filter said in words for the
title of the list's export («Назначения — статус: назначено, округ: …»)."""

import datetime

from django import forms
from django.utils import dateformat

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def filter_description(filterset, title: str, *, skip=("sort",)) -> str:
    """`title`, then each filter that narrows the list as «label: value» (a choice by its
    label, a date as 31.03.2026, a ticked box by its label alone); the title alone when
    nothing is chosen or what was typed does not read."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return title
    parts = []
    for name, field in filterset.form.fields.items():
        value = filterset.form.cleaned_data.get(name)
        if (
            name in skip
            or value in (None, "", False)
            or isinstance(field.widget, forms.HiddenInput)
        ):
            continue
        if value is True:
            parts.append(str(field.label))
            continue
        parts.append(f"{field.label}: {_shown(field, value)}")
    return f"{title} — {', '.join(parts)}" if parts else title


def _shown(field, value) -> str:
    if isinstance(value, datetime.date):
        return dateformat.format(value, "d.m.Y")
    if isinstance(value, str) and getattr(field, "choices", None):
        return str(dict(field.choices).get(value, value))
    return str(value)
