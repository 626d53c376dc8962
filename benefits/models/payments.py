"""Payment lists sent to the banks (p29): money goes to the recipients' accounts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applications.reference.models import Category

from .awards import ScheduledPayment


class PaymentList(models.Model):
    """A list of payments for a period or an occasion, grouped by bank (p29)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("черновик")
        SENT = "sent", _("отправлена в банк")
        PAID = "paid", _("оплачена")

    class Kind(models.TextChoices):
        PERIOD = "period", _("за период")
        OCCASION = "occasion", _("к памятной дате")

    title = models.CharField(_("наименование"), max_length=200)
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.PERIOD)
    period_start = models.DateField(_("выплаты со дня"))
    period_end = models.DateField(_("выплаты по день"))
    occasion = models.CharField(
        _("памятная дата"), max_length=20, choices=Category.Occasion.choices, blank=True, default=""
    )
    status = models.CharField(
        _("статус"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("сформировал"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("сформирована"), default=timezone.now)
    sent_at = models.DateTimeField(_("отправлена"), null=True, blank=True)
    paid_on = models.DateField(_("оплачена (дата)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("платёжная ведомость")
        verbose_name_plural = _("платёжные ведомости")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="payment_list_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("benefits:payment_list_detail", args=[self.pk])


class PaymentListItem(models.Model):
    """A scheduled payment in a list, with the account it goes to as it was when listed, and
    what the bank answered for it (p29): paid on a day, or returned with its reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("ожидает ответа банка")
        PAID = "paid", _("зачислена")
        RETURNED = "returned", _("возвращена банком")

    payment_list = models.ForeignKey(
        PaymentList, verbose_name=_("ведомость"), on_delete=models.CASCADE, related_name="items"
    )
    payment = models.ForeignKey(
        ScheduledPayment,
        verbose_name=_("плановая выплата"),
        on_delete=models.PROTECT,
        related_name="list_items",
    )
    bank = models.ForeignKey(
        "reference.Bank", verbose_name=_("банк"), on_delete=models.PROTECT, related_name="+"
    )
    iban = models.CharField(_("счёт (IBAN)"), max_length=20)
    amount = models.DecimalField(_("сумма, ₸"), max_digits=14, decimal_places=2)
    status = models.CharField(
        _("ответ банка"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    paid_on = models.DateField(_("зачислена (дата)"), null=True, blank=True)
    returned_on = models.DateField(_("возвращена (дата)"), null=True, blank=True)
    return_reason = models.CharField(_("причина возврата"), max_length=300, blank=True)
    bank_reference = models.CharField(_("референс банка"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["payment_list", "bank", "id"]
        verbose_name = _("строка ведомости")
        verbose_name_plural = _("строки ведомости")
        constraints = [
            # p29: a scheduled payment is paid once: it stands in one list at a time, and only
            # a transfer the bank returned lets it into a later list (never paid twice).
            models.UniqueConstraint(
                fields=["payment"],
                condition=~Q(status="returned"),
                name="payment_in_one_list_unless_returned",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="list_item_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False),
                name="list_item_paid_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="list_item_returned_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payment_list_id}: {self.iban} {self.amount} ₸"
