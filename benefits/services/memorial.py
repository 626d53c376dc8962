"""Writes of memorial-date lists (p5, p6, p15): read the authorized organization's file, show a
preview that names every bad line, save only good (or explicitly excluded) lines, and turn an
approved list into awards with their scheduled payments.

Everything here works in bulk: a list of 50 000 lines costs a fixed number of queries per
5 000 lines, not a query per line."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.cases.models import Person
from applications.reference import rules
from applications.reference.exceptions import ReferenceDataMissing
from applications.reference.models import Bank, Category, CategoryRule
from applications.reference.selectors import mrp_on
from applications.reference.validators import (
    iban_bank_code,
    normalize_iban,
    parse_iin,
    validate_kz_iban,
    validate_person_name,
)
from zhanakorgan_aid.audit import create_with_history

from ..exceptions import BenefitsError
from ..memorial_resources import MemorialListResource, SourceRow
from ..models import Award, ScheduledPayment
from ..models.memorial import LumpSumPayment, MemorialList, MemorialListRow
from .budgets import budget_reserve

CHUNK = 5000
CENTS = Decimal("0.01")


class MemorialListError(BenefitsError):
    """A list cannot be saved or changed as asked; str() is for the user."""


class MemorialImportHasErrors(MemorialListError):
    """Bad lines remain that were not excluded (p15: nothing is saved until they are)."""


class MemorialWarningsNotConfirmed(MemorialListError):
    """Lines with warnings remain and the administrator has not said they were checked."""


class MemorialListLocked(MemorialListError):
    """An approved list is the akimat's decision and is not edited any more (p15)."""


@dataclass
class PreviewLine:
    """A line of the file with its reasons for refusal (empty when good), the doubts the
    administrator must confirm (warnings: it may be saved once checked) and its amount."""

    source: SourceRow
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    category: Category | None = None
    rule: CategoryRule | None = None
    person: Person | None = None
    amount: Decimal | None = None
    mrp_multiple: Decimal | None = None
    lump_sum_mrp: Decimal | None = None
    mrp_value: Decimal | None = None

    @property
    def line(self) -> int:
        return self.source.line

    @property
    def is_good(self) -> bool:
        return not self.errors


@dataclass
class MemorialPreview:
    occasion: str
    year: int
    pay_date: datetime.date
    lines: list[PreviewLine]

    @property
    def bad_lines(self) -> list[PreviewLine]:
        return [line for line in self.lines if line.errors]

    @property
    def good_lines(self) -> list[PreviewLine]:
        return [line for line in self.lines if not line.errors]

    @property
    def warned_lines(self) -> list[PreviewLine]:
        """Good lines with a doubt to confirm (a birth year implausible for the category)."""
        return [line for line in self.good_lines if line.warnings]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.good_lines), Decimal("0.00"))

    def report(self) -> list[str]:
        """'Строка 3: …' per bad line, in file order: what the page and the tests show."""
        return [
            _("Строка %(n)s: %(why)s") % {"n": line.line, "why": "; ".join(line.errors)}
            for line in self.bad_lines
        ]

    def warnings_report(self) -> list[str]:
        """'Строка 5: …' per good line with a warning, in file order."""
        return [
            _("Строка %(n)s: %(why)s") % {"n": line.line, "why": "; ".join(line.warnings)}
            for line in self.warned_lines
        ]


def memorial_pay_date(*, occasion: str, year: int, pay_date: datetime.date | None) -> datetime.date:
    """The date whose MRP sizes the list: the memorial date of the year (p5, p30); for the
    social support of p6, the date the administrator gives, within the year."""
    fixed = rules.memorial_date(occasion, year)
    if fixed:
        return fixed
    if pay_date is None:
        raise MemorialListError(_("Укажите дату выплаты социальной поддержки."))
    if pay_date.year != year:
        raise MemorialListError(_("Дата выплаты должна относиться к %(y)s году.") % {"y": year})
    return pay_date


