"""The benefits app's lists, each declared once: a column a line, its header and how a cell
reads (dates d.m.Y, money as 1 234,00 ₸, IINs masked for those who need no more of them).
None of them sorts: their rows come in the order their selector gives."""

from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from applications.cases.models import masked_iin
from zhanakorgan_aid.tables import Column, Table, TemplateColumn, day
from zhanakorgan_aid.templatetags.aid import money

NUM = {"cell": {"class": "num"}}  # figures stand right-aligned, header and cells


class BenefitsTable(Table):
    """A list of the benefits pages: its headers are not links (nothing re-sorts it), and an
    empty value prints as nothing unless a column says otherwise."""

    orderable = False
    default = ""

    def render_status(self, value) -> str:
        return format_html('<span class="badge">{}</span>', value)


class MoneyColumn(Column):
    """A sum of money, right-aligned, "—" when there is none."""

    def __init__(self, verbose_name, **kwargs) -> None:
        super().__init__(verbose_name, attrs=NUM, default="—", **kwargs)

    def render(self, value) -> str:
        return money(value)


class DayColumn(Column):
    """A date, or a moment as its day in the office's time zone: 20.03.2024."""

    def render(self, value) -> str:
        return day(value)


# --- awards (p27, p28) -----------------------------------------------------------------------


class AwardTable(BenefitsTable):
    """The awards found (/awards/): the IIN whole for those who register and pay."""

    number = Column("№", accessor="pk", linkify=True)
    decided_on = DayColumn(_("Дата решения"))
    recipient = Column(_("Получатель"), accessor="recipient__full_name")
    iin = Column(_("ИИН"), accessor="recipient__iin")
    okrug = Column(_("Округ"), default="—")
    category = Column(_("Категория"), accessor="category__paragraph")
    periodicity = Column(_("Периодичность"))
    amount = MoneyColumn(_("Сумма выплаты"))
    period = Column(_("Период"), accessor="start")
    status = Column(_("Статус"))

    def __init__(self, rows, *, full_iin: bool, **kwargs) -> None:
        super().__init__(rows, **kwargs)
        self.full_iin = full_iin

    def render_iin(self, value) -> str:
        return value if self.full_iin else masked_iin(value)

    def render_category(self, value) -> str:
        return f"п. {value}"

    def render_period(self, record) -> str:
        if record.end and record.end != record.start:
            return f"{day(record.start)} — {day(record.end)}"
        return day(record.start)


class ScheduleTable(BenefitsTable):
    """An award's payments: a periodic award's (p4: monthly, quarterly, half-yearly) by month,
    the others' by day (p30: each with the MRP of its own date)."""

    due_on = Column(_("Срок"))
    mrp_value = MoneyColumn(_("МРП"))
    amount = MoneyColumn(_("Сумма"))
    status = Column(_("Статус"))
    payment_list = Column(_("Ведомость"), accessor="pk")
    paid_on = DayColumn(_("Выплачено"), default="—")

    empty_text = None

    def __init__(self, rows, *, by_month: bool, **kwargs) -> None:
        super().__init__(rows, **kwargs)
        self.by_month = by_month

    def render_due_on(self, value) -> str:
        return value.strftime("%m.%Y") if self.by_month else day(value)

    def render_status(self, value) -> str:
        return value

    def render_payment_list(self, record) -> str:
        """The list the payment went into (one at most, p29), or "—"."""
        lists = [item.payment_list for item in record.list_items.all()]
        if not lists:
            return "—"
        return format_html_join(
            "", '<a href="{}">{}</a>', ((pl.get_absolute_url(), pl.title) for pl in lists)
        )


class RepaymentTable(BenefitsTable):
    """The sums returned against a recovery (p28)."""

    paid_on = DayColumn(_("Дата"))
    kind = Column(_("Порядок"))
    amount = MoneyColumn(_("Сумма"))
    recorded_by = Column(_("Внёс"))

    empty_text = _("Погашений нет.")


# --- payment lists (p29) ---------------------------------------------------------------------


class PaymentListTable(BenefitsTable):
    """The payment lists, newest first, with their rows and sum."""

    title = Column(_("Наименование"), linkify=True)
    period = Column(_("Период"), accessor="period_start")
    occasion = Column(_("Памятная дата"))
    row_count = Column(_("Строк"), accessor="rows", attrs=NUM)
    total = MoneyColumn(_("Сумма"))
    status = Column(_("Статус"))
    created = Column(_("Сформировал"), accessor="created_by")

    empty_text = _("Ведомостей пока нет.")

    def render_period(self, record) -> str:
        return f"{day(record.period_start)} — {day(record.period_end)}"

    def render_created(self, record) -> str:
        return f"{record.created_by}, {day(record.created_at)}"


