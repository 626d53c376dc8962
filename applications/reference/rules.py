"""Each rule of the Rules (decision No. 05-16/148) in one home: one function per rule, named
after it, its paragraph in the docstring.

The functions are pure: the callers fetch the data (the family's incomes, the MRP and the
subsistence minimum in force, the category's rule, an education cap) and the rule computes.
Amounts, caps and thresholds are data (CategoryRule, EducationCap, MRP, SubsistenceMinimum);
what is written here is what the Rules fix in their text: the terms of p9–p25, how per-capita
income is counted (p22), how a cap is built from its multiples (p7, p8), how an MRP amount
follows the MRP in force (p30), the schedules of payments and the month from which they stop.

Terms in working days are counted by the working-day calendar (Civil Code art. 187: from the
day after the event, to the end of the N-th working day). A caller that has the calendar laid
out already (seed_scale) passes its own `count` with the same meaning.
"""

import datetime
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db.models import Q

from .models import Category, CategoryRule, StudyForm
from .quarters import previous_quarter, quarter_start
from .validators import validate_kz_iban
from .workdays import add_working_days

Count = Callable[[datetime.date, int], datetime.date]
TIYN = Decimal("0.01")
MRP_SHARE = Decimal("0.0001")
QUARTER_MONTHS = 3
ZERO = Decimal("0.00")

# --- the path of a hardship application (p18–p25) -------------------------------------------


def send_to_local_due(
    registered_on: datetime.date, *, count: Count = add_working_days
) -> datetime.date:
    """The documents go to the local commission within 1 working day of registration (p18)."""
    return count(registered_on, 1)


def survey_due(received_on: datetime.date, *, count: Count = add_working_days) -> datetime.date:
    """The local commission surveys the family within 2 working days of receiving the
    documents (p19)."""
    return count(received_on, 2)


def akim_forward_due(
    received_on: datetime.date, *, count: Count = add_working_days
) -> datetime.date:
    """The okrug akim forwards the act and the conclusion within 2 working days of receiving
    them (p19, second sentence)."""
    return count(received_on, 2)


def income_due(received_on: datetime.date, *, count: Count = add_working_days) -> datetime.date:
    """The authorized body computes per-capita income and sends the full package to the
    special commission within 1 working day of receiving the documents (p22)."""
    return count(received_on, 1)


def special_conclusion_due(
    received_on: datetime.date, *, count: Count = add_working_days
) -> datetime.date:
    """The special commission concludes within 2 working days of receiving the package (p23)."""
    return count(received_on, 2)


def decision_due(
    *,
    registered_on: datetime.date,
    documents_requested: bool,
    count: Count = add_working_days,
) -> datetime.date:
    """Decide within 8 working days of registration, 20 where documents were requested from
    other bodies (p20) or could not be presented (p21) (p24)."""
    return count(registered_on, 20 if documents_requested else 8)


def notice_due(decided_on: datetime.date, *, count: Count = add_working_days) -> datetime.date:
    """The applicant is notified in writing within 3 working days of the decision (p25)."""
    return count(decided_on, 3)


# --- per-capita income (p22) and the income tests (p7.4, p8, p26(3)) -------------------------


def income_quarter(applied_on: datetime.date) -> tuple[int, int]:
    """Incomes are taken for the quarter before the quarter of the application (p22, p7.4)."""
    return previous_quarter(applied_on)


def monthly_income(quarter_amount: Decimal) -> Decimal:
    """A quarter's income on average per month: the quarter's sum / 3, to the tiyn, half up
    (p22; annex 1, item 5 "в среднем за месяц")."""
    return (Decimal(quarter_amount) / QUARTER_MONTHS).quantize(TIYN, rounding=ROUND_HALF_UP)


def per_capita_income(*, quarter_total: Decimal, members: int) -> Decimal:
    """The family's income of the quarter / 3 months / members, rounded half up to the tiyn
    (p2(6), p22); 0 for a family without members."""
    if members < 1:
        return ZERO
    per_member = Decimal(quarter_total) / QUARTER_MONTHS / members
    return per_member.quantize(TIYN, rounding=ROUND_HALF_UP)


