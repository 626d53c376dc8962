"""The filters of the benefits lists (django-filter), declared once, under the parameter names
bookmarks already hold."""

import django_filters
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.translation import gettext_lazy as _

from applications.reference.models import Category, Okrug

from . import selectors
from .models import Award


class AwardFilter(django_filters.FilterSet):
    """Awards found by IIN or surname, status, category and okrug (/awards/)."""

    q = django_filters.CharFilter(label=_("ИИН или фамилия"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Статус"), choices=Award.Status.choices, empty_label=_("все")
    )
    # the empty choice of a select as Django's forms name it ("— выберите —" in the catalogues)
    category = django_filters.ModelChoiceFilter(
        label=_("Категория"), queryset=Category.objects.all(), empty_label=BLANK_CHOICE_LABEL
    )
    okrug = django_filters.ModelChoiceFilter(
        label=_("Округ"), queryset=Okrug.objects.all(), empty_label=BLANK_CHOICE_LABEL
    )

    def __init__(self, data) -> None:
        super().__init__(data, queryset=selectors.award_list())

    def search(self, queryset, name, value):
        return selectors.award_search(queryset, value)
