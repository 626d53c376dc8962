"""Forms of the workflow pages: the decision (p24–p26), its notice (p25) and the request of
documents (p20, p21)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.cases.models import Decision


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Решение"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    ground = forms.ChoiceField(
        label=_("Основание отказа (п. 26)"), choices=Decision.Ground.choices, required=False
    )
    comment = forms.CharField(
        label=_("Комментарий"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    period_start = forms.DateField(
        label=_("Период выплаты с"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Для периодической помощи: ежемесячной, ежеквартальной, раз в полугодие (п. 4)."
        ),
    )
    period_end = forms.DateField(
        label=_("Период выплаты по"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, periodic: bool = False, **kwargs):
        """`periodic`: the category's aid is paid over a period (p4), which the decision names."""
        super().__init__(*args, **kwargs)
        self.periodic = periodic
        if not periodic:
            del self.fields["period_start"]
            del self.fields["period_end"]

    def clean(self):
        data = super().clean()
        granted = data.get("outcome") == Decision.Outcome.GRANTED
        if data.get("outcome") == Decision.Outcome.REFUSED and not data.get("ground"):
            self.add_error("ground", _("Укажите основание отказа (п. 26)."))
        if granted and data.get("ground"):
            self.add_error("ground", _("При назначении помощи основание отказа не указывается."))
        if granted and self.periodic:
            start, end = data.get("period_start"), data.get("period_end")
            if not start:
                self.add_error("period_start", _("Укажите начало периода выплаты."))
            if not end:
                self.add_error("period_end", _("Укажите окончание периода выплаты."))
            if start and end and end < start:
                self.add_error("period_end", _("Окончание периода раньше его начала."))
        return data


class DocumentsRequestedForm(forms.Form):
    PARAGRAPHS = [
        ("20", _("п. 20: сведения запрошены в соответствующих органах")),
        ("21", _("п. 21: документы не могут быть представлены (порча, утеря)")),
    ]
    paragraph = forms.ChoiceField(label=_("Случай"), choices=PARAGRAPHS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Какие сведения и где запрошены"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Опишите, какие сведения запрошены."))
        return reason

    def comment(self) -> str:
        return f"п. {self.cleaned_data['paragraph']}: {self.cleaned_data['reason']}"


class NoticeForm(forms.Form):
    """How and when the applicant was notified of the decision (p25)."""

    how = forms.ChoiceField(
        label=_("Как уведомлён"), choices=Decision.NoticeChannel.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(
        label=_("День уведомления"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