def low_income_minimum_date(applied_on: datetime.date) -> datetime.date:
    """The day whose regional subsistence minimum is the threshold of p7.4: the first day of
    the quarter before the application's quarter."""
    return quarter_start(*income_quarter(applied_on))


def below_subsistence_minimum(*, per_capita: Decimal, regional_minimum: Decimal) -> bool:
    """p7.4: per-capita income below the regional subsistence minimum of the quarter before
    the application's quarter; otherwise refused on p26(3)."""
    return per_capita < regional_minimum


def income_factor(rule: CategoryRule) -> Decimal:
    """k of the p8 test: the category's factor (3 for children left without parental care)
    where its test is "at most k × the subsistence minimum", 1 otherwise."""
    if rule.income_test == CategoryRule.IncomeTest.AT_MOST_SM:
        return rule.income_factor
    return Decimal("1")


def subsistence_threshold(*, republican_minimum: Decimal, factor: Decimal) -> Decimal:
    """p8: k × the subsistence minimum of the republican budget law, to the tiyn."""
    return (factor * republican_minimum).quantize(TIYN, rounding=ROUND_HALF_UP)


def within_threshold(*, per_capita: Decimal, threshold: Decimal) -> bool:
    """p8: per-capita income does not exceed the threshold ("не превышает"); otherwise refused
    on p26(3)."""
    return per_capita <= threshold


# --- amounts and caps (p7, p8, p30) -------------------------------------------------------


def mrp_amount(multiple: Decimal, mrp_value: Decimal) -> Decimal:
    """An amount of N MRP in tenge at the MRP value given, to the tiyn, half up (p5–p8, p30)."""
    return (Decimal(multiple) * mrp_value).quantize(TIYN, rounding=ROUND_HALF_UP)


def amount_in_mrp(amount: Decimal, mrp_value: Decimal) -> Decimal:
    """What share of the MRP an amount in tenge is, to four places (the basis of an award)."""
    return (Decimal(amount) / mrp_value).quantize(MRP_SHARE, rounding=ROUND_HALF_UP)


def disaster_cap_multiple(
    *, per_member: Decimal, family_cap: Decimal | None, members: int
) -> Decimal:
    """p7.1: up to 40 MRP for each member of the family, at most 150 MRP for the family. A
    family has at least its applicant: a one-person family gets the per-member cap."""
    per_family = per_member * max(members, 1)
    return min(per_family, family_cap) if family_cap else per_family


def cap_multiple(rule: CategoryRule, *, members: int) -> Decimal | None:
    """The cap of a category in MRP (p7, p14): N MRP (p7.2–p7.4, p5, p6), or the per-member
    cap of a disaster or fire (p7.1); None when the rule is a sum in tenge (p5.1)."""
    Rule = CategoryRule.AmountRule
    if rule.amount_rule in (Rule.CAP_MRP, Rule.MRP_MULTIPLE):
        return rule.mrp_multiple
    if rule.amount_rule == Rule.CAP_PER_MEMBER:
        return disaster_cap_multiple(
            per_member=rule.mrp_multiple, family_cap=rule.family_cap_mrp, members=members
        )
    return None


def education_amount(*, tuition: Decimal, cap_mrp: Decimal, mrp_value: Decimal) -> Decimal:
    """p8: the year's tuition, at most the degree's cap (392 MRP bachelor, 420 master, 530
    medical residency under the decision of 2017) at the MRP in force."""
    return min(tuition, mrp_amount(cap_mrp, mrp_value))


def education_year_payment(
    *, tuition: Decimal, contract_sum: Decimal, cap_amount: Decimal
) -> Decimal:
    """p8, p10, p12: a year of study is paid its tuition, never more than the contract's yearly
    sum (p10) nor the cap in tenge fixed at the decision (p8: the degree's MRP × the MRP of the
    decision date). The sum is the tuition in tenge, not an amount in MRP, so an MRP changed
    after the decision does not rescale it (p30 does not apply)."""
    return min(tuition, contract_sum, cap_amount)