def memorial_preview_build(
    *, occasion: str, year: int, rows: list[SourceRow], pay_date: datetime.date | None = None
) -> MemorialPreview:
    """Check every line (IIN, category of this occasion, a person twice, bank account) and
    compute its amount from the category rule and the MRP of the date (p5, p6, p30)."""
    day = memorial_pay_date(occasion=occasion, year=year, pay_date=pay_date)
    try:
        mrp = mrp_on(day).value
    except ReferenceDataMissing as error:
        raise MemorialListError(str(error)) from None
    lines = [PreviewLine(source=row) for row in rows]
    context = _Context.load(occasion=occasion, year=year, day=day, lines=lines)
    first_line_of: dict[str, int] = {}
    for line in lines:
        _check_line(line, context=context, first_line_of=first_line_of)
        if line.is_good:
            _price_line(line, context=context, mrp=mrp)
    return MemorialPreview(occasion=occasion, year=year, pay_date=day, lines=lines)


def memorial_preview_from_file(
    *, occasion: str, year: int, content: bytes, file_name: str, pay_date=None
) -> MemorialPreview:
    rows = MemorialListResource().read(content, file_name)
    if not rows:
        raise MemorialListError(_("В файле нет ни одной строки с данными."))
    return memorial_preview_build(occasion=occasion, year=year, rows=rows, pay_date=pay_date)


@dataclass
class _Context:
    """What the checks need from the database, fetched once per 5 000 IINs."""

    occasion: str
    day: datetime.date
    categories: dict[str, Category]
    rules: dict[int, CategoryRule | None]
    persons: dict[str, Person]
    listed: dict[str, str]  # IIN -> list already paying this person for the occasion and year
    lump_taken: set[tuple[str, int]]  # (IIN, category id) whose lump sum is paid or listed
    banks: set[str]

    @classmethod
    def load(cls, *, occasion, year, day, lines) -> "_Context":
        categories = {c.code: c for c in Category.objects.all()}
        in_force = {c.pk: c.rule_on(day) for c in categories.values() if c.occasion == occasion}
        iins = sorted({line.source.iin for line in lines if line.source.iin})
        persons, listed, lump_taken = {}, {}, set()
        for start in range(0, len(iins), CHUNK):
            chunk = iins[start : start + CHUNK]
            persons.update({p.iin: p for p in Person.objects.filter(iin__in=chunk)})
            listed.update(_already_listed(chunk, occasion=occasion, year=year))
            lump_taken |= _lump_sums_taken(chunk)
        banks = set(Bank.objects.values_list("code", flat=True))
        return cls(occasion, day, categories, in_force, persons, listed, lump_taken, banks)


def _already_listed(iins: list[str], *, occasion: str, year: int) -> dict[str, str]:
    rows = MemorialListRow.objects.filter(
        occasion=occasion, year=year, person__iin__in=iins
    ).values_list("person__iin", "memorial_list_id")
    return {iin: str(list_id) for iin, list_id in rows}


def _lump_sums_taken(iins: list[str]) -> set[tuple[str, int]]:
    paid = LumpSumPayment.objects.filter(person__iin__in=iins).values_list(
        "person__iin", "category_id"
    )
    listed = MemorialListRow.objects.filter(lump_sum=True, person__iin__in=iins).values_list(
        "person__iin", "category_id"
    )
    return set(paid) | set(listed)


def _check_line(line: PreviewLine, *, context: _Context, first_line_of: dict[str, int]) -> None:
    src = line.source
    _check_iin(line)
    if src.iin in first_line_of:
        line.errors.append(
            _("гражданин с ИИН %(iin)s уже указан в строке %(n)s")
            % {"iin": src.iin, "n": first_line_of[src.iin]}
        )
    elif src.iin:
        first_line_of[src.iin] = src.line
    if src.iin in context.listed:
        line.errors.append(
            _("гражданину уже назначена выплата к этой дате за %(y)s год (список № %(l)s)")
            % {"y": context.day.year, "l": context.listed[src.iin]}
        )
    line.person = context.persons.get(src.iin)
    if line.person is None and not (src.surname and src.name):
        line.errors.append(_("гражданин не зарегистрирован, а фамилия и имя не указаны"))
    _check_names(line)
    _check_category(line, context=context)
    _check_iban(line, banks=context.banks)
    _warn_birth_year(line)


