"""Forms of the awards, payment-list and budget pages. Errors stand beside their fields in
Russian; what the user typed stays in the form."""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.cases.models import Application
from applications.reference.models import Category

from .models import Budget, Repayment, Termination

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0.01")}


def _not_future(value: datetime.date) -> datetime.date:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Дата ещё не наступила."))
    return value


class TerminationForm(forms.ModelForm):
    """p27: the ground and the date of the event; payments stop from that month."""

    class Meta:
        model = Termination
        fields = ["reason", "event_date", "note"]
        widgets = {"event_date": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def clean_event_date(self):
        return _not_future(self.cleaned_data["event_date"])


class RepaymentForm(forms.ModelForm):
    """p28: a sum returned, voluntarily or by enforcement."""

    amount = forms.DecimalField(label=_("Сумма, ₸"), **MONEY)

    class Meta:
        model = Repayment
        fields = ["kind", "paid_on", "amount"]
        widgets = {"paid_on": DATE}

    def clean_paid_on(self):
        return _not_future(self.cleaned_data["paid_on"])


class PaymentListBuildForm(forms.Form):
    """p29: a list for a period, or for a memorial date (p5), which needs no period: it takes
    every payment of the occasion not yet listed, and a period typed beside it is ignored."""

    title = forms.CharField(label=_("Наименование ведомости"), max_length=200)
    occasion = forms.ChoiceField(
        label=_("Памятная дата (необязательно)"),
        required=False,
        choices=Category.Occasion.choices,
    )
    period_start = forms.DateField(
        label=_("Выплаты со дня"),
        widget=DATE,
        required=False,
        help_text=_("Не нужен для ведомости к памятной дате."),
    )
    period_end = forms.DateField(label=_("Выплаты по день"), widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        if data.get("occasion"):
            data["period_start"] = data["period_end"] = None
            return data
        start, end = data.get("period_start"), data.get("period_end")
        for name in ("period_start", "period_end"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Укажите дату или выберите памятную дату."))
        if start and end and end < start:
            self.add_error("period_end", _("Окончание периода раньше его начала."))
        return data


class BankResultForm(forms.Form):
    """p29: the bank's answer to a list sent to it, as a file (XLSX or CSV)."""

    file = forms.FileField(
        label=_("Файл ответа банка (XLSX или CSV)"),
        help_text=_(
            "Столбцы: № строки или ИИН, IBAN, сумма, статус (оплачено / возврат), дата, "
            "причина возврата."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Загрузите файл XLSX или CSV."))
        return upload


class BankResultConfirmForm(forms.Form):
    """The kept file of the preview, named by its token."""

    token = forms.RegexField(regex=r"^[0-9a-f]{32}$")
    file_name = forms.CharField(max_length=255)


class MarkPaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Дата зачисления банком"), widget=DATE)

    def clean_paid_on(self):
        return _not_future(self.cleaned_data["paid_on"])


class BudgetForm(forms.ModelForm):
    """p31: the district budget of a programme for a financial year."""

    amount = forms.DecimalField(
        label=_("Сумма, ₸"), max_digits=16, decimal_places=2, min_value=Decimal("0")
    )
    year = forms.IntegerField(label=_("Финансовый год"), min_value=2017, max_value=2100)

    class Meta:
        model = Budget
        fields = ["year", "programme", "amount", "note"]

    def validate_unique(self):
        """An existing year and programme is corrected, not refused."""


class BudgetOverrideForm(forms.Form):
    """p31: the administrator allows one award beyond what remains, with a reason."""

    budget = forms.ModelChoiceField(label=_("Бюджет"), queryset=Budget.objects.all())
    application_number = forms.CharField(
        label=_("Номер заявления (необязательно)"), required=False, max_length=30
    )
    amount = forms.DecimalField(label=_("Сверх остатка, не более ₸"), **MONEY)
    reason = forms.CharField(label=_("Обоснование"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_application_number(self):
        number = self.cleaned_data["application_number"].strip()
        if not number:
            return None
        application = Application.objects.filter(number=number).first()
        if application is None:
            raise forms.ValidationError(_("Заявление с таким номером не найдено."))
        return application

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError(_("Опишите обоснование подробнее (не короче 10 знаков)."))
        return reason


class ReportForm(forms.Form):
    """p32: the period of the report."""

    date_from = forms.DateField(label=_("С"), widget=DATE)
    date_to = forms.DateField(label=_("По"), widget=DATE)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Окончание периода раньше его начала."))
        return data
