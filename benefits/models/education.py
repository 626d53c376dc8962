"""Education aid (p8–p13): the yearly cap by degree, the student's case with its two-sided
contract (p10), and each academic year's transfer with its tuition receipt (p11, p12)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applications.cases import transition_messages
from applications.reference.models import Degree, StudyForm
from applications.reference.validators import validate_iin


class EducationCase(models.Model):
    """A student's education aid: the application (kind EDUCATION) and the study it pays for."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("заявление принято")
        AWARDED = "awarded", _("помощь назначена")
        REFUSED = "refused", _("отказано")
        EXPELLED = "expelled", _("отчислен, взыскание")
        FINISHED = "finished", _("обучение завершено")

    class Representation(models.TextChoices):
        PARENT = "parent", _("родитель")
        ADOPTIVE_PARENT = "adoptive_parent", _("усыновитель")
        GUARDIAN = "guardian", _("опекун")
        TRUSTEE = "trustee", _("попечитель")

    class ExpulsionReason(models.TextChoices):
        ABSENCE = "absence", _("систематическое и беспричинное отсутствие на учёбе")
        POOR_RESULTS = "poor_results", _("плохая успеваемость")

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("заявление"),
        on_delete=models.PROTECT,
        related_name="education_case",
    )
    student = models.ForeignKey(
        "applications.Person",
        verbose_name=_("обучающийся"),
        on_delete=models.PROTECT,
        related_name="education_cases",
    )
    degree = models.CharField(_("уровень обучения"), max_length=20, choices=Degree.choices)
    institution = models.CharField(_("учебное заведение"), max_length=300)
    speciality = models.CharField(_("специальность"), max_length=300)
    # p8: a speciality of the region's list in force on the application's date; empty only
    # for cases registered before the list was kept.
    in_demand_speciality = models.ForeignKey(
        "reference.InDemandSpeciality",
        verbose_name=_("востребованная в регионе специальность"),
        on_delete=models.PROTECT,
        related_name="education_cases",
        null=True,
        blank=True,
    )
    study_form = models.CharField(
        _("форма обучения"), max_length=20, choices=StudyForm.choices, default=StudyForm.FULL_TIME
    )
    student_document = models.CharField(
        _("документ, удостоверяющий личность обучающегося"), max_length=200, blank=True
    )
    first_academic_year = models.PositiveSmallIntegerField(_("учебный год (начало)"))
    tuition = models.DecimalField(
        _("стоимость обучения за год, ₸"), max_digits=14, decimal_places=2
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    # Cases refused before the reasons were kept as messages have it as text; see refusal.
    refusal_reason = models.TextField(_("основание отказа"), blank=True)
    # A student under 18 on the application's date acts through a legal representative, who
    # signs the contract (p10; Civil Code art. 17, 22).
    representative_name = models.CharField(
        _("законный представитель (Ф.И.О.)"), max_length=300, blank=True
    )
    representative_iin = models.CharField(
        _("ИИН представителя"), max_length=12, blank=True, validators=[validate_iin]
    )
    representative_document = models.CharField(
        _("документ, удостоверяющий личность представителя"), max_length=200, blank=True
    )
    representative_address = models.CharField(_("адрес представителя"), max_length=300, blank=True)
    representative_phone = models.CharField(_("телефон представителя"), max_length=30, blank=True)
    representative_relation = models.CharField(
        _("кем приходится обучающемуся"),
        max_length=20,
        choices=Representation.choices,
        blank=True,
    )
    # Fixed by the decision (p8, p10): the cap in tenge at the MRP of the decision date and the
    # contract's yearly sum; no later MRP makes a year's payment larger (p12).
    cap_amount = models.DecimalField(
        _("предел на дату решения, ₸"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    contract_amount = models.DecimalField(
        _("сумма по договору за год, ₸"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    contract_number = models.CharField(_("номер договора"), max_length=30, blank=True)
    contract_date = models.DateField(_("дата договора"), null=True, blank=True)
    expelled_on = models.DateField(_("дата отчисления"), null=True, blank=True)
    expulsion_reason = models.CharField(
        _("основание отчисления"), max_length=20, choices=ExpulsionReason.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-first_academic_year", "-id"]
        verbose_name = _("помощь на обучение")
        verbose_name_plural = _("помощь на обучение")
        constraints = [
            models.UniqueConstraint(
                fields=["contract_number"],
                condition=~Q(contract_number=""),
                name="education_contract_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(contract_amount__isnull=True)
                | Q(contract_amount__lte=models.F("cap_amount")),
                name="education_contract_within_cap",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.get_degree_display()}, {self.institution}"

    def get_absolute_url(self) -> str:
        return reverse("benefits:education_detail", args=[self.pk])

    @property
    def refusal(self) -> str:
        """Why the case was refused, in the reader's language with the figures formatted, from
        the decision's basis; the stored text of a case refused before that."""
        if self.status != self.Status.REFUSED:
            return ""
        decision = getattr(self.application, "decision", None)
        said = (decision.basis if decision else {}).get("education", {}).get("refusal")
        if said:
            return transition_messages.render(said["code"], said["params"])
        return self.refusal_reason


class EducationYear(models.Model):
    """One academic year paid (p12): the amount within the cap, the transfer, and the receipt
    due within 5 working days after the money arrives (p11)."""

    case = models.ForeignKey(
        EducationCase, verbose_name=_("дело"), on_delete=models.CASCADE, related_name="years"
    )
    academic_year = models.PositiveSmallIntegerField(_("учебный год (начало)"))
    tuition = models.DecimalField(
        _("стоимость обучения за год, ₸"), max_digits=14, decimal_places=2
    )
    cap_mrp = models.DecimalField(_("предел, МРП"), max_digits=8, decimal_places=2)
    mrp_value = models.DecimalField(_("МРП, ₸"), max_digits=10, decimal_places=2)
    amount = models.DecimalField(_("сумма помощи, ₸"), max_digits=14, decimal_places=2)
    per_capita_income = models.DecimalField(
        _("среднедушевой доход, ₸"), max_digits=14, decimal_places=2
    )
    income_threshold = models.DecimalField(_("порог дохода, ₸"), max_digits=14, decimal_places=2)
    award = models.OneToOneField(
        "benefits.Award",
        verbose_name=_("назначение"),
        on_delete=models.PROTECT,
        related_name="education_year",
    )
    decided_on = models.DateField(_("дата назначения"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("назначил"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    money_arrived_on = models.DateField(_("деньги поступили"), null=True, blank=True)
    receipt_due = models.DateField(_("квитанция не позднее"), null=True, blank=True)
    receipt_received_on = models.DateField(_("квитанция представлена"), null=True, blank=True)
    receipt_number = models.CharField(_("номер квитанции"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "academic_year"]
        verbose_name = _("учебный год")
        verbose_name_plural = _("учебные годы")
        indexes = [models.Index(fields=["receipt_due"], name="education_receipt_due_idx")]
        constraints = [
            models.UniqueConstraint(fields=["case", "academic_year"], name="education_year_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="education_amount_positive"),
            models.CheckConstraint(
                condition=Q(amount__lte=models.F("tuition")),
                name="education_amount_within_tuition",
            ),
            models.CheckConstraint(
                condition=Q(money_arrived_on__isnull=True) | Q(receipt_due__isnull=False),
                name="education_transfer_has_receipt_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.academic_year}/{self.academic_year + 1}: {self.amount} ₸"

    @property
    def academic_year_label(self) -> str:
        return f"{self.academic_year}/{self.academic_year + 1}"
