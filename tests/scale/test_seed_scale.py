"""seed_scale: a realistic data set, counts as reported, every state with its path and terms."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.utils import timezone

from applications.cases.models import (
    Application,
    ApplicationTransition,
    Decision,
    Family,
    FamilyMember,
    Income,
    Person,
)
from applications.reference import workdays
from applications.reference.selectors import mrp_on
from applications.reference.validators import parse_iin
from benefits.models import Award, PaymentList, PaymentListItem, ScheduledPayment
from commissions.models import SpecialConclusion, SurveyAct

from .conftest import seed

S = Application.Status


def test_reported_counts_are_what_the_database_holds(seeded):
    assert seeded["persons"] == 300 == Person.objects.count()
    assert seeded["members"] == 300 == FamilyMember.objects.count()
    assert seeded["families"] == Family.objects.count()
    assert seeded["applications"] == 150 == Application.objects.count()
    assert seeded["transitions"] == ApplicationTransition.objects.count()
    assert seeded["incomes"] == Income.objects.count() > 0


def test_families_are_of_realistic_sizes_across_the_okrugs(seeded):
    sizes = list(Family.objects.annotate(n=Count("members")).values_list("n", flat=True))
    assert 2.5 <= sum(sizes) / len(sizes) <= 4.5
    assert max(sizes) >= 5 and min(sizes) == 1
    assert Family.objects.values("okrug").distinct().count() >= 10
    # one applicant per family, and it is the family's applicant
    heads = FamilyMember.objects.filter(relation="applicant")
    assert heads.count() == len(sizes)
    assert all(m.person_id == m.family.applicant_id for m in heads.select_related("family"))


def test_iins_are_valid_unique_and_match_birth_date_and_sex(seeded):
    people = list(Person.objects.all())
    assert len({p.iin for p in people}) == len(people)
    for person in people:
        facts = parse_iin(person.iin)
        assert (facts.birth_date, facts.sex) == (person.birth_date, person.sex)


def test_every_state_is_present_with_its_whole_path(seeded):
    assert set(Application.objects.values_list("status", flat=True)) == set(S.values)
    for app in Application.objects.prefetch_related("transitions"):
        steps = [(t.from_status, t.to_status) for t in app.transitions.all()]
        assert steps[0] == ("", S.REGISTERED)
        assert steps[-1][1] == app.status
        assert all(a[1] == b[0] for a, b in zip(steps, steps[1:], strict=False))
        if app.channel == Application.Channel.AKIM and len(steps) > 3:
            assert steps[2][1] == S.SURVEYED  # the akim's office forwards the act (step 4)


def test_terms_are_counted_in_working_days(seeded):
    today = timezone.localdate()
    for app in Application.objects.all():
        registered = app.registered_on
        days = 20 if app.documents_requested else 8
        assert app.decision_due == workdays.add_working_days(registered, days)  # p24
        if app.status == S.NOTIFIED:
            assert app.due_date is None
        elif app.status == S.CONCLUDED:
            assert app.due_date == app.decision_due
        else:
            started = timezone.localdate(app.status_changed_at)
            assert app.due_date > started and workdays.is_working_day(app.due_date)
        assert registered <= today
    counts = Counter(a.due_date < today for a in Application.objects.exclude(due_date=None))
    assert counts[True] and counts[False]  # the queue has overdue and upcoming work


def test_per_capita_income_and_documents_where_the_path_reached_them(seeded):
    sent_on = Application.objects.exclude(
        status__in=[S.REGISTERED, S.AT_LOCAL_COMMISSION, S.SURVEYED, S.AT_AUTHORITY]
    )
    assert sent_on.exists() and not sent_on.filter(per_capita_income=None).exists()
    assert (
        SurveyAct.objects.count()
        == Application.objects.exclude(status__in=[S.REGISTERED, S.AT_LOCAL_COMMISSION]).count()
    )
    refused = SpecialConclusion.objects.filter(application__status=S.REFUSED)
    assert refused.exists() and not refused.filter(need=True).exists()
    for granted in SpecialConclusion.objects.filter(need=True).select_related("application"):
        rule = granted.application.category.rule_on(granted.concluded_on)
        assert granted.amount == (rule.mrp_multiple * granted.mrp_value).quantize(Decimal("0.01"))
        assert granted.mrp_value == mrp_on(granted.concluded_on).value  # p30


def test_a_second_run_adds_without_collisions(seeded):
    lists = PaymentList.objects.count()
    again = seed(100)
    assert again["persons"] == 100 and Person.objects.count() == 400
    numbers = Application.objects.values_list("number", flat=True)
    assert len(set(numbers)) == len(numbers) == 200
    # the second run adds to the months' lists of the first; a new month gets a new list
    titles = list(PaymentList.objects.values_list("title", flat=True))
    assert len(set(titles)) == len(titles) == lists + again["payment_lists"]
    assert PaymentListItem.objects.count() == seeded["list_items"] + again["list_items"]


def test_a_size_below_one_is_refused_in_russian(db):
    with pytest.raises(CommandError, match="Число граждан должно быть положительным"):
        call_command("seed_scale", persons=0)


def test_registration_dates_spread_over_two_years(seeded):
    days = [a.registered_on for a in Application.objects.all()]
    assert max(days) - min(days) > datetime.timedelta(days=200)


def test_decisions_awards_and_payments_follow_the_path(seeded):
    decided = Application.objects.filter(status__in=[S.GRANTED, S.REFUSED, S.NOTIFIED])
    assert seeded["decisions"] == Decision.objects.count() == decided.count()
    for decision in Decision.objects.select_related("application"):
        assert decision.notice_due == workdays.add_working_days(decision.decided_on, 3)  # p25
        notified = decision.application.status == S.NOTIFIED
        assert (decision.notified_on is not None) == notified
        assert (decision.outcome == "refused") == bool(decision.ground)  # p26
    assert seeded["awards"] == Award.objects.count() > 0
    assert seeded["payments"] == ScheduledPayment.objects.count() >= seeded["awards"]
    for award in Award.objects.select_related("rule"):
        assert award.amount == (award.rule.mrp_multiple * award.mrp_value).quantize(Decimal("0.01"))
        assert award.application.decision.outcome == "granted"
    today = timezone.localdate()
    assert not ScheduledPayment.objects.filter(status="paid", due_on__gt=today).exists()
    assert not ScheduledPayment.objects.filter(status="scheduled", due_on__lte=today).exists()


def test_open_applications_are_a_minority_yet_every_state_is_present(seeded):
    statuses = Counter(Application.objects.values_list("status", flat=True))
    assert set(statuses) == set(S.values)
    open_ = sum(statuses.values()) - statuses[S.NOTIFIED]
    assert open_ * 5 < sum(statuses.values())  # a case takes weeks, the history is two years


def test_the_report_counts_payment_lists_and_their_items(seeded):
    assert seeded["payment_lists"] == PaymentList.objects.count() > 0
    assert seeded["list_items"] == PaymentListItem.objects.count() > 0


def test_every_paid_payment_stands_once_in_its_months_paid_list(seeded):
    paid = ScheduledPayment.objects.filter(status="paid").select_related("award__recipient")
    items = {
        i.payment_id: i
        for i in PaymentListItem.objects.select_related("payment_list", "bank", "payment")
    }
    assert paid.exists() and len(items) == PaymentListItem.objects.count() == paid.count()
    for payment in paid:
        item = items[payment.pk]  # the database allows one item per payment (p29)
        recipient = payment.award.recipient
        assert item.amount == payment.amount
        assert item.iban == recipient.iban and item.bank.code == recipient.iban[4:7]
        assert recipient.bank_id == item.bank_id
        plist = item.payment_list
        assert plist.status == "paid" and plist.kind == "period"
        assert plist.period_start == payment.paid_on.replace(day=1)
        assert plist.period_end.month == plist.period_start.month
        assert (plist.period_end + datetime.timedelta(days=1)).day == 1
        assert plist.paid_on >= payment.paid_on and plist.created_by.username == "scale_caseworker"
    for plist in PaymentList.objects.all():
        # paid on its month's last payment day
        assert plist.paid_on == max(i.payment.paid_on for i in plist.items.all())
    future = ScheduledPayment.objects.filter(status="scheduled")
    assert future.exists() and not PaymentListItem.objects.filter(payment__in=future).exists()


def test_education_aid_is_paid_each_year_of_study(seeded):
    today = timezone.localdate()
    education = Award.objects.filter(category__programme="education")
    assert education.exists()
    several = 0
    for award in education.prefetch_related("payments"):
        dues = [p.due_on for p in award.payments.all()]
        assert dues == [award.start + relativedelta(years=n) for n in range(len(dues))]
        assert 1 <= len(dues) <= 4
        past = [d for d in dues if d <= today]
        assert dues[len(past) :] in ([], [dues[-1]])  # only the next year is scheduled
        assert dues[-1] <= today + relativedelta(years=1)
        if len(dues) < 4:
            # every year already due is there, and the next one if it is within 12 months
            assert dues[-1] + relativedelta(years=1) > today + relativedelta(years=1)
        several += len(past) > 1
        for payment in award.payments.all():
            assert payment.mrp_value == mrp_on(payment.due_on).value  # p30
    assert several  # some students are in their second year or later
    for award in Award.objects.filter(periodicity="monthly"):
        assert award.payments.count() == 12
