import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from applications.cases.models import Application, Family, FamilyMember, Income, Person
from applications.cases.selectors import per_capita_income
from applications.reference.models import MRP, Category, CategoryRule, Okrug, SubsistenceMinimum
from commissions.models import Commission


def test_fixtures_load_okrugs_banks_mrp_and_categories():
    assert Okrug.objects.count() == 26
    assert Okrug.objects.get(kato="434065000").name_kk == "Шалқия ауылдық округі"
    assert MRP.objects.get(effective_from=datetime.date(2020, 4, 1)).value == Decimal("2778")
    assert MRP.objects.get(effective_from=datetime.date(2022, 4, 1)).value == Decimal("3180")
    assert SubsistenceMinimum.objects.filter(scope="republican").count() == 12
    fire = Category.objects.get(code="hardship-disaster-fire")
    rule = fire.rule_on(datetime.date(2019, 5, 1))
    assert (rule.mrp_multiple, rule.family_cap_mrp, rule.application_window_months) == (
        Decimal("40"),
        Decimal("150"),
        3,
    )
    assert Category.objects.get(code="victory-wwii-veterans").rule_on(
        datetime.date(2020, 5, 9)
    ).amount_tenge == Decimal("1000000")
    paragraphs = set(Category.objects.values_list("paragraph", flat=True))
    assert {"5.1", "5.2", "5.3", "5.4", "5.5", "6", "7.1", "7.2", "7.3", "7.4", "8"} <= paragraphs


def test_category_rule_outside_its_period_is_none():
    fire = Category.objects.get(code="hardship-disaster-fire")
    assert fire.rule_on(datetime.date(2017, 1, 1)) is None


def test_duplicate_iin_is_refused_by_the_database(person_factory):
    person = person_factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            iin=person.iin, surname="X", name="Y", birth_date=person.birth_date, sex="M"
        )


def test_family_without_applicant_is_refused_by_the_database(okrug):
    with pytest.raises(IntegrityError), transaction.atomic():
        Family.objects.create(reg_number="X-1", address="a", okrug=okrug)


def test_second_applicant_member_is_refused_by_the_database(family_factory, person_factory):
    family = family_factory(size=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        FamilyMember.objects.create(family=family, person=person_factory(), relation="applicant")


def test_negative_income_is_refused_by_the_database(family_factory):
    member = family_factory(size=1).members.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Income.objects.create(
            member=member, kind="wages", year=2024, quarter=1, amount=Decimal("-1")
        )


def test_duplicate_application_number_is_refused_by_the_database(application_factory):
    first = application_factory()
    second = application_factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=second.pk).update(number=first.number)


def test_negative_rule_amount_and_second_local_commission_refused(okrug):
    Commission.objects.create(kind="local", okrug=okrug, name="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Commission.objects.create(kind="local", okrug=okrug, name="B")
    with pytest.raises(IntegrityError), transaction.atomic():
        CategoryRule.objects.create(
            category=Category.objects.first(),
            effective_from=datetime.date(2030, 1, 1),
            amount_rule="fixed_tenge",
            amount_tenge=Decimal("-5"),
            periodicity="once",
        )


def test_per_capita_income_uses_the_quarter_before_the_application(family_factory):
    family = family_factory(size=4, wages=Decimal("300000"), year=2024, quarter=1)
    applicant = family.members.get(relation="applicant")
    Income.objects.create(
        member=applicant, kind="pension", year=2024, quarter=1, amount=Decimal("60000")
    )
    Income.objects.create(
        member=applicant, kind="wages", year=2024, quarter=2, amount=Decimal("999999")
    )
    result = per_capita_income(family=family, on=datetime.date(2024, 5, 20))
    assert (result.year, result.quarter) == (2024, 1)
    assert result.total == Decimal("360000")
    assert result.members == 4
    assert result.per_capita == Decimal("30000.00")  # 360 000 / 3 / 4


def test_per_capita_income_in_january_takes_the_fourth_quarter(family_factory):
    family = family_factory(size=3, wages=Decimal("100000"), year=2023, quarter=4)
    result = per_capita_income(family=family, on=datetime.date(2024, 1, 9))
    assert (result.year, result.quarter) == (2023, 4)
    assert result.per_capita == Decimal("11111.11")


def test_person_birth_date_and_sex_come_from_the_iin(person_factory):
    person = person_factory(birth=datetime.date(2001, 6, 25), sex="F")
    assert person.birth_date == datetime.date(2001, 6, 25)
    assert person.sex == "F"
    assert person.bank.code == "601"


def test_open_statuses_are_every_status_before_the_notice():
    """The open-cases index and the queues rest on this list: a new status must be placed."""
    from applications.cases.models import OPEN_STATUSES

    assert set(OPEN_STATUSES) == set(Application.Status.values) - {Application.Status.NOTIFIED}