def _check_names(line: PreviewLine) -> None:
    """Letters, hyphens, apostrophes and spaces only: no markup, no spreadsheet formula."""
    src = line.source
    for label, value in (
        (_("фамилия"), src.surname),
        (_("имя"), src.name),
        (_("отчество"), src.patronymic),
    ):
        try:
            validate_person_name(value)
        except ValidationError as error:
            line.errors.append(
                _("%(field)s «%(value)s»: %(why)s")
                % {"field": label, "value": value, "why": " ".join(error.messages)}
            )


def _warn_birth_year(line: PreviewLine) -> None:
    """A birth later than anyone of the category can have been born (a WWII participant born
    in 2005) is shown for the administrator to check; it does not refuse the line."""
    if line.category is None or line.category.born_no_later_than is None:
        return
    if line.person is not None:
        born = line.person.birth_date
    else:
        try:
            born = parse_iin(line.source.iin).birth_date
        except ValidationError:
            return
    if line.category.born_too_late(born):
        line.warnings.append(
            _(
                "год рождения %(born)s: в категорию «%(c)s» входят родившиеся не позднее "
                "%(limit)s года — проверьте категорию и ИИН"
            )
            % {
                "born": born.year,
                "c": line.category.code,
                "limit": line.category.born_no_later_than,
            }
        )


def _check_iin(line: PreviewLine) -> None:
    if not line.source.iin:
        line.errors.append(_("не указан ИИН"))
        return
    try:
        parse_iin(line.source.iin)
    except ValidationError as error:
        line.errors.append(
            _("неверный ИИН %(iin)s: %(why)s")
            % {"iin": line.source.iin, "why": " ".join(error.messages)}
        )


def _check_category(line: PreviewLine, *, context: _Context) -> None:
    code = line.source.category_code
    category = context.categories.get(code)
    if not code:
        line.errors.append(_("не указан код категории"))
    elif category is None:
        line.errors.append(_("неизвестная категория «%(c)s»") % {"c": code})
    elif category.occasion != context.occasion:
        label = Category.Occasion(context.occasion).label
        line.errors.append(
            _("категория «%(c)s» не относится к дате «%(o)s»") % {"c": code, "o": label}
        )
    elif context.rules.get(category.pk) is None:
        line.errors.append(
            _("категория «%(c)s» не действует на %(d)s")
            % {"c": code, "d": context.day.strftime("%d.%m.%Y")}
        )
    else:
        line.category, line.rule = category, context.rules[category.pk]


def _check_iban(line: PreviewLine, *, banks: set[str]) -> None:
    iban = normalize_iban(line.source.iban)
    if not iban:
        line.errors.append(_("не указан банковский счёт (IBAN)"))
        return
    try:
        validate_kz_iban(iban)
    except ValidationError as error:
        line.errors.append(
            _("неверный счёт %(iban)s: %(why)s") % {"iban": iban, "why": " ".join(error.messages)}
        )
        return
    if iban_bank_code(iban) not in banks:
        line.errors.append(
            _("банк с кодом %(code)s не найден в справочнике банков")
            % {"code": iban_bank_code(iban)}
        )


def _price_line(line: PreviewLine, *, context: _Context, mrp: Decimal) -> None:
    """Fixed tenge, or an MRP multiple at the MRP of the date; the lump sum of p5.3 only if the
    person has never had it (paid or on another list)."""
    rule = line.rule
    if rule.amount_rule == CategoryRule.AmountRule.FIXED_TENGE:
        line.amount = rule.amount_tenge.quantize(CENTS)
        return
    if rule.amount_rule != CategoryRule.AmountRule.MRP_MULTIPLE:
        line.errors.append(
            _(
                "правило суммы категории не подходит для списка "
                "(нужна сумма в тенге или кратность МРП)"
            )
        )
        return
    line.mrp_value, line.mrp_multiple = mrp, rule.mrp_multiple
    total = rule.mrp_multiple
    if rule.lump_sum_mrp and (line.source.iin, line.category.pk) not in context.lump_taken:
        line.lump_sum_mrp = rule.lump_sum_mrp
        total += rule.lump_sum_mrp
    line.amount = rules.mrp_amount(total, mrp)


