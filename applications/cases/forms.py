"""Intake forms. Errors stand beside their fields, in Russian; what was typed stays."""

import datetime
import uuid
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.reference.models import Bank, Category
from applications.reference.validators import (
    iban_bank_code,
    normalize_iban,
    normalize_kz_phone,
    parse_iin,
    validate_kz_iban,
    validate_person_name,
)

from .models import (
    Application,
    ApplicationDocument,
    Family,
    FamilyMember,
    Income,
    Person,
)


def clean_iin_value(value: str) -> str:
    value = (value or "").strip()
    facts = parse_iin(value)
    if facts.birth_date > timezone.localdate():
        raise ValidationError(
            _("Дата рождения по ИИН (%(d)s) ещё не наступила.")
            % {"d": facts.birth_date.strftime("%d.%m.%Y")}
        )
    return value


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["iin", "surname", "name", "patronymic", "address", "phone", "iban"]
        widgets = {"iin": forms.TextInput(attrs={"inputmode": "numeric", "autofocus": True})}

    def clean_iin(self):
        return clean_iin_value(self.cleaned_data.get("iin"))

    def clean_phone(self):
        return normalize_kz_phone(self.cleaned_data.get("phone", ""))

    def clean_iban(self):
        iban = normalize_iban(self.cleaned_data.get("iban", ""))
        if iban:
            validate_kz_iban(iban)

            if not Bank.objects.filter(code=iban_bank_code(iban)).exists():
                raise ValidationError(
                    _("Банк с кодом %(code)s не найден в справочнике банков.")
                    % {"code": iban_bank_code(iban)}
                )
        return iban


class PersonEditForm(PersonForm):
    """A citizen's names and contact details corrected; the IIN is corrected apart."""

    class Meta(PersonForm.Meta):
        fields = ["surname", "name", "patronymic", "address", "phone", "iban"]
        widgets = {}


