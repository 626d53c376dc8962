"""Awards of social assistance, their schedules of payments, termination and recovery
(p4, p14, p27, p28, p30).

An award keeps its basis (rule, MRP multiple, MRP value, date), so every printed figure can be
explained; each scheduled payment keeps the MRP value it was computed with, because MRP amounts
follow the MRP of the financial year, mid-year changes included (p30)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applications.reference.models import CategoryRule

ZERO = Decimal("0.00")


class Award(models.Model):
    """What a grant decision (or an approved list) gives: amount, periodicity, term."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("действует")
        TERMINATED = "terminated", _("прекращено")
        COMPLETED = "completed", _("завершено")

    recipient = models.ForeignKey(
        "applications.Person",
        verbose_name=_("получатель"),
        on_delete=models.PROTECT,
        related_name="awards",
    )
    family = models.ForeignKey(
        "applications.Family",
        verbose_name=_("семья"),
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
    )
    okrug = models.ForeignKey(
        "reference.Okrug",
        verbose_name=_("округ"),
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("заявление"),
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
    )
    category = models.ForeignKey(
        "reference.Category",
        verbose_name=_("категория"),
        on_delete=models.PROTECT,
        related_name="awards",
    )
    rule = models.ForeignKey(
        CategoryRule,
        verbose_name=_("правило категории"),
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
    )
    amount = models.DecimalField(_("сумма выплаты, ₸"), max_digits=14, decimal_places=2)
    mrp_multiple = models.DecimalField(
        _("кратность МРП"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    mrp_value = models.DecimalField(
        _("МРП, ₸"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    periodicity = models.CharField(
        _("периодичность"), max_length=20, choices=CategoryRule.Periodicity.choices
    )
    start = models.DateField(_("начало"))
    end = models.DateField(_("окончание"), null=True, blank=True)
    occasion_year = models.PositiveSmallIntegerField(
        _("год (для выплат раз в год)"), null=True, blank=True
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    basis = models.JSONField(_("основание расчёта"), default=dict, blank=True)
    decided_on = models.DateField(_("дата решения"))
    created_at = models.DateTimeField(_("создано"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кем назначено"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("назначение")
        verbose_name_plural = _("назначения")
        indexes = [models.Index(fields=["category", "decided_on"])]
        constraints = [
            # p7(4): low-income aid is given to a family once a year.
            models.UniqueConstraint(
                fields=["family", "category", "occasion_year"],
                condition=Q(periodicity="once_a_year"),
                name="award_once_a_year_per_family",
            ),
            models.CheckConstraint(
                condition=~Q(periodicity="once_a_year")
                | Q(family__isnull=False, occasion_year__isnull=False),
                name="award_once_a_year_has_family_and_year",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="award_amount_positive"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="award_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.pk} — {self.recipient} ({self.category.paragraph})"

    def get_absolute_url(self) -> str:
        return reverse("benefits:award_detail", args=[self.pk])


class ScheduledPayment(models.Model):
    """One payment of an award, due in a month (monthly) or on a date (once, yearly)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("запланирована")
        LISTED = "listed", _("в платёжной ведомости")
        PAID = "paid", _("выплачена")
        CANCELLED = "cancelled", _("отменена")

    award = models.ForeignKey(
        Award, verbose_name=_("назначение"), on_delete=models.CASCADE, related_name="payments"
    )
    due_on = models.DateField(_("срок выплаты"))
    amount = models.DecimalField(_("сумма, ₸"), max_digits=14, decimal_places=2)
    mrp_value = models.DecimalField(
        _("МРП, ₸"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    purpose = models.CharField(_("назначение платежа"), max_length=200, blank=True)
    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    paid_on = models.DateField(_("дата выплаты"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "due_on", "id"]
        verbose_name = _("плановая выплата")
        verbose_name_plural = _("плановые выплаты")
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="scheduled_payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False),
                name="scheduled_payment_paid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_id}: {self.due_on:%d.%m.%Y} {self.amount} ₸"


class Termination(models.Model):
    """Termination of an award (p27); payments stop from the month of the event."""

    class Reason(models.TextChoices):
        DEATH = "death", _("смерть получателя")
        MOVED_OUT = "moved_out", _("выезд на постоянное проживание за пределы района")
        STATE_INSTITUTION = (
            "state_institution",
            _("направление в государственное медико-социальное учреждение"),
        )
        FALSE_INFORMATION = "false_information", _("выявление недостоверных сведений")
        EXPULSION = "expulsion", _("отчисление из учебного заведения (п. 13)")

    award = models.OneToOneField(
        Award, verbose_name=_("назначение"), on_delete=models.PROTECT, related_name="termination"
    )
    reason = models.CharField(_("основание"), max_length=30, choices=Reason.choices)
    event_date = models.DateField(_("дата наступления обстоятельства"))
    note = models.TextField(_("примечание"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("кем внесено"), on_delete=models.PROTECT
    )
    recorded_at = models.DateTimeField(_("внесено"), default=timezone.now)

    class Meta:
        verbose_name = _("прекращение выплаты")
        verbose_name_plural = _("прекращения выплат")

    def __str__(self) -> str:
        return f"{self.award_id}: {self.get_reason_display()} {self.event_date:%d.%m.%Y}"


class Recovery(models.Model):
    """An overpaid sum to be returned, voluntarily or otherwise (p28), and its balance."""

    class Status(models.TextChoices):
        OPEN = "open", _("не погашена")
        CLOSED = "closed", _("погашена")

    award = models.ForeignKey(
        Award, verbose_name=_("назначение"), on_delete=models.PROTECT, related_name="recoveries"
    )
    termination = models.OneToOneField(
        Termination,
        verbose_name=_("прекращение"),
        on_delete=models.PROTECT,
        related_name="recovery",
        null=True,
        blank=True,
    )
    amount = models.DecimalField(_("сумма к возврату, ₸"), max_digits=14, decimal_places=2)
    reason = models.CharField(_("основание"), max_length=300)
    status = models.CharField(
        _("статус"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_on = models.DateField(_("дата возникновения"))
    closed_on = models.DateField(_("дата погашения"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("переплата к возврату")
        verbose_name_plural = _("переплаты к возврату")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="recovery_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False),
                name="recovery_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_id}: {self.amount} ₸ ({self.get_status_display()})"

    @property
    def repaid(self) -> Decimal:
        return self.repayments.aggregate(s=Coalesce(Sum("amount"), ZERO))["s"]

    @property
    def balance(self) -> Decimal:
        return self.amount - self.repaid


class Repayment(models.Model):
    """A sum returned against a recovery (p28): voluntarily or by enforcement."""

    class Kind(models.TextChoices):
        VOLUNTARY = "voluntary", _("добровольно")
        ENFORCED = "enforced", _("в принудительном порядке")

    recovery = models.ForeignKey(
        Recovery, verbose_name=_("возврат"), on_delete=models.CASCADE, related_name="repayments"
    )
    kind = models.CharField(_("порядок"), max_length=20, choices=Kind.choices)
    paid_on = models.DateField(_("дата"))
    amount = models.DecimalField(_("сумма, ₸"), max_digits=14, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("кем внесено"), on_delete=models.PROTECT
    )
    recorded_at = models.DateTimeField(_("внесено"), default=timezone.now)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("погашение переплаты")
        verbose_name_plural = _("погашения переплат")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="repayment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.paid_on:%d.%m.%Y} {self.amount} ₸"