def amount_at_mrp(amount: Decimal, *, mrp_then: Decimal | None, mrp_now: Decimal) -> Decimal:
    """p30: an amount set in MRP follows the MRP in force when it is paid; an amount in tenge
    (no MRP behind it) stays as it is."""
    if mrp_then is None or mrp_now == mrp_then:
        return amount
    return (amount * mrp_now / mrp_then).quantize(TIYN, rounding=ROUND_HALF_UP)


# --- who may receive education aid (p8, p10, p29) -------------------------------------------

AGE_OF_MAJORITY = 18


def is_minor(*, birth_date: datetime.date, on: datetime.date) -> bool:
    """A student under 18 on the application's date acts through a legal representative, who
    signs the contract of p10 (Civil Code art. 17, 22). The eighteenth birthday of someone
    born on 29 February is 28 February in a common year (Civil Code art. 190)."""
    return on < birth_date + relativedelta(years=AGE_OF_MAJORITY)


def full_time_study(study_form: str) -> bool:
    """p8: aid for study goes to students «обучающимся по очной форме обучения»."""
    return study_form == StudyForm.FULL_TIME


def in_demand_on(on: datetime.date) -> Q:
    """p8: «по востребованным в регионе специальностям»: the specialities of the region's list
    on a date, in it from `valid_from` to `valid_to` inclusive (no end: still listed)."""
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def bank_account_present(*, iban: str, bank_known: bool) -> bool:
    """p29: aid is transferred to the recipient's account in a bank: a valid KZ IBAN of a bank
    the office pays through."""
    try:
        validate_kz_iban(iban or "")
    except ValidationError:
        return False
    return bank_known


# --- when to apply (p9, p16) and when to pay (p11, p12) --------------------------------------


def disaster_last_day(event_date: datetime.date, months: int) -> datetime.date:
    """p16: after a natural disaster or fire, apply no later than 3 months (the category's
    window) from the event: the same day of the month 3 months later, or the month's last."""
    return event_date + relativedelta(months=months)


def within_disaster_window(
    *, event_date: datetime.date, applied_on: datetime.date, months: int
) -> bool:
    """p16: the application comes on the last day of the window or before."""
    return applied_on <= disaster_last_day(event_date, months)


def education_deadline(academic_year: int) -> datetime.date:
    """p9: documents are submitted until 25 August (inclusive) of the corresponding year."""
    return datetime.date(academic_year, 8, 25)


def receipt_due(
    money_arrived_on: datetime.date, *, count: Count = add_working_days
) -> datetime.date:
    """p11: the tuition is paid and the receipt brought within 5 working days after the money
    arrives."""
    return count(money_arrived_on, 5)


def academic_year_payment_due(*, academic_year: int, decided_on: datetime.date) -> datetime.date:
    """p12: a year of study is paid by the start of its academic year (1 September), or at
    once when the decision comes after it."""
    return max(decided_on, datetime.date(academic_year, 9, 1))


# --- schedules of payments (p4–p8) ---------------------------------------------------------


