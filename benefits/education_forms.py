"""Forms of the education aid pages (p8–p13): errors in Russian beside the field, input kept."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applications.cases.models import Family, Person
from applications.reference.models import Category, Degree
from applications.reference.validators import parse_iin

from .models import EducationCase

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EducationCaseForm(forms.Form):
    family = forms.CharField(label=_("Регистрационный номер семьи"), max_length=30)
    student_iin = forms.CharField(
        label=_("ИИН обучающегося"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    category = forms.ModelChoiceField(
        label=_("Категория (п. 8)"),
        queryset=Category.objects.filter(programme=Category.Programme.EDUCATION),
    )
    degree = forms.ChoiceField(label=_("Уровень обучения"), choices=Degree.choices)
    institution = forms.CharField(label=_("Учебное заведение"), max_length=300)
    speciality = forms.CharField(
        label=_("Специальность (востребованная в регионе)"), max_length=300
    )
    academic_year = forms.IntegerField(
        label=_("Учебный год (год начала)"), min_value=2017, max_value=2100
    )
    tuition = forms.DecimalField(
        label=_("Стоимость обучения за год, ₸"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )

    def clean_family(self):
        number = self.cleaned_data["family"].strip()
        family = Family.objects.filter(reg_number=number).first()
        if family is None:
            raise ValidationError(_("Семья с номером %(n)s не найдена.") % {"n": number})
        return family

    def clean_student_iin(self):
        iin = self.cleaned_data["student_iin"].strip()
        parse_iin(iin)
        person = Person.objects.filter(iin=iin).first()
        if person is None:
            raise ValidationError(_("Гражданин с ИИН %(iin)s не зарегистрирован.") % {"iin": iin})
        return person


class TransferForm(forms.Form):
    arrived_on = forms.DateField(label=_("Деньги поступили на счёт"), widget=DATE)


class ReceiptForm(forms.Form):
    received_on = forms.DateField(label=_("Квитанция представлена"), widget=DATE)
    receipt_number = forms.CharField(label=_("Номер квитанции"), max_length=60)


class NextYearForm(forms.Form):
    academic_year = forms.IntegerField(
        label=_("Учебный год (год начала)"), min_value=2017, max_value=2100
    )
    tuition = forms.DecimalField(
        label=_("Стоимость обучения за год, ₸"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )


class ExpelForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Основание отчисления (п. 13)"), choices=EducationCase.ExpulsionReason.choices
    )
    expelled_on = forms.DateField(label=_("Дата отчисления"), widget=DATE)
