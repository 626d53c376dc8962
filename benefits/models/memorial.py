"""Lists of recipients for memorial dates and holidays (p5, p15) and the yearly social support
(p6): sent by the authorized organization, approved by the akimat, paid without applications."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applications.reference.models import Category

LIST_OCCASIONS = [choice for choice in Category.Occasion.choices if choice[0]]


class MemorialList(models.Model):
    """One list for an occasion and a year, approved by the akimat (p15); locked once approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("черновик")
        APPROVED = "approved", _("утверждён акиматом")

    occasion = models.CharField(_("памятная дата"), max_length=20, choices=LIST_OCCASIONS)
    year = models.PositiveSmallIntegerField(_("год"))
    pay_date = models.DateField(_("дата, на которую взят МРП"))
    status = models.CharField(
        _("статус"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    source_file_name = models.CharField(_("файл уполномоченной организации"), max_length=255)
    created_at = models.DateTimeField(_("загружен"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("загрузил"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("утверждён"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("утвердил"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_number = models.CharField(_("номер постановления акимата"), max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "occasion", "-id"]
        verbose_name = _("список к памятной дате")
        verbose_name_plural = _("списки к памятным датам")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(approved_at__isnull=False, approved_by__isnull=False),
                name="memorial_list_approved_has_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_occasion_display()}, {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("benefits:memorial_detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class MemorialListRow(models.Model):
    """A recipient of a list with the amount computed from the category rule and the MRP of the
    year (p5, p6, p30). One payment per person, occasion and year: the database forbids a second
    row, so a second list for the same date cannot pay anyone twice."""

    memorial_list = models.ForeignKey(
        MemorialList, verbose_name=_("список"), on_delete=models.CASCADE, related_name="rows"
    )
    line_number = models.PositiveIntegerField(_("строка файла"))
    person = models.ForeignKey(
        "applications.Person",
        verbose_name=_("получатель"),
        on_delete=models.PROTECT,
        related_name="memorial_rows",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("категория"), on_delete=models.PROTECT, related_name="+"
    )
    occasion = models.CharField(_("памятная дата"), max_length=20, choices=LIST_OCCASIONS)
    year = models.PositiveSmallIntegerField(_("год"))
    amount = models.DecimalField(_("сумма, ₸"), max_digits=14, decimal_places=2)
    mrp_multiple = models.DecimalField(
        _("кратность МРП"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    lump_sum = models.BooleanField(_("с единовременной выплатой"), default=False)
    lump_sum_mrp = models.DecimalField(
        _("единовременно, МРП"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    mrp_value = models.DecimalField(
        _("МРП, ₸"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    iban = models.CharField(_("счёт (IBAN)"), max_length=20)
    award = models.OneToOneField(
        "benefits.Award",
        verbose_name=_("назначение"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memorial_row",
    )

    class Meta:
        ordering = ["memorial_list", "line_number"]
        verbose_name = _("строка списка")
        verbose_name_plural = _("строки списка")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "occasion", "year"], name="memorial_once_per_person_occasion_year"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="memorial_row_amount_positive"),
            models.CheckConstraint(
                condition=Q(lump_sum=False) | Q(lump_sum_mrp__gt=0),
                name="memorial_row_lump_sum_has_multiple",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.amount} ₸"

    @property
    def total_mrp(self) -> Decimal | None:
        if self.mrp_multiple is None:
            return None
        return self.mrp_multiple + (self.lump_sum_mrp or Decimal("0"))


class LumpSumPayment(models.Model):
    """The lump sum of 40 MRP to persons equated to WWII disabled (p5.3) is paid once in a
    lifetime: this record remembers it, and the database allows one per person and category."""

    person = models.ForeignKey(
        "applications.Person",
        verbose_name=_("получатель"),
        on_delete=models.PROTECT,
        related_name="lump_sums",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("категория"), on_delete=models.PROTECT, related_name="+"
    )
    row = models.OneToOneField(
        MemorialListRow, verbose_name=_("строка списка"), on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("год выплаты"))
    mrp_multiple = models.DecimalField(_("МРП"), max_digits=8, decimal_places=2)
    amount = models.DecimalField(_("сумма, ₸"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["person", "year"]
        verbose_name = _("единовременная выплата")
        verbose_name_plural = _("единовременные выплаты")
        constraints = [
            models.UniqueConstraint(fields=["person", "category"], name="lump_sum_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.amount} ₸ ({self.year})"
