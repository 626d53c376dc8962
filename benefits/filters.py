"""The filters of the benefits lists (django-filter), declared once, under the parameter names
bookmarks already hold; each says itself in words for its export's title
(zhanakorgan_aid.filtering.filter_description)."""

import django_filters
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.translation import gettext_lazy as _

from applications.reference.models import Category, Degree, Okrug
from zhanakorgan_aid.filtering import DATE_WIDGET

from . import selectors
from .models import Award, EducationCase, PaymentList


class AwardFilter(django_filters.FilterSet):
    """Awards found by IIN or surname, status, category, okrug and the days of the decision
    (/awards/)."""

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
    decided_from = django_filters.DateFilter(
        label=_("Решение с"), field_name="decided_on", lookup_expr="gte", widget=DATE_WIDGET
    )
    decided_to = django_filters.DateFilter(
        label=_("Решение по"), field_name="decided_on", lookup_expr="lte", widget=DATE_WIDGET
    )

    def __init__(self, data) -> None:
        super().__init__(data, queryset=selectors.award_list())

    def search(self, queryset, name, value):
        return selectors.award_search(queryset, value)


class PaymentListFilter(django_filters.FilterSet):
    """Payment lists by status, kind, memorial date and the days they pay: a list is found when
    its period meets the days chosen (/payment-lists/)."""

    status = django_filters.ChoiceFilter(
        label=_("Статус"), choices=PaymentList.Status.choices, empty_label=_("все")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Вид"), choices=PaymentList.Kind.choices, empty_label=_("все")
    )
    occasion = django_filters.ChoiceFilter(
        label=_("Памятная дата"),
        choices=[c for c in Category.Occasion.choices if c[0]],
        empty_label=_("все"),
    )
    period_from = django_filters.DateFilter(
        label=_("Выплаты с"), field_name="period_end", lookup_expr="gte", widget=DATE_WIDGET
    )
    period_to = django_filters.DateFilter(
        label=_("Выплаты по"), field_name="period_start", lookup_expr="lte", widget=DATE_WIDGET
    )

    def __init__(self, data) -> None:
        super().__init__(data, queryset=selectors.payment_lists())


class EducationCaseFilter(django_filters.FilterSet):
    """Education aid cases by status, degree, category, okrug and academic year (/education/)."""

    status = django_filters.ChoiceFilter(
        label=_("Статус"), choices=EducationCase.Status.choices, empty_label=_("все")
    )
    degree = django_filters.ChoiceFilter(
        label=_("Уровень"), choices=Degree.choices, empty_label=_("все")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Категория"),
        field_name="application__category",
        queryset=Category.objects.filter(programme=Category.Programme.EDUCATION),
        empty_label=BLANK_CHOICE_LABEL,
    )
    okrug = django_filters.ModelChoiceFilter(
        label=_("Округ"),
        field_name="application__okrug",
        queryset=Okrug.objects.all(),
        empty_label=BLANK_CHOICE_LABEL,
    )
    academic_year = django_filters.NumberFilter(
        label=_("Учебный год (начало)"), field_name="first_academic_year"
    )

    def __init__(self, data, *, queryset) -> None:
        super().__init__(data, queryset=queryset)
