"""People, families, incomes and applications (p16 of the Rules; annexes 1 and 3)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applications.cases import transition_messages
from applications.reference.models import Bank, Okrug
from applications.reference.validators import (
    normalize_iban,
    validate_iin,
    validate_kz_iban,
    validate_kz_phone,
    validate_person_name,
)


class Person(models.Model):
    class Sex(models.TextChoices):
        MALE = "M", _("мужской")
        FEMALE = "F", _("женский")

    iin = models.CharField(_("ИИН"), max_length=12, unique=True, validators=[validate_iin])
    surname = models.CharField(_("фамилия"), max_length=100, validators=[validate_person_name])
    name = models.CharField(_("имя"), max_length=100, validators=[validate_person_name])
    patronymic = models.CharField(
        _("отчество"), max_length=100, blank=True, validators=[validate_person_name]
    )
    birth_date = models.DateField(_("дата рождения"))
    sex = models.CharField(_("пол"), max_length=1, choices=Sex.choices)
    address = models.CharField(_("адрес"), max_length=300, blank=True)
    phone = models.CharField(
        _("телефон"), max_length=30, blank=True, validators=[validate_kz_phone]
    )
    bank = models.ForeignKey(
        Bank, verbose_name=_("банк"), on_delete=models.PROTECT, null=True, blank=True
    )
    iban = models.CharField(
        _("счёт (IBAN)"), max_length=20, blank=True, validators=[validate_kz_iban]
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    # Who registered the citizen: an akim's office sees a person with no family yet only if it
    # registered them (access.scope_persons).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто зарегистрировал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["surname", "name", "patronymic"]
        verbose_name = _("гражданин")
        verbose_name_plural = _("граждане")
        indexes = [models.Index(fields=["surname", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(iin__regex=r"^[0-9]{12}$"), name="person_iin_12_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.iban = normalize_iban(self.iban)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("applications:person_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return full_name(self.surname, self.name, self.patronymic)

    @property
    def masked_iin(self) -> str:
        return masked_iin(self.iin)


class IinCorrection(models.Model):
    """An IIN corrected by a caseworker: the old and the new number and why, shown on the
    person's page (the person's own history keeps the change too)."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("гражданин"),
        on_delete=models.CASCADE,
        related_name="iin_corrections",
    )
    old_iin = models.CharField(_("прежний ИИН"), max_length=12)
    new_iin = models.CharField(_("новый ИИН"), max_length=12)
    reason = models.TextField(_("основание исправления"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто исправил"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("когда"), default=timezone.now)

    class Meta:
        ordering = ["-corrected_at", "-id"]
        verbose_name = _("исправление ИИН")
        verbose_name_plural = _("исправления ИИН")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="iin_correction_reason_given"),
        ]

    def __str__(self) -> str:
        return f"{self.old_iin} → {self.new_iin}"

    @property
    def masked_old_iin(self) -> str:
        return masked_iin(self.old_iin)

    @property
    def masked_new_iin(self) -> str:
        return masked_iin(self.new_iin)


def full_name(surname: str, name: str, patronymic: str) -> str:
    return " ".join(p for p in (surname, name, patronymic) if p)


def masked_iin(iin: str) -> str:
    """The IIN as those who need no more of it see it: 8503******05."""
    return f"{iin[:4]}******{iin[-2:]}"


