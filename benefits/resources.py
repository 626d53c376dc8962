"""django-import-export Resources: the one definition of the columns of the bank payment list
(p29) and of the E-Sobes flat export (p32). The streaming writers in exports.py read the
columns from here, so the admin's export and the bank file never disagree."""

from django.db.models import CharField, Value
from django.db.models.functions import Concat, Trim
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from .models import PaymentListItem, ScheduledPayment


def _full_name(prefix: str):
    """The recipient's surname, name and patronymic as one database expression."""
    return Trim(
        Concat(
            f"{prefix}surname",
            Value(" "),
            f"{prefix}name",
            Value(" "),
            f"{prefix}patronymic",
            output_field=CharField(),
        )
    )


class PaymentListItemResource(resources.ModelResource):
    """A row of the payment list for the banks: IIN, full name, IBAN, bank, amount, purpose."""

    iin = fields.Field(attribute="payment__award__recipient__iin", column_name=_("ИИН"))
    full_name = fields.Field(attribute="full_name", column_name=_("ФИО получателя"))
    iban = fields.Field(attribute="iban", column_name=_("IBAN"))
    bank = fields.Field(attribute="bank__name", column_name=_("Банк"))
    amount = fields.Field(attribute="amount", column_name=_("Сумма, ₸"))
    purpose = fields.Field(attribute="payment__purpose", column_name=_("Назначение платежа"))

    class Meta:
        model = PaymentListItem
        fields = ("iin", "full_name", "iban", "bank", "amount", "purpose")
        export_order = fields

    def get_queryset(self):
        return (
            PaymentListItem.objects.annotate(full_name=_full_name("payment__award__recipient__"))
            .select_related("bank", "payment__award__recipient")
            .order_by("bank__name", "id")
        )


class EsobesPaymentResource(resources.ModelResource):
    """The E-Sobes flat export (p32): one row per scheduled payment with its award; the format
    is documented in docs/esobes_export.md."""

    award_id = fields.Field(attribute="award_id", column_name="AWARD_ID")
    iin = fields.Field(attribute="award__recipient__iin", column_name="IIN")
    full_name = fields.Field(attribute="full_name", column_name="FIO")
    okrug_kato = fields.Field(attribute="award__okrug__kato", column_name="KATO")
    paragraph = fields.Field(attribute="award__category__paragraph", column_name="RULE_PARA")
    category = fields.Field(attribute="award__category__code", column_name="CATEGORY")
    programme = fields.Field(attribute="award__category__programme", column_name="PROGRAMME")
    periodicity = fields.Field(attribute="award__periodicity", column_name="PERIODICITY")
    decided_on = fields.Field(attribute="award__decided_on", column_name="DECISION_DATE")
    award_status = fields.Field(attribute="award__status", column_name="AWARD_STATUS")
    mrp_multiple = fields.Field(attribute="award__mrp_multiple", column_name="MRP_MULT")
    due_on = fields.Field(attribute="due_on", column_name="DUE_DATE")
    mrp_value = fields.Field(attribute="mrp_value", column_name="MRP_VALUE")
    amount = fields.Field(attribute="amount", column_name="AMOUNT")
    status = fields.Field(attribute="status", column_name="PAY_STATUS")
    paid_on = fields.Field(attribute="paid_on", column_name="PAID_DATE")

    class Meta:
        model = ScheduledPayment
        fields = (
            "award_id",
            "iin",
            "full_name",
            "okrug_kato",
            "paragraph",
            "category",
            "programme",
            "periodicity",
            "decided_on",
            "award_status",
            "mrp_multiple",
            "due_on",
            "mrp_value",
            "amount",
            "status",
            "paid_on",
        )
        export_order = fields

    def get_queryset(self):
        return ScheduledPayment.objects.annotate(
            full_name=_full_name("award__recipient__")
        ).order_by("award_id", "due_on", "id")