@transaction.atomic
def memorial_list_create(
    *,
    occasion: str,
    year: int,
    rows: list[SourceRow],
    file_name: str,
    actor,
    exclude_lines: Iterable[int] = (),
    pay_date: datetime.date | None = None,
    warnings_checked: bool = False,
) -> MemorialList:
    """Save a list from its checked lines (p15). Every bad line must be excluded by the user,
    and a line with a warning kept only once the user says the warnings were checked; new
    citizens are registered from their lines (unique by IIN)."""
    preview = memorial_preview_build(occasion=occasion, year=year, rows=rows, pay_date=pay_date)
    good = _lines_to_save(preview, excluded=set(exclude_lines))
    _check_warnings_confirmed(good, checked=warnings_checked)
    _register_new_persons(good)
    memorial_list = MemorialList.objects.create(
        occasion=occasion,
        year=year,
        pay_date=preview.pay_date,
        source_file_name=file_name[:255],
        created_by=actor,
    )
    _rows_create(memorial_list, good)
    return memorial_list


def _lines_to_save(preview: MemorialPreview, *, excluded: set[int]) -> list[PreviewLine]:
    """The good lines not excluded; nothing is saved while a bad line is left in (p15)."""
    left = [line for line in preview.bad_lines if line.line not in excluded]
    if left:
        raise MemorialImportHasErrors(
            _("В списке остались ошибочные строки: %(lines)s. Исправьте файл или исключите их.")
            % {"lines": ", ".join(str(line.line) for line in left)}
        )
    good = [line for line in preview.good_lines if line.line not in excluded]
    if not good:
        raise MemorialListError(_("В списке не осталось ни одной строки."))
    return good


def _check_warnings_confirmed(lines: list[PreviewLine], *, checked: bool) -> None:
    warned = [line for line in lines if line.warnings]
    if warned and not checked:
        raise MemorialWarningsNotConfirmed(
            _(
                "Строки с предупреждениями: %(lines)s. Проверьте их и отметьте «Я проверил(а) "
                "строки с предупреждениями» или исключите эти строки."
            )
            % {"lines": ", ".join(str(line.line) for line in warned)}
        )


def _rows_create(memorial_list: MemorialList, lines: list[PreviewLine]) -> None:
    """The list's rows; the database refuses a person already in another list for the same
    date and year (a list saved meanwhile from another file)."""
    try:
        with transaction.atomic():
            MemorialListRow.objects.bulk_create(
                (_row_of(line, memorial_list) for line in lines), batch_size=2000
            )
    except IntegrityError:
        raise MemorialListError(
            _(
                "Кто-то из списка уже включён в другой список к этой дате за %(y)s год. "
                "Загрузите файл ещё раз."
            )
            % {"y": memorial_list.year}
        ) from None


def _register_new_persons(lines: list[PreviewLine]) -> None:
    """Citizens not yet registered are created from their lines, birth date and sex from the
    IIN, bank from the IBAN; the unique IIN guards against a parallel registration. A registered
    citizen without an account gets the one from the list, so the payment list can pay it."""
    banks = {b.code: b for b in Bank.objects.all()}
    _fill_missing_accounts(lines, banks)
    new = {}
    for line in lines:
        if line.person is None and line.source.iin not in new:
            new[line.source.iin] = _person_of(line.source, banks)
    if not new:
        return
    create_with_history(list(new.values()), Person, batch_size=2000)
    iins = list(new)
    created = {}
    for start in range(0, len(iins), CHUNK):
        created.update(
            {p.iin: p for p in Person.objects.filter(iin__in=iins[start : start + CHUNK])}
        )
    for line in lines:
        if line.person is None:
            line.person = created[line.source.iin]


