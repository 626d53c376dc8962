"""Awards and their schedules of payments (p4, p7, p14, p30, p31).

Amounts come from the category's rule in force and the MRP in force (p30), never from
constants; every award keeps its basis (rule, MRP multiple, MRP value, date)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from applications.reference import rules
from applications.reference.exceptions import ReferenceDataMissing
from applications.reference.models import Category, CategoryRule
from applications.reference.selectors import mrp_on
from zhanakorgan_aid.audit import create_with_history
from zhanakorgan_aid.templatetags.aid import format_money

from ..exceptions import AlreadyAwardedThisYear, AmountAboveCap, BenefitsError
from ..models import Award, ScheduledPayment
from .budgets import budget_reserve

Periodicity = CategoryRule.Periodicity


@dataclass(frozen=True)
class AmountBasis:
    """An amount with what explains it: the rule, the MRP multiple and value, the date."""

    amount: Decimal
    rule: CategoryRule
    on: datetime.date
    mrp_value: Decimal | None
    mrp_multiple: Decimal | None
    cap: Decimal | None

    def as_dict(self) -> dict:
        return {
            "rule_id": self.rule.pk,
            "paragraph": self.rule.category.paragraph,
            "amount_rule": self.rule.amount_rule,
            "on": self.on.isoformat(),
            "mrp_value": _str(self.mrp_value),
            "mrp_multiple": _str(self.mrp_multiple),
            "cap": _str(self.cap),
            "amount": _str(self.amount),
        }


def _str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def rule_in_force(*, category: Category, on: datetime.date) -> CategoryRule:
    rule = category.rule_on(on)
    if rule is None:
        raise ReferenceDataMissing(
            _("Для категории «п. %(p)s» нет правила, действующего на %(d)s.")
            % {"p": category.paragraph, "d": f"{on:%d.%m.%Y}"}
        )
    return rule


def award_amount(
    *, category: Category, on: datetime.date, requested: Decimal | None = None, members: int = 1
) -> AmountBasis:
    """The amount of a category's aid on a date: fixed tenge, N MRP, or at most the cap
    (per family member for a disaster or fire, p7(1)); the MRP is the one in force (p30)."""
    rule = rule_in_force(category=category, on=on)
    if rule.amount_rule == CategoryRule.AmountRule.FIXED_TENGE:
        return AmountBasis(rule.amount_tenge, rule, on, None, None, rule.amount_tenge)
    mrp = mrp_on(on).value
    multiple = rules.cap_multiple(rule, members=members)
    cap = rules.mrp_amount(multiple, mrp)
    if rule.amount_rule == CategoryRule.AmountRule.MRP_MULTIPLE or requested is None:
        return AmountBasis(cap, rule, on, mrp, multiple, cap)
    if requested > cap:
        raise AmountAboveCap(
            _("Сумма %(s)s больше предельной: %(k)s МРП × %(m)s = %(c)s (п. %(p)s, МРП на %(d)s).")
            % {
                "s": format_money(requested),
                "k": multiple,
                "m": format_money(mrp),
                "c": format_money(cap),
                "p": category.paragraph,
                "d": f"{on:%d.%m.%Y}",
            }
        )
    return AmountBasis(requested, rule, on, mrp, rules.amount_in_mrp(requested, mrp), cap)


@transaction.atomic
def award_create(
    *,
    recipient,
    category: Category,
    amount: Decimal,
    basis: dict,
    periodicity: str,
    first_due: datetime.date,
    actor,
    application=None,
    family=None,
    okrug=None,
    decided_on: datetime.date | None = None,
    occasion_year: int | None = None,
    months: int | None = None,
    last_due: datetime.date | None = None,
    years: int = 1,
    purpose: str = "",
) -> Award:
    """Create an award and its schedule (p4, p7): once — one payment; monthly, quarterly or
    half-yearly — one payment a month, quarter or half-year on the first of the month from
    `first_due`, over `months` months (or up to `last_due`), each of `amount` (the amount is
    one payment's, capped as one payment, p7, p14); yearly — one a year for
    `years`; once a year — one payment, at most one such award per family and year (p7(4)).
    The budget of each year is checked (p31). `basis` carries mrp_value and mrp_multiple when
    the amount is in MRP; they are stored on the award as well."""
    due_dates = _due_dates(periodicity, first_due, months=months, last_due=last_due, years=years)
    schedule = _schedule(amount, _decimal(basis.get("mrp_value")), due_dates)
    overrides = budget_reserve(programme=category.programme, due=schedule, application=application)
    award = _insert_award(
        recipient=recipient,
        category=category,
        amount=amount,
        basis=basis,
        periodicity=periodicity,
        start=due_dates[0],
        end=due_dates[-1],
        actor=actor,
        application=application,
        family=family,
        okrug=okrug,
        decided_on=decided_on or first_due,
        occasion_year=occasion_year,
    )
    _payments_create(award, schedule, purpose=purpose or _purpose(category))
    for override in overrides:
        override.award = award
        override.save(update_fields=["award"])
    return award


def _schedule(
    amount: Decimal, mrp_value: Decimal | None, due_dates: list[datetime.date]
) -> list[tuple[datetime.date, Decimal]]:
    """Each due date with its amount: an amount in MRP follows the MRP in force then (p30)."""
    return [(on, _amount_on(amount, mrp_value, on)) for on in due_dates]


def _payments_create(award: Award, schedule, *, purpose: str) -> None:
    """The award's scheduled payments, each with the MRP value it was counted at (p30)."""
    mrp_value = award.mrp_value
    payments = [
        ScheduledPayment(
            award=award,
            due_on=on,
            amount=value,
            purpose=purpose,
            mrp_value=_mrp_or_none(mrp_value, on),
        )
        for on, value in schedule
    ]
    create_with_history(payments, ScheduledPayment)


@transaction.atomic
def award_create_for_decision(*, decision, actor) -> Award:
    """The award a grant decision gives (p14, p25): the amount the special commission set,
    within the cap of the rule in force on the decision date; periodic categories (p4:
    monthly as p7(2), p7(3), quarterly, half-yearly) pay over the decision's period; low-income
    aid once a year (p7(4))."""
    application = decision.application
    category = application.category
    members = application.family.members.count()
    checked = award_amount(
        category=category, on=decision.decided_on, requested=decision.amount, members=members
    )
    basis = {**(decision.basis or {}), **checked.as_dict()}
    if decision.mrp_value:
        basis["mrp_value"] = str(decision.mrp_value)
    periodicity = checked.rule.periodicity
    first_due, last_due = _decision_period(decision, periodicity)
    return award_create(
        recipient=application.applicant,
        category=category,
        amount=decision.amount,
        basis=basis,
        periodicity=periodicity,
        first_due=first_due,
        last_due=last_due,
        actor=actor,
        application=application,
        family=application.family,
        okrug=application.okrug,
        decided_on=decision.decided_on,
        occasion_year=rules.once_a_year_occasion(
            periodicity=periodicity, decided_on=decision.decided_on
        ),
    )


def _decision_period(decision, periodicity: str):
    if not rules.paid_over_a_period(periodicity):
        return decision.decided_on, None
    start, end = getattr(decision, "period_start", None), getattr(decision, "period_end", None)
    if not start or not end or end < start:
        raise BenefitsError(
            _(
                "Помощь выплачивается %(p)s: укажите период выплаты — месяц начала и месяц окончания."
            )
            % {"p": Periodicity(periodicity).label}
        )
    return start, end


def _insert_award(*, occasion_year, periodicity, family, category, **fields) -> Award:
    """Insert the award; the database refuses a second once-a-year award to a family (p7(4))."""
    basis = fields["basis"]
    try:
        with transaction.atomic():
            return Award.objects.create(
                occasion_year=occasion_year,
                periodicity=periodicity,
                family=family,
                category=category,
                mrp_value=_decimal(basis.get("mrp_value")),
                mrp_multiple=_decimal(basis.get("mrp_multiple")),
                created_by=fields.pop("actor"),
                **fields,
            )
    except IntegrityError:
        if periodicity != Periodicity.ONCE_A_YEAR:
            raise
        raise AlreadyAwardedThisYear(
            _(
                "Семье %(f)s уже назначена помощь «п. %(p)s» в %(y)s году: она оказывается один "
                "раз в год (п. 7, подпункт 4)."
            )
            % {"f": family.reg_number, "p": category.paragraph, "y": occasion_year}
        ) from None


def _due_dates(periodicity, first_due, *, months, last_due, years) -> list[datetime.date]:
    """The schedule of the rules (p4: monthly as p7.2, p7.3, quarterly, half-yearly;
    p5.2–p6 yearly; otherwise once), with a periodic award's period checked for the user."""
    if rules.paid_over_a_period(periodicity):
        if months is None:
            if last_due is None:
                raise BenefitsError(
                    _("Помощь выплачивается %(p)s: укажите число месяцев или окончание.")
                    % {"p": Periodicity(periodicity).label}
                )
            months = rules.months_in_period(first_due, last_due)
        if months < 1:
            raise BenefitsError(_("Окончание выплат раньше их начала."))
    return rules.payment_schedule(periodicity, first_due, months=months or 1, years=years)


def _amount_on(amount: Decimal, mrp_value: Decimal | None, on: datetime.date) -> Decimal:
    """An MRP amount paid on a later date follows the MRP then in force (p30)."""
    if mrp_value is None:
        return amount
    return rules.amount_at_mrp(amount, mrp_then=mrp_value, mrp_now=mrp_on(on).value)


def _mrp_or_none(mrp_value: Decimal | None, on: datetime.date) -> Decimal | None:
    return None if mrp_value is None else mrp_on(on).value


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _purpose(category: Category) -> str:
    return f"Социальная помощь, п. {category.paragraph} Правил (реш. № 05-16/148)"