def months_in_period(first: datetime.date, last: datetime.date) -> int:
    """Calendar months from the month of `first` to the month of `last`, both counted: the
    period of a decision on periodic aid (p4; p7.2, p7.3)."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


PAYMENT_INTERVAL_MONTHS = {
    CategoryRule.Periodicity.MONTHLY: 1,
    CategoryRule.Periodicity.QUARTERLY: 3,
    CategoryRule.Periodicity.HALF_YEARLY: 6,
}


def payment_interval_months(periodicity: str) -> int | None:
    """p4: periodic aid is paid monthly, quarterly or once a half-year («ежемесячно,
    ежеквартально, 1 раз в полугодие»): 1, 3 or 6 months from one payment to the next; None
    for aid paid once or yearly."""
    return PAYMENT_INTERVAL_MONTHS.get(periodicity)


def paid_over_a_period(periodicity: str) -> bool:
    """p4: periodic aid (monthly, quarterly, half-yearly) is paid over the period the decision
    sets (p7.2, p7.3 monthly), so a grant of it names that period."""
    return payment_interval_months(periodicity) is not None


def periodic_schedule(
    first_due: datetime.date, months: int, *, every: int = 1
) -> list[datetime.date]:
    """p4, p7.2, p7.3: periodic aid is paid on the first of the month, from the month the
    period begins, every `every` months (1 monthly, 3 quarterly, 6 half-yearly) while the
    period of `months` months lasts: one payment for each month, quarter or half-year begun."""
    start = first_due.replace(day=1)
    return [start + relativedelta(months=k) for k in range(0, months, every)]


def yearly_schedule(first_due: datetime.date, years: int) -> list[datetime.date]:
    """p5.2–p6 ("раз в год"), p8: one payment a year from the first, at least one."""
    return [first_due + relativedelta(years=k) for k in range(max(years, 1))]


def payment_schedule(
    periodicity: str, first_due: datetime.date, *, months: int = 1, years: int = 1
) -> list[datetime.date]:
    """The due dates of an award (p4): monthly, quarterly or once a half-year over the
    decision's period of `months` months (p4; p7.2, p7.3 monthly), yearly (p5.2–p6, p8),
    otherwise one payment (once; once a year per family, p7.4)."""
    every = payment_interval_months(periodicity)
    if every:
        return periodic_schedule(first_due, months, every=every)
    if periodicity == CategoryRule.Periodicity.YEARLY:
        return yearly_schedule(first_due, years)
    return [first_due]


def once_a_year_occasion(*, periodicity: str, decided_on: datetime.date) -> int | None:
    """p7.4: low-income aid is given once a year per family: the year an award counts
    against, or None for the other periodicities."""
    if periodicity == CategoryRule.Periodicity.ONCE_A_YEAR:
        return decided_on.year
    return None


# --- termination (p27) and recovery (p28) ---------------------------------------------------


def payments_stop_from(event_date: datetime.date) -> datetime.date:
    """p27: payment stops from the month of the event (death, moving away, placement in a
    state institution, false information): the first day of that month."""
    return event_date.replace(day=1)


def overpaid_share(
    *, amount: Decimal, due_on: datetime.date, every_months: int, stop_from: datetime.date
) -> Decimal:
    """p27, p28: a periodic payment is for the `every_months` months from its due month (one
    month, a quarter, a half-year, p4); the months of it from the month payment stops were paid
    in excess and are returned — that share of the payment, to the tiyn, half up. A payment due
    from that month is returned whole; one for months all before it, not at all."""
    months = [due_on.replace(day=1) + relativedelta(months=k) for k in range(every_months)]
    after_stop = sum(1 for month in months if month >= stop_from)
    return (Decimal(amount) * after_stop / every_months).quantize(TIYN, rounding=ROUND_HALF_UP)


def sum_recoverable(amount: Decimal) -> bool:
    """p28: an overpaid sum to recover, and each repayment of it, are positive."""
    return amount > 0


def repayment_within_balance(*, amount: Decimal, balance: Decimal) -> bool:
    """p28: a repayment returns no more than what is left to return."""
    return amount <= balance


def recovery_repaid(balance: Decimal) -> bool:
    """p28: a recovery with nothing left to return is repaid (closed) and takes no more."""
    return balance <= 0


def recovery_outstanding(*, paid: Decimal, already_recovered: Decimal) -> Decimal:
    """p13, p28: what is still to be returned of the sums paid, net of recoveries opened."""
    return paid - already_recovered


# --- memorial dates (p5) --------------------------------------------------------------------

Occasion = Category.Occasion
MEMORIAL_DAYS = {
    Occasion.VICTORY_DAY: (5, 9),
    Occasion.REPRESSION_DAY: (5, 31),
    Occasion.AFGHANISTAN_DAY: (2, 15),
    Occasion.CHERNOBYL_DAY: (4, 26),
    Occasion.NUCLEAR_TESTS_DAY: (8, 29),
}


def memorial_date(occasion: str, year: int) -> datetime.date | None:
    """p5: Victory Day 9 May, victims of repression 31 May, Afghanistan 15 February,
    Chernobyl 26 April, nuclear tests 29 August; None for the social support of p6, which has
    no date of its own."""
    day = MEMORIAL_DAYS.get(occasion)
    return datetime.date(year, *day) if day else None
