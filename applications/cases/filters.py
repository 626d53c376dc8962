"""The application list's filters (django-filter), declared once: the search box, the status,
the okrug (among those the user may see) and the order."""

import django_filters
from django import forms
from django.conf import settings
from django.core.cache.utils import make_template_fragment_key
from django.utils.translation import gettext_lazy as _

from applications.reference.models import Okrug
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


class ApplicationFilter(django_filters.FilterSet):
    """The applications a user may see, found by what was typed, by status and by okrug, in
    the order asked for (the newest first unless another is named)."""

    q = django_filters.CharFilter(label=_("ИИН, фамилия или номер"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("статус"), choices=Application.Status.choices, empty_label=_("все")
    )
    okrug = django_filters.ModelChoiceFilter(
        label=_("округ"), queryset=Okrug.objects.all(), empty_label=_("все")
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
