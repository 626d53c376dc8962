"""The district budget for social assistance, by year and programme (p31)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applications.reference.models import Category


class Budget(models.Model):
    """Money the district budget provides for a programme in a financial year (p31)."""

    year = models.PositiveSmallIntegerField(_("финансовый год"))
    programme = models.CharField(_("программа"), max_length=20, choices=Category.Programme.choices)
    amount = models.DecimalField(_("сумма, ₸"), max_digits=16, decimal_places=2)
    note = models.CharField(_("примечание"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "programme"]
        verbose_name = _("бюджет")
        verbose_name_plural = _("бюджеты")
        constraints = [
            models.UniqueConstraint(fields=["year", "programme"], name="budget_once_per_programme"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_programme_display()}"


class BudgetOverride(models.Model):
    """An administrator's permission to commit beyond what remains of a budget, with a reason.
    Used once: by the next award that needs it (for the given application, when one is named)."""

    budget = models.ForeignKey(
        Budget, verbose_name=_("бюджет"), on_delete=models.CASCADE, related_name="overrides"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("заявление"),
        on_delete=models.CASCADE,
        related_name="budget_overrides",
        null=True,
        blank=True,
    )
    amount = models.DecimalField(_("сверх остатка, не более ₸"), max_digits=16, decimal_places=2)
    reason = models.TextField(_("обоснование"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("администратор"), on_delete=models.PROTECT
    )
    recorded_at = models.DateTimeField(_("внесено"), default=timezone.now)
    award = models.ForeignKey(
        "benefits.Award",
        verbose_name=_("использовано назначением"),
        on_delete=models.SET_NULL,
        related_name="budget_overrides",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("превышение бюджета")
        verbose_name_plural = _("превышения бюджета")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="override_amount_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.budget}: +{self.amount} ₸"