class PaymentListItemTable(BenefitsTable):
    """A payment list's rows as the bank gets them (the row's number, the whole IIN and the
    account) and what the bank answered for each: paid on a day, or returned and why."""

    number = Column(_("№ строки"), accessor="pk", attrs=NUM)
    iin = Column(_("ИИН"), accessor="payment__award__recipient__iin")
    recipient = Column(
        _("ФИО"),
        accessor="payment__award__recipient__full_name",
        linkify=lambda record: record.payment.award.get_absolute_url(),
    )
    iban = Column("IBAN")
    bank = Column(_("Банк"), accessor="bank__name")
    amount = MoneyColumn(_("Сумма"))
    purpose = Column(_("Назначение"), accessor="payment__purpose")
    due_on = DayColumn(_("Срок"), accessor="payment__due_on")
    status = Column(_("Ответ банка"))
    answered = Column(_("Дата, причина возврата"), accessor="paid_on")

    empty_text = None

    def render_answered(self, record) -> str:
        if record.status == record.Status.RETURNED:
            when = f"{day(record.returned_on)}: " if record.returned_on else ""
            return f"{when}{record.return_reason}"
        return day(record.paid_on) if record.paid_on else ""


# --- budgets (p31) ---------------------------------------------------------------------------


class BudgetOverrideTable(BenefitsTable):
    """The awards the administrator allowed beyond a budget's remainder, with the reason."""

    budget = Column(_("Бюджет"))
    amount = MoneyColumn(_("Не более"))
    application = Column(_("Заявление"), accessor="application__number", default="—")
    reason = Column(_("Обоснование"))
    recorded = Column(_("Кто, когда"), accessor="recorded_by")
    award = Column(_("Использовано"), default=_("ещё нет"))

    empty_text = _("Нет.")

    def render_recorded(self, record) -> str:
        return f"{record.recorded_by}, {day(record.recorded_at)}"

    def render_award(self, value) -> str:
        return format_html('<a href="{}">№ {}</a>', value.get_absolute_url(), value.pk)


# --- education aid (p8–p13) ------------------------------------------------------------------


class EducationCaseTable(BenefitsTable):
    """The education aid cases, the latest academic year first."""

    application = Column(_("Заявление"), accessor="application__number", linkify=True)
    student = Column(_("Обучающийся"), accessor="student__full_name")
    degree = Column(_("Уровень"))
    institution = Column(_("Учебное заведение"))
    academic_year = Column(_("Учебный год"), accessor="first_academic_year")
    status = Column(_("Статус"))
    contract_number = Column(_("Договор"), default="—")

    empty_text = _("Заявлений нет.")

    def render_application(self, value) -> str:
        return f"№ {value}"

    def render_academic_year(self, value) -> str:
        return f"{value}/{value + 1}"


class OverdueReceiptTable(BenefitsTable):
    """Academic years whose tuition receipt is late (p11), the longest overdue first."""

    student = Column(
        _("Обучающийся"),
        accessor="case__student__full_name",
        linkify=lambda record: record.case.get_absolute_url(),
    )
    contract_number = Column(_("Договор"), accessor="case__contract_number")
    academic_year = Column(_("Год"), accessor="academic_year_label")
    amount = MoneyColumn(_("Сумма"))
    money_arrived_on = DayColumn(_("Деньги поступили"))
    receipt_due = DayColumn(_("Квитанция до"), attrs={"td": {"class": "late"}})

    attrs = {"id": "overdue"}
    empty_text = _("Просроченных квитанций нет.")


# --- memorial-date lists (p5, p6, p15) -------------------------------------------------------


class MemorialListTable(BenefitsTable):
    """The memorial-date lists, the latest year first."""

    number = Column("№", accessor="pk", linkify=True)
    occasion = Column(_("Памятная дата"))
    year = Column(_("Год"))
    pay_date = DayColumn(_("МРП на"))
    row_count = Column(_("Строк"), attrs=NUM)
    total = MoneyColumn(_("Сумма"))
    status = Column(_("Статус"))
    source_file_name = Column(_("Файл"), attrs={"td": {"class": "muted"}})

    empty_text = _("Списков пока нет.")

    def render_status(self, value, record) -> str:
        """The status, and the day of the akimat's approval once approved (p15)."""
        if record.approved_at:
            return format_html('<span class="badge">{}</span> {}', value, day(record.approved_at))
        return super().render_status(value)


class MemorialRowTable(BenefitsTable):
    """A memorial list's rows (p5, p6): the MRP multiple and its value, the amount, the account;
    a draft's row can be left out by those who manage, an approved one links its award."""

    line_number = Column(_("Строка"))
    iin = Column(_("ИИН"), accessor="person__iin")
    person = Column(_("Ф.И.О."), accessor="person__full_name")
    category = Column(_("Категория"), accessor="category__paragraph")
    mrp = Column(_("МРП"), accessor="mrp_multiple", attrs=NUM, default="—", empty_values=(None, 0))
    amount = MoneyColumn(_("Сумма"))
    iban = Column(_("Счёт"))
    action = TemplateColumn(
        template_name="benefits/memorial/row_action.html", verbose_name="", accessor="pk"
    )

    attrs = {"id": "rows"}
    empty_text = None

    def __init__(self, rows, *, editable: bool, **kwargs) -> None:
        super().__init__(rows, **kwargs)
        self.editable = editable  # a draft, and the user may change it

    def render_category(self, record) -> str:
        return f"п. {record.category.paragraph} — {record.category.code}"

    def render_mrp(self, value, record) -> str:
        """40 MRP × 3 932,00 ₸, with the lump sum of p5.3 beside the multiple when paid."""
        multiple = floatformat(value, "-2")
        if record.lump_sum:
            lump = floatformat(record.lump_sum_mrp, "-2")
            multiple = f"{multiple} + {lump} {gettext('единовременно')}"
        return f"{multiple} × {money(record.mrp_value)}"
