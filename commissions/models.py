"""Local commissions of the okrugs and the district's special commission (p2.1, p2.10)."""

from decimal import Decimal

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
        "reference.Okrug",
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
            models.UniqueConstraint(
                fields=["commission", "user"], name="member_once_per_commission"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class SurveyAct(models.Model):
    """Act of survey of the family's material condition (annex 1, p19), or the applicant's
    refusal of the survey, which grounds a refusal under p26(2). Every item of the printed
    annex is a field; what the records knew on the survey day is frozen here."""

    # Annex 1, items 5–10 written out in words: what the family has and lives on.
    FINDINGS = (
        "subsidiary_farm",
        "land",
        "livestock",
        "vehicles",
        "other_housing",
        "previous_aid",
        "other_incomes",
        "school_supplies",
        "sanitary_conditions",
    )

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="survey_act"
    )
    surveyed_on = models.DateField(_("дата обследования"))
    place = models.CharField(_("населённый пункт"), max_length=200)
    # items 1–3
    applicant_name = models.CharField(_("Ф.И.О. заявителя"), max_length=300, blank=True)
    address = models.CharField(_("адрес места жительства"), max_length=300, blank=True)
    hardship = models.TextField(
        _("трудная жизненная ситуация, в связи с которой заявитель обратился"), blank=True
    )
    # item 4: the employment table is SurveyActMember; the counts below it
    able_bodied_count = models.PositiveSmallIntegerField(_("всего трудоспособных, чел."), default=0)
    unemployed_count = models.PositiveSmallIntegerField(
        _("зарегистрированы безработными в органах занятости, чел."), default=0
    )
    paid_students_count = models.PositiveSmallIntegerField(
        _("детей, обучающихся на платной основе в высших и средних учебных заведениях, чел."),
        default=0,
    )
    tuition_yearly = models.DecimalField(
        _("стоимость обучения в год, ₸"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    veterans_count = models.PositiveSmallIntegerField(
        _("участники и инвалиды ВОВ, приравненные к ним лица, чел."), default=0
    )
    pensioners_count = models.PositiveSmallIntegerField(_("пенсионеры, чел."), default=0)
    over_80_count = models.PositiveSmallIntegerField(
        _("пожилые лица старше 80 лет, чел."), default=0
    )
    socially_significant_count = models.PositiveSmallIntegerField(
        _("лица с социально-значимыми заболеваниями (онкобольные, туберкулёз, ВИЧ), чел."),
        default=0,
    )
    disabled_count = models.PositiveSmallIntegerField(_("инвалиды, чел."), default=0)
    disabled_children_count = models.PositiveSmallIntegerField(_("дети-инвалиды, чел."), default=0)
    other_categories = models.CharField(_("иная категория (указать)"), max_length=300, blank=True)
    # item 5: housing and the family's incomes for the previous quarter
    housing = models.CharField(_("условия проживания"), max_length=20, blank=True)
    housing_other = models.CharField(_("иное жильё (указать)"), max_length=200, blank=True)
    housing_cost = models.DecimalField(
        _("расходы на содержание жилья, ₸"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    income_year = models.PositiveSmallIntegerField(_("год доходов"), null=True, blank=True)
    income_quarter = models.PositiveSmallIntegerField(_("квартал доходов"), null=True, blank=True)
    incomes = models.JSONField(_("доходы членов семьи за предыдущий квартал"), default=list)
    income_total = models.DecimalField(
        _("доход семьи за квартал, ₸"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    income_monthly = models.DecimalField(
        _("доход семьи в среднем за месяц, ₸"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
    )
    subsidiary_farm = models.TextField(
        _("личное подсобное хозяйство (приусадебный участок)"), blank=True
    )
    land = models.TextField(_("дачный и земельный участок (земельная доля)"), blank=True)
    livestock = models.TextField(_("скот и птица"), blank=True)
    # items 6–10
    vehicles = models.TextField(
        _("автотранспорт (марка, год выпуска, правоустанавливающий документ, доходы)"), blank=True
    )
    other_housing = models.TextField(
        _("иное жильё, кроме занимаемого (доходы от его эксплуатации)"), blank=True
    )
    previous_aid = models.TextField(
        _("ранее полученная помощь (форма, сумма, источник)"), blank=True
    )
    other_incomes = models.TextField(_("иные доходы семьи (форма, сумма, источник)"), blank=True)
    school_supplies = models.TextField(
        _("обеспеченность детей школьными принадлежностями, одеждой, обувью"), blank=True
    )
    sanitary_conditions = models.TextField(
        _("санитарно-эпидемиологические условия проживания"), blank=True
    )
    # signatures
    chair_name = models.CharField(_("председатель комиссии"), max_length=200, blank=True)
    member_names = models.TextField(_("члены комиссии (по одному в строке)"), blank=True)
    acknowledged = models.BooleanField(_("заявитель ознакомлен с актом"), default=False)
    # the refusal of the survey (the last lines of annex 1)
    refused = models.BooleanField(_("заявитель отказался от обследования"), default=False)
    refused_on = models.DateField(_("дата отказа"), null=True, blank=True)
    refused_signed_by = models.CharField(
        _("отказ подписал (заявитель или член семьи)"), max_length=300, blank=True
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("акт обследования")
        verbose_name_plural = _("акты обследования")
        constraints = [
            models.CheckConstraint(
                condition=Q(refused=False)
                | (Q(refused_on__isnull=False) & ~Q(refused_signed_by="")),
                name="survey_refusal_dated_and_signed",
            ),
            models.CheckConstraint(
                condition=Q(tuition_yearly__gte=0) & Q(housing_cost__gte=0),
                name="survey_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Акт обследования — {self.application}"

    @property
    def member_name_list(self) -> list[str]:
        return [line.strip() for line in self.member_names.splitlines() if line.strip()]


class SurveyActMember(models.Model):
    """A row of the act's employment table (annex 1, item 4), as found on the survey day."""

    act = models.ForeignKey(SurveyAct, on_delete=models.CASCADE, related_name="rows")
    person = models.ForeignKey(
        "applications.Person", on_delete=models.PROTECT, related_name="survey_rows"
    )
    full_name = models.CharField(_("Ф.И.О."), max_length=300)
    birth_date = models.DateField(_("дата рождения"))
    relation = models.CharField(_("родственное отношение к заявителю"), max_length=20)
    occupation = models.CharField(_("занятость (место работы, учёбы)"), max_length=300, blank=True)
    unemployment_reason = models.CharField(_("причина незанятости"), max_length=300, blank=True)
    employment_measures = models.CharField(
        _("общественные работы, профподготовка, активные меры содействия занятости"),
        max_length=300,
        blank=True,
    )
    own_hardship = models.CharField(_("трудная жизненная ситуация"), max_length=300, blank=True)

    class Meta:
        ordering = ["act", "id"]
        verbose_name = _("строка акта: член семьи")
        verbose_name_plural = _("строки акта: члены семьи")
        constraints = [
            models.UniqueConstraint(fields=["act", "person"], name="survey_row_once_per_person"),
        ]

    def __str__(self) -> str:
        return self.full_name


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
    cap_mrp = models.DecimalField(
        _("предельный размер, МРП"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cap_amount = models.DecimalField(
        _("предельный размер, ₸"), max_digits=14, decimal_places=2, null=True, blank=True
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
            models.CheckConstraint(
                condition=Q(need=False) | (Q(amount__isnull=False) & Q(amount__gt=0)),
                name="special_need_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"Заключение спецкомиссии — {self.application}"

    @property
    def amount_mrp(self) -> Decimal | None:
        """The amount in MRP at the MRP used (p30), to explain the printed figure."""
        if not (self.amount and self.mrp_value):
            return None
        return (self.amount / self.mrp_value).quantize(Decimal("0.01"))


class IssuedDocument(models.Model):
    """A document signed off and handed out: its PDF bytes are kept as issued, with their
    SHA-256, so downloading it again returns the same file after the records change (p19, p25)."""

    class Kind(models.TextChoices):
        ACT = "act", _("акт обследования (приложение 1)")
        LOCAL_CONCLUSION = "local_conclusion", _("заключение участковой комиссии (приложение 2)")
        FAMILY = "family", _("сведения о составе семьи (приложение 3)")
        SPECIAL_CONCLUSION = "special_conclusion", _("заключение специальной комиссии")
        NOTICE = "notice", _("уведомление о решении")
        EDUCATION_CONTRACT = "education_contract", _("договор на обучение")

    class Lang(models.TextChoices):
        RU = "ru", _("на русском языке")
        KK = "kk", _("на казахском языке")

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="issued_documents"
    )
    kind = models.CharField(_("документ"), max_length=30, choices=Kind.choices)
    lang = models.CharField(_("язык"), max_length=2, choices=Lang.choices)
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("размер, байт"))
    issued_on = models.DateField(_("дата выдачи"))
    issued_at = models.DateTimeField(_("выдан"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("выдал"), on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["application", "kind", "lang"]
        verbose_name = _("выданный документ")
        verbose_name_plural = _("выданные документы")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "lang"], name="document_issued_once_per_lang"
            ),
            models.CheckConstraint(condition=Q(lang__in=["ru", "kk"]), name="document_lang_ru_kk"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.lang}) — {self.application}"

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.application.number}-{self.lang}.pdf"