def _fill_missing_accounts(lines: list[PreviewLine], banks: dict[str, Bank]) -> None:
    missing = [line for line in lines if line.person is not None and not line.person.iban]
    for line in missing:
        line.person.iban = normalize_iban(line.source.iban)
        line.person.bank = banks.get(iban_bank_code(line.person.iban))
    Person.objects.bulk_update([line.person for line in missing], ["iban", "bank"], batch_size=500)


def _person_of(src: SourceRow, banks: dict[str, Bank]) -> Person:
    facts = parse_iin(src.iin)
    iban = normalize_iban(src.iban)
    return Person(
        iin=src.iin,
        surname=src.surname,
        name=src.name,
        patronymic=src.patronymic,
        birth_date=facts.birth_date,
        sex=facts.sex,
        iban=iban,
        bank=banks.get(iban_bank_code(iban)),
        created_at=timezone.now(),
    )


def _row_of(line: PreviewLine, memorial_list: MemorialList) -> MemorialListRow:
    return MemorialListRow(
        memorial_list=memorial_list,
        line_number=line.line,
        person=line.person,
        category=line.category,
        occasion=memorial_list.occasion,
        year=memorial_list.year,
        amount=line.amount,
        mrp_multiple=line.mrp_multiple,
        lump_sum=bool(line.lump_sum_mrp),
        lump_sum_mrp=line.lump_sum_mrp,
        mrp_value=line.mrp_value,
        iban=normalize_iban(line.source.iban),
    )


def _lock(memorial_list: MemorialList) -> MemorialList:
    locked = MemorialList.objects.select_for_update().get(pk=memorial_list.pk)
    if locked.is_locked:
        raise MemorialListLocked(
            _("Список утверждён акиматом %(d)s и не может быть изменён.")
            % {"d": timezone.localdate(locked.approved_at).strftime("%d.%m.%Y")}
        )
    return locked


@transaction.atomic
def memorial_row_remove(*, row: MemorialListRow, actor) -> None:
    """Take a line off a draft list (a person who should not be paid)."""
    _lock(row.memorial_list)
    row.delete()


@transaction.atomic
def memorial_list_delete(*, memorial_list: MemorialList, actor) -> None:
    """Discard a draft list; an approved one is the akimat's decision and stays."""
    _lock(memorial_list)
    memorial_list.rows.all().delete()
    memorial_list.delete()


@transaction.atomic
def memorial_list_approve(
    *,
    memorial_list: MemorialList,
    actor,
    decision_number: str = "",
    on: datetime.date | None = None,
) -> MemorialList:
    """The akimat approves the list (p15) on `on`: it is locked, every line becomes an award
    with one scheduled payment ready for a payment list, dated by the memorial date (p5: the
    payment for 9 May is of 9 May, whenever the list was approved), and lump sums of p5.3 are
    recorded as paid."""

    locked = _lock(memorial_list)
    on = on or timezone.localdate()
    rows = list(locked.rows.select_related("category"))
    if not rows:
        raise MemorialListError(_("В списке нет ни одной строки."))
    _check_lump_sums_still_due(rows)
    _budgets_reserve(rows, on=locked.pay_date)
    _awards_create(rows, locked, actor=actor, on=on)
    create_with_history(
        [_payment_of(row, locked) for row in rows], ScheduledPayment, batch_size=2000
    )
    _lump_sums_record(rows, locked)
    locked.status = MemorialList.Status.APPROVED
    locked.approved_by, locked.approved_at = actor, timezone.now()
    locked.decision_number = decision_number.strip()
    locked.save(update_fields=["status", "approved_by", "approved_at", "decision_number"])
    return locked


def _budgets_reserve(rows: list[MemorialListRow], *, on: datetime.date) -> None:
    """The list's total of each programme is reserved in that programme's budget (p31)."""
    programmes = {row.category.programme for row in rows}
    for programme in programmes:
        total = sum((r.amount for r in rows if r.category.programme == programme), Decimal("0"))
        budget_reserve(programme=programme, due=[(on, total)])


