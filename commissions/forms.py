"""Forms of the commissions. Errors stand beside their fields, in Russian; what was typed stays."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.cases.models import Family
from applications.reference.validators import validate_signatory_name

from .models import SurveyAct
from .services.special import AMOUNT_WITHOUT_NEED

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NEED_CHOICES = [("yes", _("необходимость")), ("no", _("отсутствие необходимости"))]
MONEY_ERRORS = {
    "invalid": _("Введите сумму числом, например 12500 или 12500,50."),
    "min_value": _("Сумма не может быть отрицательной."),
    "max_digits": _("Слишком большая сумма."),
    "max_decimal_places": _("Не более двух знаков после запятой (тиыны)."),
}
COUNT_ERRORS = {
    "invalid": _("Введите целое число."),
    "min_value": _("Число не может быть отрицательным."),
}


def not_in_future(value, label):
    if value and value > timezone.localdate():
        raise ValidationError(
            _("%(label)s не может быть позже сегодняшнего дня.") % {"label": label}
        )
    return value


class DatedForm(forms.Form):
    """Checks a date against the application: not before its registration, not in the future."""

    date_fields: tuple[str, ...] = ()

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def clean(self):
        data = super().clean()
        for name in self.date_fields:
            value = data.get(name)
            if value is None:
                continue
            if value > timezone.localdate():
                self.add_error(name, _("Дата не может быть позже сегодняшнего дня."))
            elif self.application and value < self.application.registered_on:
                self.add_error(
                    name,
                    _("Дата не может быть раньше регистрации заявления (%(d)s).")
                    % {"d": self.application.registered_on.strftime("%d.%m.%Y")},
                )
        return data


class SurveyActForm(forms.ModelForm):
    """Annex 1, items 1–10 and the signatures; the employment table is ActRowFormSet."""

    housing = forms.ChoiceField(label=_("условия проживания"), choices=Family.Housing.choices)

    class Meta:
        model = SurveyAct
        fields = [
            "surveyed_on",
            "place",
            "address",
            "hardship",
            "able_bodied_count",
            "unemployed_count",
            "paid_students_count",
            "tuition_yearly",
            "veterans_count",
            "pensioners_count",
            "over_80_count",
            "socially_significant_count",
            "disabled_count",
            "disabled_children_count",
            "other_categories",
            "housing",
            "housing_other",
            "housing_cost",
            *SurveyAct.FINDINGS,
            "chair_name",
            "member_names",
            "acknowledged",
        ]
        widgets = {
            "surveyed_on": DATE_WIDGET,
            "hardship": forms.Textarea(attrs={"rows": 2}),
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in (*SurveyAct.FINDINGS, "member_names")
            },
        }

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        for name in ("tuition_yearly", "housing_cost"):
            self.fields[name].validators.append(MinValueValidator(Decimal("0")))
            self.fields[name].error_messages.update(MONEY_ERRORS)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField):
                field.error_messages.update(COUNT_ERRORS)
        self.fields["place"].required = True
        self.fields["chair_name"].required = True
        self.fields["chair_name"].validators.append(validate_signatory_name)

    def clean_member_names(self):
        """One member of the commission a line, each a name as signed."""
        value = self.cleaned_data.get("member_names", "")
        for line in value.splitlines():
            validate_signatory_name(line)
        return value

    def clean_surveyed_on(self):
        value = self.cleaned_data.get("surveyed_on")
        not_in_future(value, _("Дата обследования"))
        if self.application and value and value < self.application.registered_on:
            raise ValidationError(
                _("Дата обследования не может быть раньше регистрации заявления (%(d)s).")
                % {"d": self.application.registered_on.strftime("%d.%m.%Y")}
            )
        return value


class ActRowForm(forms.Form):
    """A row of the employment table: the person comes from the family's records."""

    person = forms.IntegerField(widget=forms.HiddenInput)
    occupation = forms.CharField(
        label=_("занятость (место работы, учёбы)"), max_length=300, required=False
    )
    unemployment_reason = forms.CharField(
        label=_("причина незанятости"), max_length=300, required=False
    )
    employment_measures = forms.CharField(
        label=_("общественные работы, профподготовка, меры содействия занятости"),
        max_length=300,
        required=False,
    )
    own_hardship = forms.CharField(
        label=_("трудная жизненная ситуация"), max_length=300, required=False
    )


class BaseActRowFormSet(forms.BaseFormSet):
    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {m.person_id: m for m in (members or [])}

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            person_id = form.cleaned_data.get("person")
            if person_id not in self.members or person_id in seen:
                raise ValidationError(
                    _(
                        "Таблица состава семьи не совпадает с учётными данными "
                        "семьи: обновите страницу."
                    )
                )
            seen.add(person_id)


ActRowFormSet = forms.formset_factory(ActRowForm, formset=BaseActRowFormSet, extra=0)


class LocalConclusionForm(DatedForm):
    """Annex 2: need or no need, the number and date, attached documents, who received it."""

    date_fields = ("concluded_on",)

    need = forms.ChoiceField(
        label=_("заключение о"), choices=NEED_CHOICES, widget=forms.RadioSelect
    )
    number = forms.CharField(label=_("номер заключения"), max_length=30)
    concluded_on = forms.DateField(label=_("дата заключения"), widget=DATE_WIDGET)
    documents_count = forms.IntegerField(
        label=_("приложено документов, шт."),
        min_value=0,
        max_value=999,
        error_messages=COUNT_ERRORS,
    )
    received_by = forms.CharField(
        label=_("принял (Ф.И.О., должность работника аппарата акима или уполномоченного органа)"),
        max_length=300,
        required=False,
    )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["need"] = data["need"] == "yes"
        return data


class SurveyRefusalForm(DatedForm):
    """The applicant (or a family member) refuses the survey: grounds a refusal under p26(2)."""

    date_fields = ("refused_on",)

    refused_on = forms.DateField(label=_("дата отказа"), widget=DATE_WIDGET)
    signed_by = forms.CharField(
        label=_("Ф.И.О. подписавшего отказ (заявитель или член семьи)"),
        max_length=300,
        validators=[validate_signatory_name],
    )


class SpecialConclusionForm(forms.Form):
    """The special commission's conclusion: need and, when positive, the amount (p14, p23)."""

    need = forms.ChoiceField(
        label=_("заключение о"), choices=NEED_CHOICES, widget=forms.RadioSelect
    )
    amount = forms.DecimalField(
        label=_("размер социальной помощи, ₸"),
        required=False,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        error_messages=MONEY_ERRORS,
    )

    def clean(self):
        data = super().clean()
        if data.get("need") == "yes" and not data.get("amount") and "amount" not in self.errors:
            self.add_error("amount", _("При положительном заключении укажите размер помощи."))
        if data.get("need") == "no" and data.get("amount") is not None:
            self.add_error("amount", AMOUNT_WITHOUT_NEED)
        return data

    def service_fields(self) -> dict:
        return {"need": self.cleaned_data["need"] == "yes", "amount": self.cleaned_data["amount"]}
