"""Forms of the education aid pages (p8–p13): errors in Russian beside the field, input kept."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.cases.models import Family, Person
from applications.reference.models import Category, Degree, StudyForm
from applications.reference.selectors import in_demand_specialities
from applications.reference.validators import parse_iin, validate_person_name

from .models import EducationCase
from .services.education import Representative

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
    speciality = forms.ModelChoiceField(
        label=_("Специальность (востребованная в регионе, п. 8)"), queryset=None
    )
    study_form = forms.ChoiceField(
        label=_("Форма обучения"), choices=StudyForm.choices, initial=StudyForm.FULL_TIME
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
    student_document = forms.CharField(
        label=_("Документ, удостоверяющий личность обучающегося (вид, номер, кем и когда выдан)"),
        max_length=200,
    )
    representative_name = forms.CharField(
        label=_("Законный представитель (для обучающегося до 18 лет): Ф.И.О."),
        max_length=300,
        required=False,
        validators=[validate_person_name],
    )
    representative_relation = forms.ChoiceField(
        label=_("Кем приходится обучающемуся"),
        choices=[("", "—"), *EducationCase.Representation.choices],
        required=False,
    )
    representative_iin = forms.CharField(
        label=_("ИИН представителя"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    representative_document = forms.CharField(
        label=_("Документ, удостоверяющий личность представителя"), max_length=200, required=False
    )
    representative_address = forms.CharField(
        label=_("Адрес представителя"), max_length=300, required=False
    )
    representative_phone = forms.CharField(
        label=_("Телефон представителя"), max_length=30, required=False
    )

    def __init__(self, *args, on=None, **kwargs):
        super().__init__(*args, **kwargs)
        # p8: the specialities on the region's list on the application's date (today).
        self.fields["speciality"].queryset = in_demand_specialities(on or timezone.localdate())

    def clean_representative_iin(self):
        iin = self.cleaned_data["representative_iin"].strip()
        if iin:
            parse_iin(iin)
        return iin

    def representative(self) -> Representative | None:
        """The legal representative typed in, or None when none was (the service decides
        whether the student needs one, p10)."""
        data = self.cleaned_data
        fields = {
            name: data[f"representative_{name}"]
            for name in ("name", "iin", "document", "address", "relation", "phone")
        }
        if not any(fields.values()):
            return None
        return Representative(**fields)

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
