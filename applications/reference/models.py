"""Reference data, entered by the administrator and read by every layer: the okrugs of the
district, the banks, corrections of the working-day calendar, the categories of recipients with
their effective-dated rules, the MRP, the subsistence minimum and the caps of education aid
(p5–p8, p30).

Every amount, cap and threshold is data with a period in force, so the next maslikhat decision
is entered as rows, not released as code."""

import datetime
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zhanakorgan_aid.display import BilingualName


class Okrug(BilingualName, models.Model):
    """A settlement or rural okrug of the district, with its akim's office and local commission."""

    kato = models.CharField(_("код КАТО"), max_length=9, unique=True)
    name_ru = models.CharField(_("наименование (рус.)"), max_length=200)
    name_kk = models.CharField(_("наименование (каз.)"), max_length=200)
    centre_ru = models.CharField(_("центр"), max_length=100, blank=True)
    # The heading of annex 2 names the commission "of" the okrug: Russian and Kazakh decline
    # the name (Жанакорганского сельского округа; Жаңақорған ауылдық округінің), which no
    # rule derives reliably from the nominative, so the form is kept beside the name.
    name_ru_genitive = models.CharField(
        _("наименование в родительном падеже (рус.)"),
        max_length=200,
        blank=True,
        help_text=_("Например: Жанакорганского сельского округа"),
    )
    name_kk_genitive = models.CharField(
        _("наименование в родительном падеже (каз.)"),
        max_length=200,
        blank=True,
        help_text=_("Например: Жаңақорған ауылдық округінің"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_ru"]
        verbose_name = _("округ")
        verbose_name_plural = _("округа")

    def __str__(self) -> str:
        return self.name

    def genitive(self, lang: str) -> str:
        """The okrug "of" which a local commission is (annex 2's heading) in Russian or Kazakh;
        the name itself where the administrator has not entered the form."""
        if lang == "kk":
            return self.name_kk_genitive or self.name_kk
        return self.name_ru_genitive or self.name_ru


class Bank(models.Model):
    """A second-tier bank (p29), known by the 3-digit code at positions 5–7 of a KZ IBAN."""

    code = models.CharField(_("код банка в IBAN"), max_length=3, unique=True)
    bic = models.CharField(_("БИК"), max_length=8, blank=True)
    name = models.CharField(_("наименование"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("банк")
        verbose_name_plural = _("банки")

    def __str__(self) -> str:
        return self.name


class CalendarOverride(models.Model):
    """An administrator's correction of the working-day calendar; wins over the `holidays` data."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("дополнительный выходной")
        WORKING_DAY = "working_day", _("рабочий день (перенос)")

    date = models.DateField(_("дата"), unique=True)
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    name_ru = models.CharField(_("название (рус.)"), max_length=200)
    name_kk = models.CharField(_("название (каз.)"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("исключение календаря")
        verbose_name_plural = _("исключения календаря")

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}"


class MRP(models.Model):
    """Monthly calculation index set by the republican budget law, from a date (mid-year
    changes of 2020 and 2022 included)."""

    effective_from = models.DateField(_("действует с"), unique=True)
    value = models.DecimalField(
        _("МРП, ₸"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("1"))]
    )
    note = models.CharField(_("примечание"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("МРП")
        verbose_name_plural = _("МРП")
        constraints = [models.CheckConstraint(condition=Q(value__gt=0), name="mrp_positive")]

    def __str__(self) -> str:
        return f"{self.value} ₸ с {self.effective_from:%d.%m.%Y}"


class SubsistenceMinimum(models.Model):
    """Subsistence minimum: republican (budget law, yearly, with mid-year changes) or regional
    for Kyzylorda region by quarter (entered by the administrator)."""

    class Scope(models.TextChoices):
        REPUBLICAN = "republican", _("республиканский (закон о бюджете)")
        REGIONAL = "regional", _("по Кызылординской области (квартальный)")

    scope = models.CharField(_("вид"), max_length=20, choices=Scope.choices)
    effective_from = models.DateField(_("действует с"))
    value = models.DecimalField(_("величина, ₸"), max_digits=10, decimal_places=2)
    note = models.CharField(_("примечание"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scope", "-effective_from"]
        verbose_name = _("прожиточный минимум")
        verbose_name_plural = _("прожиточный минимум")
        constraints = [
            models.UniqueConstraint(fields=["scope", "effective_from"], name="sm_once_per_date"),
            models.CheckConstraint(condition=Q(value__gt=0), name="sm_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()}: {self.value} ₸ с {self.effective_from:%d.%m.%Y}"


class Category(BilingualName, models.Model):
    """A category of recipients named by a paragraph of the Rules (DESIGN.md "What is paid")."""

    class Programme(models.TextChoices):
        HARDSHIP = "hardship", _("трудная жизненная ситуация")
        MEMORIAL = "memorial", _("памятные даты и праздники")
        SOCIAL_SUPPORT = "social_support", _("социальная поддержка")
        EDUCATION = "education", _("на обучение")

    class Occasion(models.TextChoices):
        NONE = "", _("—")
        VICTORY_DAY = "victory_day", _("День Победы — 9 мая")
        REPRESSION_DAY = "repression_day", _("День памяти жертв политических репрессий — 31 мая")
        AFGHANISTAN_DAY = "afghanistan_day", _("День вывода войск из Афганистана — 15 февраля")
        CHERNOBYL_DAY = "chernobyl_day", _("День памяти погибших на Чернобыльской АЭС — 26 апреля")
        NUCLEAR_TESTS_DAY = "nuclear_day", _("День действий против ядерных испытаний — 29 августа")
        SOCIAL_SUPPORT = "social_support", _("ежегодная социальная поддержка (п. 6)")

    code = models.SlugField(_("код"), max_length=60, unique=True)
    paragraph = models.CharField(_("пункт Правил"), max_length=20)
    name_ru = models.CharField(_("наименование (рус.)"), max_length=500)
    name_kk = models.CharField(_("наименование (каз.)"), max_length=500)
    programme = models.CharField(_("программа"), max_length=20, choices=Programme.choices)
    occasion = models.CharField(
        _("памятная дата"), max_length=20, choices=Occasion.choices, blank=True, default=""
    )
    born_no_later_than = models.PositiveSmallIntegerField(
        _("год рождения не позднее"),
        null=True,
        blank=True,
        help_text=_(
            "Для списков к памятным датам: строка с гражданином, родившимся позже этого года, "
            "показывается с предупреждением, которое администратор подтверждает."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["paragraph", "code"]
        verbose_name = _("категория получателей")
        verbose_name_plural = _("категории получателей")

    def __str__(self) -> str:
        return f"п. {self.paragraph} — {self.name}"

    def rule_on(self, on: datetime.date) -> "CategoryRule | None":
        """The rule in force on a date, or None when the category was not in force."""
        return (
            self.rules.filter(effective_from__lte=on)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
            .order_by("-effective_from")
            .first()
        )

    def born_too_late(self, birth_date: datetime.date) -> bool:
        """Whether a birth date is later than anyone of the category can have been born (a WWII
        participant born in 2005): a slip in a memorial list for the administrator to check."""
        return self.born_no_later_than is not None and birth_date.year > self.born_no_later_than


class CategoryRule(models.Model):
    """How much a category gets, how often and with what income test, for a period."""

    class AmountRule(models.TextChoices):
        FIXED_TENGE = "fixed_tenge", _("фиксированная сумма в тенге")
        MRP_MULTIPLE = "mrp_multiple", _("кратно МРП")
        CAP_MRP = "cap_mrp", _("не более N МРП")
        CAP_PER_MEMBER = "cap_per_member", _("до N МРП на члена семьи, не более M МРП на семью")

    class Periodicity(models.TextChoices):
        ONCE = "once", _("единовременно")
        MONTHLY = "monthly", _("ежемесячно")
        QUARTERLY = "quarterly", _("ежеквартально")
        HALF_YEARLY = "half_yearly", _("раз в полугодие")
        YEARLY = "yearly", _("раз в год")
        ONCE_A_YEAR = "once_a_year", _("один раз в год (на семью)")

    class IncomeTest(models.TextChoices):
        NONE = "none", _("без учёта доходов")
        BELOW_REGIONAL_SM = "below_regional_sm", _("ниже ПМ по области за предыдущий квартал")
        AT_MOST_SM = "at_most_sm", _("не выше k × ПМ (республиканский)")
        BY_CATEGORY = "by_category", _("по решению комиссии")

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="rules")
    effective_from = models.DateField(_("действует с"))
    effective_to = models.DateField(_("действует по"), null=True, blank=True)
    amount_rule = models.CharField(_("правило суммы"), max_length=20, choices=AmountRule.choices)
    amount_tenge = models.DecimalField(
        _("сумма, ₸"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    mrp_multiple = models.DecimalField(
        _("кратность МРП (или предел на члена семьи)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    family_cap_mrp = models.DecimalField(
        _("предел на семью, МРП"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    lump_sum_mrp = models.DecimalField(
        _("единовременно сверх ежегодной, МРП (выплачивается один раз)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    periodicity = models.CharField(_("периодичность"), max_length=20, choices=Periodicity.choices)
    income_test = models.CharField(
        _("учёт доходов"), max_length=20, choices=IncomeTest.choices, default=IncomeTest.NONE
    )
    income_factor = models.DecimalField(
        _("k (кратность ПМ)"), max_digits=5, decimal_places=2, default=Decimal("1")
    )
    application_window_months = models.PositiveSmallIntegerField(
        _("срок обращения после события, мес."), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "-effective_from"]
        verbose_name = _("правило категории")
        verbose_name_plural = _("правила категорий")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "effective_from"], name="category_rule_once_per_date"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="category_rule_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(amount_tenge__isnull=True) | Q(amount_tenge__gte=0),
                name="category_rule_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category.code} с {self.effective_from:%d.%m.%Y}"


class Degree(models.TextChoices):
    BACHELOR = "bachelor", _("бакалавриат")
    MASTER = "master", _("магистратура")
    RESIDENCY = "residency", _("медицинская резидентура")


class EducationCap(models.Model):
    """The yearly cap of education aid by degree in MRP (p8): 392 bachelor, 420 master, 530
    medical residency under the decision of 2017; entered as data for the next decision."""

    degree = models.CharField(_("уровень обучения"), max_length=20, choices=Degree.choices)
    effective_from = models.DateField(_("действует с"))
    effective_to = models.DateField(_("действует по"), null=True, blank=True)
    cap_mrp = models.DecimalField(_("не более, МРП в год"), max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["degree", "-effective_from"]
        verbose_name = _("предел помощи на обучение")
        verbose_name_plural = _("пределы помощи на обучение")
        constraints = [
            models.UniqueConstraint(
                fields=["degree", "effective_from"], name="education_cap_once_per_date"
            ),
            models.CheckConstraint(condition=Q(cap_mrp__gt=0), name="education_cap_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_degree_display()}: {self.cap_mrp} МРП с {self.effective_from:%d.%m.%Y}"


class StudyForm(models.TextChoices):
    """The form of study; aid of p8 goes to full-time («очная») students only."""

    FULL_TIME = "full_time", _("очная")
    PART_TIME = "part_time", _("заочная")
    EVENING = "evening", _("вечерняя")
    DISTANCE = "distance", _("дистанционная")


class InDemandSpeciality(BilingualName, models.Model):
    """A speciality in demand in the region (p8: aid for study «по востребованным в регионе
    специальностям»), on the list from `valid_from` to `valid_to` inclusive; entered by the
    administrator as the region's list changes."""

    code = models.CharField(_("код (шифр)"), max_length=20)
    name_ru = models.CharField(_("наименование (рус.)"), max_length=300)
    name_kk = models.CharField(_("наименование (каз.)"), max_length=300)
    valid_from = models.DateField(_("в списке с"))
    valid_to = models.DateField(_("в списке по"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code", "-valid_from"]
        verbose_name = _("востребованная в регионе специальность")
        verbose_name_plural = _("востребованные в регионе специальности")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"], name="in_demand_speciality_once_per_date"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="in_demand_speciality_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