class IinCorrectionForm(forms.Form):
    new_iin = forms.CharField(
        label=_("правильный ИИН"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autofocus": True}),
    )
    reason = forms.CharField(
        label=_("основание исправления"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Укажите основание исправления ИИН.")},
    )

    def clean_new_iin(self):
        return clean_iin_value(self.cleaned_data.get("new_iin"))


class FamilyForm(forms.ModelForm):
    applicant_iin = forms.CharField(
        label=_("ИИН заявителя"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Family
        fields = ["okrug", *Family.FACTS]
        widgets = {
            "subsidiary_farm": forms.Textarea(attrs={"rows": 2}),
            "land": forms.Textarea(attrs={"rows": 2}),
            "livestock": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, okrugs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if okrugs is not None:
            self.fields["okrug"].queryset = okrugs
        self.fields["housing_cost"].min_value = 0

    def clean_applicant_iin(self):
        iin = clean_iin_value(self.cleaned_data.get("applicant_iin"))
        person = Person.objects.filter(iin=iin).first()
        if person is None:
            raise ValidationError(
                _("Гражданин с ИИН %(iin)s не зарегистрирован. Сначала зарегистрируйте его.")
                % {"iin": iin}
            )
        self.applicant = person
        return iin

    def clean_housing_cost(self):
        cost = self.cleaned_data.get("housing_cost")
        if cost is not None and cost < 0:
            raise ValidationError(_("Расходы не могут быть отрицательными."))
        return cost


class MemberForm(forms.Form):
    """A family member other than the applicant: an existing citizen by IIN, or a new one."""

    iin = forms.CharField(
        label=_("ИИН"), max_length=12, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    surname = forms.CharField(
        label=_("фамилия"), max_length=100, required=False, validators=[validate_person_name]
    )
    name = forms.CharField(
        label=_("имя"), max_length=100, required=False, validators=[validate_person_name]
    )
    patronymic = forms.CharField(
        label=_("отчество"), max_length=100, required=False, validators=[validate_person_name]
    )
    relation = forms.ChoiceField(
        label=_("родство"),
        # The blank first choice keeps an unfilled extra row unchanged, so it is skipped.
        choices=[("", "—")]
        + [c for c in FamilyMember.Relation.choices if c[0] != FamilyMember.Relation.APPLICANT],
    )
    occupation = forms.CharField(label=_("работа, учёба"), max_length=300, required=False)
    unemployment_reason = forms.CharField(
        label=_("причина незанятости"), max_length=300, required=False
    )
    employment_measures = forms.CharField(label=_("меры занятости"), max_length=300, required=False)
    own_hardship = forms.CharField(label=_("ТЖС"), max_length=300, required=False)

    def __init__(self, *args, with_applicant: bool = False, **kwargs):
        """`with_applicant`: the family's page of changes lists the applicant among the members
        (choosing another one changes the applicant). An existing member's IIN and names are
        shown as registered, read-only (a citizen's own page corrects them)."""
        super().__init__(*args, **kwargs)
        if with_applicant:
            self.fields["relation"].choices = [("", "—"), *FamilyMember.Relation.choices]
        if self.initial.get("iin"):
            for name in ("iin", "surname", "name", "patronymic"):
                self.fields[name].widget.attrs["readonly"] = True

    def clean_iin(self):
        return clean_iin_value(self.cleaned_data.get("iin"))

    def clean(self):
        data = super().clean()
        iin = data.get("iin")
        if iin and not Person.objects.filter(iin=iin).exists():
            if not data.get("surname") or not data.get("name"):
                raise ValidationError(
                    _("Гражданин с ИИН %(iin)s ещё не зарегистрирован: укажите фамилию и имя.")
                    % {"iin": iin}
                )
        return data


class IncomeForm(forms.Form):
    iin = forms.CharField(
        label=_("ИИН члена семьи"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(label=_("вид дохода"), choices=[("", "—")] + Income.Kind.choices)
    year = forms.IntegerField(label=_("год"), min_value=2000, max_value=2100)
    quarter = forms.IntegerField(label=_("квартал"), min_value=1, max_value=4)
    amount = forms.DecimalField(
        label=_("сумма за квартал, ₸"),
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        error_messages={"min_value": _("Доход не может быть отрицательным.")},
    )

    def clean_iin(self):
        return clean_iin_value(self.cleaned_data.get("iin"))


class BaseRowFormSet(forms.BaseFormSet):
    """Rows of a family's form: as many as typed (the page adds a row without losing what is
    typed), each may be ticked off."""

    def filled_rows(self) -> list[dict]:
        """The cleaned rows kept: neither left empty nor ticked for removal."""
        return [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not (self.can_delete and self._should_delete_form(f))
        ]


class BaseMemberFormSet(BaseRowFormSet):
    def clean(self):
        if any(self.errors):
            return
        rows = self.filled_rows()
        iins = [row["iin"] for row in rows]
        if len(set(iins)) != len(iins):
            raise ValidationError(_("Один и тот же ИИН указан в составе семьи дважды."))
        applicants = [r for r in rows if r["relation"] == FamilyMember.Relation.APPLICANT]
        if self.form_kwargs.get("with_applicant") and len(applicants) != 1:
            raise ValidationError(
                _("Родство «заявитель» должно быть указано ровно у одного члена семьи.")
            )


def member_formset(extra: int):
    return forms.formset_factory(
        MemberForm, formset=BaseMemberFormSet, extra=extra, can_delete=True
    )


def income_formset(extra: int):
    return forms.formset_factory(IncomeForm, formset=BaseRowFormSet, extra=extra, can_delete=True)


# The registration starts with a few empty rows, the page of changes with one; both add more.
MemberFormSet = member_formset(extra=3)
IncomeFormSet = income_formset(extra=4)
FamilyMemberEditFormSet = member_formset(extra=1)
FamilyIncomeEditFormSet = income_formset(extra=1)


class FamilyEditForm(forms.ModelForm):
    """A family's own facts (annex 1, items 3, 5, 6); the okrug and number stay. A reason is
    asked while an application of the family is surveyed and not yet decided."""

    reason = forms.CharField(
        label=_("причина изменения"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Family
        fields = list(Family.FACTS)
        widgets = FamilyForm.Meta.widgets

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["housing_cost"].min_value = 0
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _(
                "Заявление семьи обследовано и ждёт решения: причина будет видна на его странице."
            )
        else:
            del self.fields["reason"]

    clean_housing_cost = FamilyForm.clean_housing_cost


class ApplicationForm(forms.Form):
    family_reg_number = forms.CharField(label=_("регистрационный номер семьи"), max_length=30)
    category = forms.ModelChoiceField(
        label=_("категория"),
        queryset=Category.objects.filter(programme=Category.Programme.HARDSHIP),
    )
    channel = forms.ChoiceField(label=_("где принято"), choices=Application.Channel.choices)
    event_date = forms.DateField(
        label=_("дата наступления ТЖС (для бедствия, пожара)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    situation = forms.CharField(
        label=_("трудная жизненная ситуация"), widget=forms.Textarea(attrs={"rows": 3})
    )
    # A new token each time the empty form is shown; posted again, it finds its application.
    intake_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, families=None, forced_channel=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("intake_token", uuid.uuid4())
        self.families = families if families is not None else Family.objects.all()
        self.forced_channel = forced_channel
        if forced_channel:
            self.fields["channel"].choices = [
                c for c in Application.Channel.choices if c[0] == forced_channel
            ]
            self.fields["channel"].initial = forced_channel

    def clean_family_reg_number(self):
        number = self.cleaned_data["family_reg_number"].strip()
        family = (
            self.families.filter(reg_number=number).select_related("applicant", "okrug").first()
        )
        if family is None:
            raise ValidationError(_("Семья с номером %(n)s не найдена.") % {"n": number})
        self.family = family
        return number

    def clean_event_date(self):
        event_date = self.cleaned_data.get("event_date")
        if event_date and event_date > timezone.localdate():
            raise ValidationError(_("Дата события не может быть в будущем."))
        return event_date


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("вид документа"), choices=ApplicationDocument.Kind.choices)
    file = forms.FileField(label=_("файл (PDF, JPEG, PNG)"))


def today() -> datetime.date:
    return timezone.localdate()
