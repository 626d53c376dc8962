"""The application list's filters (django-filter), declared once: the search box, the status,
the category, the okrug (among those the user may see), where it was taken, the registration
dates, the overdue ones, and the order; and the filter described in words (the export's title)."""

import django_filters
from django import forms
from django.conf import settings
from django.core.cache.utils import make_template_fragment_key
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from applications.reference.models import Category, Okrug
from zhanakorgan_aid import roles

from . import selectors
from .access import scope_applications
from .models import Application

# The okrug select is kept as a template fragment ({% cache %} in application_list.html) for
# each language, okrug scope and chosen okrug. A change of an okrug forgets them at once on this
# host, and on every host when the fragment cache is shared (Redis; signals.py); otherwise a
# renamed okrug shows within this time.
OKRUG_FILTER_SECONDS = 60


class ListSort(django_filters.Filter):
    """The list's order, by the `sort` parameter as bookmarks name it (selectors.SORTS): a
    hidden field of the filter bar, so a new search keeps the order."""

    field_class = forms.CharField

    def __init__(self, **kwargs) -> None:
        super().__init__(widget=forms.HiddenInput, **kwargs)

    def filter(self, qs, value):
        return selectors.application_order(qs, value)


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplicationFilter(django_filters.FilterSet):
    """The applications a user may see, found by what was typed, by status, category, okrug,
    where they were taken, the days of registration and being overdue, in the order asked for
    (the newest first unless another is named)."""

    q = django_filters.CharFilter(label=_("ИИН, фамилия или номер"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("статус"), choices=Application.Status.choices, empty_label=_("все")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("категория"),
        queryset=Category.objects.exclude(programme=Category.Programme.MEMORIAL),
        empty_label=_("все"),
    )
    okrug = django_filters.ModelChoiceFilter(
        label=_("округ"), queryset=Okrug.objects.all(), empty_label=_("все")
    )
    channel = django_filters.ChoiceFilter(
        label=_("где принято"), choices=Application.Channel.choices, empty_label=_("все")
    )
    registered_from = django_filters.DateFilter(
        label=_("зарегистрировано с"), method="registered_between", widget=DATE_WIDGET
    )
    registered_to = django_filters.DateFilter(
        label=_("по"), method="registered_between", widget=DATE_WIDGET
    )
    overdue = django_filters.BooleanFilter(
        label=_("только просроченные"), method="only_overdue", widget=forms.CheckboxInput
    )
    sort = ListSort()

    def __init__(self, data, *, user) -> None:
        # always bound (an empty address too), so that the order applies
        super().__init__(data, queryset=scope_applications(Application.objects.all(), user=user))
        self.okrug_scope = user.okrug_id if roles.is_okrug_scoped(user) else ""
        if self.okrug_scope:
            self.filters["okrug"].queryset = Okrug.objects.filter(pk=self.okrug_scope)

    def search(self, queryset, name, value):
        return selectors.application_search(queryset, value)

    def registered_between(self, queryset, name, value):
        start, end = (value, None) if name == "registered_from" else (None, value)
        return selectors.application_registered_between(queryset, start=start, end=end)

    def only_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return selectors.application_overdue(queryset, on=timezone.localdate())

    def description(self) -> str:
        """The filter in words, as the export's title says it: «Заявления — статус: …,
        категория: …, с 01.01.2026 по 31.03.2026» (the whole list when nothing is chosen)."""
        if not self.is_bound or not self.form.is_valid():
            return _now("Заявления")
        data = self.form.cleaned_data
        parts = []
        if data.get("q"):
            parts.append(_now("поиск: «%(q)s»") % {"q": data["q"]})
        for name in ("status", "category", "okrug", "channel"):
            value = data.get(name)
            if value:
                field = self.form.fields[name]
                shown = dict(field.choices).get(value, value) if isinstance(value, str) else value
                parts.append(f"{field.label}: {shown}")
        days = []
        if data.get("registered_from"):
            days.append(_now("с %(d)s") % {"d": _day(data["registered_from"])})
        if data.get("registered_to"):
            days.append(_now("по %(d)s") % {"d": _day(data["registered_to"])})
        if days:
            parts.append(" ".join(days))
        if data.get("overdue"):
            parts.append(_now("только просроченные"))
        title = _now("Заявления")
        return f"{title} — {', '.join(parts)}" if parts else title

    @property
    def chosen_sort(self) -> str:
        """The order asked for, as typed (the newest first when none is)."""
        return self.data.get("sort") or selectors.DEFAULT_SORT

    @property
    def chosen_status(self) -> str:
        return self.data.get("status") or ""

    @property
    def chosen_okrug(self) -> str:
        return self.data.get("okrug") or ""

    @property
    def chosen_category(self) -> str:
        return self.data.get("category") or ""

    @property
    def chosen_channel(self) -> str:
        return self.data.get("channel") or ""


def _day(value) -> str:
    return dateformat.format(value, "d.m.Y")


def okrug_filter_keys(okrug_ids) -> list[str]:
    """The cache keys of the okrug select as application_list.html keeps it (a language, the
    okrug an akim's office or local commission is limited to or "", the okrug chosen or ""),
    for these okrugs: every one the district's select and an okrug's own may show."""
    chosen = ["", *map(str, okrug_ids)]
    keys = []
    for code, _name in settings.LANGUAGES:
        keys += [make_template_fragment_key("okrug-filter", [code, "", c]) for c in chosen]
        for okrug in chosen[1:]:
            keys += [
                make_template_fragment_key("okrug-filter", [code, okrug, c]) for c in ("", okrug)
            ]
    return keys