def _awards_create(rows: list[MemorialListRow], memorial_list: MemorialList, *, actor, on) -> None:
    """An award for each row under its category's rule in force on the pay date (p5, p6),
    linked back to its row."""
    categories = {row.category_id: row.category for row in rows}
    in_force = {pk: c.rule_on(memorial_list.pay_date) for pk, c in categories.items()}
    awards = [
        _award_of(row, memorial_list, rule=in_force[row.category_id], actor=actor, on=on)
        for row in rows
    ]
    create_with_history(awards, Award, batch_size=2000)
    _attach_awards(rows, awards)


def _lump_sums_record(rows: list[MemorialListRow], memorial_list: MemorialList) -> None:
    """The lump sums of p5.3 in the list, recorded as paid so that none is paid twice."""
    LumpSumPayment.objects.bulk_create(
        (
            LumpSumPayment(
                person_id=r.person_id,
                category_id=r.category_id,
                row=r,
                year=memorial_list.year,
                mrp_multiple=r.lump_sum_mrp,
                amount=rules.mrp_amount(r.lump_sum_mrp, r.mrp_value),
            )
            for r in rows
            if r.lump_sum
        ),
        batch_size=2000,
    )


def _check_lump_sums_still_due(rows: list[MemorialListRow]) -> None:
    persons = [r.person_id for r in rows if r.lump_sum]
    paid = set()
    for start in range(0, len(persons), CHUNK):
        paid |= set(
            LumpSumPayment.objects.filter(person_id__in=persons[start : start + CHUNK]).values_list(
                "person__iin", flat=True
            )
        )
    if paid:
        raise MemorialListError(
            _(
                "Единовременная выплата уже выплачена: %(iins)s. "
                "Удалите эти строки и загрузите их снова."
            )
            % {"iins": ", ".join(sorted(paid))}
        )


def _award_of(row: MemorialListRow, memorial_list: MemorialList, *, rule, actor, on) -> Award:
    return Award(
        recipient_id=row.person_id,
        category_id=row.category_id,
        rule=rule,
        amount=row.amount,
        mrp_multiple=row.total_mrp,
        mrp_value=row.mrp_value,
        periodicity=CategoryRule.Periodicity.ONCE,
        start=memorial_list.pay_date,
        end=memorial_list.pay_date,
        occasion_year=memorial_list.year,
        decided_on=on,
        created_by=actor,
        basis={
            "memorial_list": memorial_list.pk,
            "line": row.line_number,
            "occasion": memorial_list.occasion,
            "pay_date": memorial_list.pay_date.isoformat(),
            "yearly_mrp": str(row.mrp_multiple) if row.mrp_multiple is not None else None,
            "lump_sum_mrp": str(row.lump_sum_mrp) if row.lump_sum else None,
            "paragraph": row.category.paragraph,
        },
    )


def _attach_awards(rows, awards) -> None:
    """Link each row to its award. PostgreSQL and SQLite (3.35+) hand back primary keys from a
    bulk insert; one prepared UPDATE run for all rows is far cheaper than bulk_update's CASE."""
    table = connection.ops.quote_name(MemorialListRow._meta.db_table)
    pairs = []
    for row, award in zip(rows, awards, strict=True):
        row.award_id = award.pk
        pairs.append((award.pk, row.pk))
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET award_id = %s WHERE id = %s", pairs)


def _payment_of(row: MemorialListRow, memorial_list: MemorialList) -> ScheduledPayment:
    """The row's payment, due on the list's date: the memorial date of p5 (memorial_pay_date),
    not the day of the akimat's approval."""
    label = Category.Occasion(memorial_list.occasion).label
    return ScheduledPayment(
        award_id=row.award_id,
        due_on=memorial_list.pay_date,
        amount=row.amount,
        mrp_value=row.mrp_value,
        purpose=_("%(o)s, %(y)s год") % {"o": label, "y": memorial_list.year},
    )
