"""Forms of the memorial-date list pages: errors in Russian beside the field, input kept."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applications.reference.rules import memorial_date

from .models.memorial import LIST_OCCASIONS

MAX_UPLOAD = 20 * 1024 * 1024


class MemorialImportForm(forms.Form):
    occasion = forms.ChoiceField(label=_("Памятная дата"), choices=LIST_OCCASIONS)
    year = forms.IntegerField(label=_("Год"), min_value=2017, max_value=2100)
    pay_date = forms.DateField(
        label=_("Дата выплаты (для социальной поддержки, п. 6)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("По ней берётся МРП; для памятных дат — сама дата."),
    )
    file = forms.FileField(
        label=_("Файл уполномоченной организации (XLSX или CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise ValidationError(_("Загрузите файл XLSX или CSV."))
        if upload.size > MAX_UPLOAD:
            raise ValidationError(_("Файл больше 20 МБ."))
        return upload

    def clean(self):
        data = super().clean()
        occasion, year, pay_date = data.get("occasion"), data.get("year"), data.get("pay_date")
        if occasion and year and memorial_date(occasion, year) is None:
            if pay_date is None:
                self.add_error("pay_date", _("Укажите дату выплаты социальной поддержки."))
            elif pay_date.year != year:
                self.add_error("pay_date", _("Дата выплаты должна относиться к выбранному году."))
        return data


class MemorialConfirmForm(forms.Form):
    """The preview's hidden state: where the upload waits, and the lines to leave out."""

    token = forms.RegexField(regex=r"^[0-9a-f]{32}$")
    file_name = forms.CharField(max_length=255)
    occasion = forms.ChoiceField(choices=LIST_OCCASIONS)
    year = forms.IntegerField(min_value=2017, max_value=2100)
    pay_date = forms.DateField(required=False)
    exclude = forms.TypedMultipleChoiceField(coerce=int, required=False)
    warnings_checked = forms.BooleanField(
        label=_("Я проверил(а) строки с предупреждениями"), required=False
    )

    def __init__(self, *args, lines: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exclude"].choices = [(n, n) for n in (lines or [])]


class MemorialApproveForm(forms.Form):
    decision_number = forms.CharField(
        label=_("Номер постановления акимата"), max_length=50, required=True
    )