class Family(models.Model):
    """A family (or a single citizen) with its registration number (annex 3)."""

    # The family's facts the caseworker keeps and corrects (annex 1, items 3, 5, 6).
    FACTS = (
        "address",
        "housing",
        "housing_other",
        "housing_cost",
        "subsidiary_farm",
        "land",
        "livestock",
    )

    class Housing(models.TextChoices):  # annex 1, item 5
        DORMITORY = "dormitory", _("общежитие")
        RENTED = "rented", _("арендное жильё")
        PRIVATIZED = "privatized", _("приватизированное жильё")
        SERVICE = "service", _("служебное жильё")
        COOPERATIVE = "cooperative", _("жилой кооператив")
        HOUSE = "house", _("индивидуальный жилой дом")
        OTHER = "other", _("иное")

    reg_number = models.CharField(_("регистрационный номер семьи"), max_length=30, unique=True)
    applicant = models.ForeignKey(
        Person, verbose_name=_("заявитель"), on_delete=models.PROTECT, related_name="families_led"
    )
    address = models.CharField(_("адрес места жительства"), max_length=300)
    okrug = models.ForeignKey(
        Okrug, verbose_name=_("округ"), on_delete=models.PROTECT, related_name="families"
    )
    housing = models.CharField(
        _("условия проживания"), max_length=20, choices=Housing.choices, default=Housing.HOUSE
    )
    housing_other = models.CharField(_("иное жильё (указать)"), max_length=200, blank=True)
    housing_cost = models.DecimalField(
        _("расходы на содержание жилья в месяц, ₸"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    subsidiary_farm = models.TextField(
        _("личное подсобное хозяйство (приусадебный участок, скот и птица)"), blank=True
    )
    land = models.TextField(_("дачный и земельный участок (земельная доля)"), blank=True)
    livestock = models.TextField(_("скот и птица"), blank=True)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["reg_number"]
        verbose_name = _("семья")
        verbose_name_plural = _("семьи")
        constraints = [
            models.CheckConstraint(
                condition=Q(housing_cost__gte=0), name="family_housing_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reg_number} — {self.applicant}"

    def get_absolute_url(self) -> str:
        return reverse("applications:family_detail", args=[self.pk])


class FamilyMember(models.Model):
    """A member actually living in the family (annex 1, item 4). The applicant is a member too,
    with the relation APPLICANT: exactly one per family (Family.applicant is NOT NULL, and a
    partial unique index forbids a second)."""

    class Relation(models.TextChoices):
        APPLICANT = "applicant", _("заявитель")
        SPOUSE = "spouse", _("супруг(а)")
        SON = "son", _("сын")
        DAUGHTER = "daughter", _("дочь")
        FATHER = "father", _("отец")
        MOTHER = "mother", _("мать")
        BROTHER = "brother", _("брат")
        SISTER = "sister", _("сестра")
        GRANDCHILD = "grandchild", _("внук (внучка)")
        GRANDPARENT = "grandparent", _("дедушка (бабушка)")
        OTHER = "other", _("иное родство")

    family = models.ForeignKey(
        Family, verbose_name=_("семья"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("гражданин"), on_delete=models.PROTECT, related_name="memberships"
    )
    relation = models.CharField(
        _("родственное отношение к заявителю"), max_length=20, choices=Relation.choices
    )
    occupation = models.CharField(_("занятость (место работы, учёбы)"), max_length=300, blank=True)
    unemployment_reason = models.CharField(_("причина незанятости"), max_length=300, blank=True)
    employment_measures = models.CharField(
        _("участие в общественных работах, профподготовке, активных мерах содействия занятости"),
        max_length=300,
        blank=True,
    )
    own_hardship = models.CharField(_("трудная жизненная ситуация"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["family", "id"]
        verbose_name = _("член семьи")
        verbose_name_plural = _("члены семьи")
        constraints = [
            models.UniqueConstraint(fields=["family", "person"], name="member_once_per_family"),
            models.UniqueConstraint(
                fields=["family"],
                condition=Q(relation="applicant"),
                name="family_single_applicant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relation_display()})"


class Income(models.Model):
    """Income of a member for a quarter (annex 1, "Доходы семьи")."""

    class Kind(models.TextChoices):
        WAGES = "wages", _("заработная плата")
        PENSION = "pension", _("пенсия")
        ALLOWANCE = "allowance", _("пособие")
        ENTREPRENEURSHIP = "entrepreneurship", _("предпринимательская деятельность")
        SUBSIDIARY_FARM = "farm", _("личное подсобное хозяйство")
        ALIMONY = "alimony", _("алименты")
        OTHER = "other", _("иные доходы")

    member = models.ForeignKey(
        FamilyMember, verbose_name=_("член семьи"), on_delete=models.CASCADE, related_name="incomes"
    )
    kind = models.CharField(_("вид дохода"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        _("год"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("квартал"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    amount = models.DecimalField(
        _("сумма за квартал, ₸"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["member", "year", "quarter", "kind"]
        verbose_name = _("доход")
        verbose_name_plural = _("доходы")
        indexes = [models.Index(fields=["year", "quarter"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="income_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="income_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.person}: {self.get_kind_display()} {self.year}/Q{self.quarter}"


# Statuses of an application still on its path (p16–p25): everything before the notice.
OPEN_STATUSES = (
    "registered",
    "at_local",
    "surveyed",
    "at_authority",
    "at_special",
    "concluded",
    "granted",
    "refused",
)

# Statuses of an application not yet decided (p16–p24): a second application of the same family
# and category is refused at intake while one of these is open (issue 20).
UNDECIDED_STATUSES = (
    "registered",
    "at_local",
    "surveyed",
    "at_authority",
    "at_special",
    "concluded",
)


class Application(models.Model):
    """An application for social assistance (p16) and where it stands on its path (p18–p25)."""

    class Kind(models.TextChoices):
        HARDSHIP = "hardship", _("трудная жизненная ситуация")
        EDUCATION = "education", _("на обучение")

    class Channel(models.TextChoices):
        AUTHORITY = "authority", _("уполномоченный орган")
        AKIM = "akim", _("аппарат акима округа")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("зарегистрировано")
        AT_LOCAL_COMMISSION = "at_local", _("в участковой комиссии")
        SURVEYED = "surveyed", _("обследовано (у акима)")
        AT_AUTHORITY = "at_authority", _("в уполномоченном органе")
        AT_SPECIAL_COMMISSION = "at_special", _("в специальной комиссии")
        CONCLUDED = "concluded", _("заключение специальной комиссии")
        GRANTED = "granted", _("назначено")
        REFUSED = "refused", _("отказано")
        NOTIFIED = "notified", _("заявитель уведомлён")

    number = models.CharField(_("номер"), max_length=30, unique=True)
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.HARDSHIP)
    category = models.ForeignKey(
        "reference.Category",
        verbose_name=_("категория"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        Person, verbose_name=_("заявитель"), on_delete=models.PROTECT, related_name="applications"
    )
    family = models.ForeignKey(
        Family, verbose_name=_("семья"), on_delete=models.PROTECT, related_name="applications"
    )
    okrug = models.ForeignKey(
        Okrug, verbose_name=_("округ"), on_delete=models.PROTECT, related_name="applications"
    )
    channel = models.CharField(
        _("где принято"), max_length=20, choices=Channel.choices, default=Channel.AUTHORITY
    )
    event_date = models.DateField(
        _("дата наступления ТЖС (бедствие, пожар)"), null=True, blank=True
    )
    situation = models.TextField(_("трудная жизненная ситуация"), blank=True)
    registered_at = models.DateTimeField(_("зарегистрировано"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("зарегистрировал"),
        on_delete=models.PROTECT,
        related_name="registered_applications",
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    status_changed_at = models.DateTimeField(_("статус изменён"), default=timezone.now)
    due_date = models.DateField(_("срок текущего шага"), null=True, blank=True)
    decision_due = models.DateField(_("срок решения"), null=True, blank=True)
    documents_requested = models.BooleanField(
        _("документы запрошены в других органах (п. 20, 21)"), default=False
    )
    per_capita_income = models.DecimalField(
        _("среднедушевой доход, ₸"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The token of the intake form that registered it: the same form posted twice (a double
    # click, the browser's back and resubmit) finds this application instead of making another.
    intake_token = models.UUIDField(
        _("токен формы приёма"), null=True, blank=True, unique=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("заявление")
        verbose_name_plural = _("заявления")
        # One index per filter and sort of the list and the queues (selectors.SORTS, queues.py),
        # each ending in id, the list's tie-breaker, so a page is an index range (issue 9).
        indexes = [
            models.Index(fields=["status", "due_date", "id"], name="application_status_due_idx"),
            models.Index(fields=["okrug", "status"]),
            models.Index(fields=["registered_at", "id"], name="application_registered_idx"),
            models.Index(fields=["due_date", "id"], name="application_due_idx"),
            # the work queue's order (queues.application_queue): nearest term, then registration
            models.Index(fields=["due_date", "registered_at", "id"], name="application_queue_idx"),
            models.Index(fields=["status", "id"], name="application_status_id_idx"),
            models.Index(
                fields=["status", "registered_at", "id"], name="application_status_reg_idx"
            ),
            models.Index(fields=["okrug", "registered_at", "id"], name="application_okrug_reg_idx"),
            models.Index(fields=["okrug", "due_date", "id"], name="application_okrug_due_idx"),
            # The work queues and the overdue report read open cases only: a few per cent of a
            # region's applications, in one small index in the queue's order.
            models.Index(
                fields=["due_date", "registered_at", "id"],
                name="application_open_queue_idx",
                condition=Q(status__in=OPEN_STATUSES),
                # whose move it is (queues.waiting_for) is read from the index itself
                include=["status", "channel", "okrug"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(per_capita_income__isnull=True) | Q(per_capita_income__gte=0),
                name="application_income_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.number}"

    def get_absolute_url(self) -> str:
        return application_url(self.pk)

    @property
    def registered_on(self) -> datetime.date:
        return timezone.localdate(self.registered_at)


def application_url(pk: int) -> str:
    """The application's page (the workflow's): for a row read as plain values too."""
    return reverse("workflow:application_detail", args=[pk])


class ApplicationTransition(models.Model):
    """One step of an application's path: who moved it, when, from where to where, and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("из"), max_length=20, blank=True)
    to_status = models.CharField(_("в"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("кто"), on_delete=models.PROTECT
    )
    at = models.DateTimeField(_("когда"), default=timezone.now)
    # What the system says of the move, as a code of transition_messages.MESSAGES and its
    # parameters, put into words in the reader's language when shown; the comment keeps only
    # what a user typed.
    message_code = models.CharField(_("сообщение"), max_length=40, blank=True)
    message_params = models.JSONField(_("параметры сообщения"), default=dict, blank=True)
    comment = models.TextField(_("комментарий"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("переход")
        verbose_name_plural = _("история переходов")

    def __str__(self) -> str:
        return f"{self.application}: {self.from_status} → {self.to_status}"

    @property
    def message(self) -> str:
        """What the system says of the move, in the reader's language, money and dates
        formatted (transition_messages)."""
        return transition_messages.render(self.message_code, self.message_params)


def document_upload_to(instance: "ApplicationDocument", filename: str) -> str:
    return f"applications/{instance.application_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class ApplicationDocument(models.Model):
    """A scan attached to an application (p16): kept outside public URLs."""

    class Kind(models.TextChoices):
        IDENTITY = "identity", _("документ, удостоверяющий личность")
        SITUATION_ACT = "situation", _("акт, подтверждающий ТЖС")
        INCOME = "income", _("сведения о доходах")
        OTHER = "other", _("иное")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("вид документа"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("файл"), upload_to=document_upload_to)
    content_type = models.CharField(_("тип"), max_length=50)
    size = models.PositiveIntegerField(_("размер, байт"))
    uploaded_at = models.DateTimeField(_("загружен"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("документ заявления")
        verbose_name_plural = _("документы заявления")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.application})"


class Decision(models.Model):
    """The authorized body's decision to grant or refuse (p24), with the ground of a refusal
    (p26) and its basis frozen as it stood on the day: family, incomes, per-capita income,
    threshold, MRP. The notice is due 3 working days after the decision (p25)."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("оказать социальную помощь")
        REFUSED = "refused", _("отказать в оказании социальной помощи")

    class NoticeChannel(models.TextChoices):
        """How the written notice of the decision reached the applicant (p25)."""

        IN_PERSON = "in_person", _("вручено лично")
        POST = "post", _("почтой")
        EMAIL = "email", _("по электронной почте")
        SMS = "sms", _("SMS-сообщением")

    class Ground(models.TextChoices):
        NONE = "", _("—")
        FALSE_INFORMATION = (
            "false_information",
            _("выявление недостоверных сведений, представленных заявителем (п. 26, пп. 1)"),
        )
        SURVEY_REFUSED = (
            "survey_refused",
            _("отказ, уклонение заявителя от обследования материального положения (п. 26, пп. 2)"),
        )
        INCOME_ABOVE_THRESHOLD = (
            "income_above_threshold",
            _("превышение среднедушевым доходом порога для оказания помощи (п. 26, пп. 3)"),
        )

    application = models.OneToOneField(
        Application, verbose_name=_("заявление"), on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("решение"), max_length=10, choices=Outcome.choices)
    ground = models.CharField(
        _("основание отказа"), max_length=30, choices=Ground.choices, blank=True, default=""
    )
    comment = models.TextField(_("комментарий"), blank=True)
    amount = models.DecimalField(
        _("размер помощи, ₸"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    mrp_value = models.DecimalField(_("МРП на дату решения, ₸"), max_digits=10, decimal_places=2)
    decided_on = models.DateField(_("дата решения"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("принял решение"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    period_start = models.DateField(_("период выплаты с"), null=True, blank=True)
    period_end = models.DateField(_("период выплаты по"), null=True, blank=True)
    basis = models.JSONField(_("основание решения (на дату решения)"), default=dict)
    notice_due = models.DateField(_("срок уведомления"))
    notified_on = models.DateField(_("заявитель уведомлён"), null=True, blank=True)
    notified_by = models.CharField(
        _("как уведомлён"), max_length=10, choices=NoticeChannel.choices, blank=True, default=""
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("решение")
        verbose_name_plural = _("решения")
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome="granted") & Q(ground="") & Q(amount__gte=0))
                | (Q(outcome="refused") & ~Q(ground="")),
                name="decision_grant_has_amount_refusal_has_ground",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="decision_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} — {self.application}"
