"""Local commissions of the okrugs and the district's special commission (p2.1, p2.10)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Commission(models.Model):
    class Kind(models.TextChoices):
        LOCAL = "local", _("участковая комиссия")
        SPECIAL = "special", _("специальная комиссия")

    kind = models.CharField(_("вид"), max_length=10, choices=Kind.choices)
    okrug = models.ForeignKey(
        "applications.Okrug",
        verbose_name=_("округ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commissions",
    )
    name = models.CharField(_("наименование"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("комиссия")
        verbose_name_plural = _("комиссии")
        constraints = [
            models.UniqueConstraint(
                fields=["okrug"], condition=Q(kind="local"), name="one_local_commission_per_okrug"
            ),
            models.CheckConstraint(
                condition=(Q(kind="local") & Q(okrug__isnull=False))
                | (Q(kind="special") & Q(okrug__isnull=True)),
                name="local_has_okrug_special_has_none",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CommissionMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("председатель")
        MEMBER = "member", _("член комиссии")
        SECRETARY = "secretary", _("секретарь")

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commission_seats"
    )
    role = models.CharField(_("роль"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    position = models.CharField(_("должность"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["commission", "role", "user__last_name"]
        verbose_name = _("член комиссии")
        verbose_name_plural = _("члены комиссий")
        constraints = [
            models.UniqueConstraint(fields=["commission", "user"], name="member_once_per_commission"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class SurveyAct(models.Model):
    """Act of survey of the family's material condition (annex 1, p19), or the applicant's
    refusal of the survey, which grounds a refusal under p26(2)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="survey_act"
    )
    surveyed_on = models.DateField(_("дата обследования"))
    place = models.CharField(_("населённый пункт"), max_length=200)
    refused = models.BooleanField(_("заявитель отказался от обследования"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("акт обследования")
        verbose_name_plural = _("акты обследования")

    def __str__(self) -> str:
        return f"Акт обследования — {self.application}"


class LocalConclusion(models.Model):
    """The local commission's conclusion on need (annex 2)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="local_conclusion"
    )
    number = models.CharField(_("номер заключения"), max_length=30)
    concluded_on = models.DateField(_("дата"))
    need = models.BooleanField(_("нуждается в социальной помощи"))
    documents_count = models.PositiveSmallIntegerField(_("приложено документов, шт."), default=0)
    received_by = models.CharField(_("принял (Ф.И.О., должность)"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("заключение участковой комиссии")
        verbose_name_plural = _("заключения участковой комиссии")

    def __str__(self) -> str:
        return f"Заключение № {self.number} — {self.application}"


class SpecialConclusion(models.Model):
    """The special commission's conclusion on need and, when positive, the amount (p14, p23)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="special_conclusion"
    )
    concluded_on = models.DateField(_("дата"))
    need = models.BooleanField(_("необходимость оказания помощи"))
    amount = models.DecimalField(
        _("размер помощи, ₸"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    mrp_value = models.DecimalField(
        _("МРП на дату, ₸"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("заключение специальной комиссии")
        verbose_name_plural = _("заключения специальной комиссии")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="special_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Заключение спецкомиссии — {self.application}"
