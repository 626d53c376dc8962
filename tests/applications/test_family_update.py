"""A family kept up to date (issue 20, item 1): members added, changed and removed, incomes of
every quarter kept while a new quarter is added, the applicant changed, each change in the
history; a reason asked between survey and decision and shown on the application's page; a
decision's frozen basis untouched."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.cases.models import ApplicationTransition, FamilyMember, Income
from applications.cases.services import intake
from applications.cases.services.family import ReasonRequired, family_update
from applications.reference.quarters import previous_quarter
from applications.workflow.services import steps as workflow
from applications.workflow.services.commissions import (
    application_local_conclusion_record,
    application_special_conclusion_record,
)
from commissions.services.survey import survey_act_record
from tests.conftest import login, new_person

TODAY = timezone.localdate()
# the quarter whose incomes count for an application of today (p22), and today's own quarter
YEAR, QUARTER = previous_quarter(TODAY)
NEXT_YEAR, NEXT_QUARTER = TODAY.year, (TODAY.month - 1) // 3 + 1
FACTS = {"address": "с. Жанакорган, ул. Абая, 1", "housing": "house", "housing_cost": Decimal(0)}


def members_of(family):
    return {m.person.iin: m.relation for m in family.members.select_related("person")}


def incomes_of(family):
    return sorted(
        (i.member.person.iin, i.kind, i.year, i.quarter, i.amount)
        for i in Income.objects.filter(member__family=family).select_related("member__person")
    )


def as_rows(family):
    """The family as the page of changes shows it: the applicant, the others, their incomes."""
    members = [
        intake.MemberData(person=m.person, relation=m.relation, occupation=m.occupation)
        for m in family.members.select_related("person").exclude(relation="applicant")
    ]
    incomes = [
        intake.IncomeData(
            person=i.member.person, kind=i.kind, year=i.year, quarter=i.quarter, amount=i.amount
        )
        for i in Income.objects.filter(member__family=family).select_related("member__person")
    ]
    return members, incomes


@pytest.fixture
def family(family_factory):
    return family_factory(size=3, year=YEAR, quarter=QUARTER, wages=Decimal("300000"))


def update(family, actor, **overrides):
    members, incomes = as_rows(family)
    arguments = {
        "family": family,
        "actor": actor,
        "applicant": family.applicant,
        "members": members,
        "incomes": incomes,
        **FACTS,
    }
    arguments.update(overrides)
    return family_update(**arguments)


def test_members_are_added_changed_and_removed_each_in_the_history(family, caseworker):
    members, incomes = as_rows(family)
    leaving, staying = members
    newborn = new_person(datetime.date(2026, 1, 5), "M", "Ахметов", "Нурлан")
    staying.occupation = "школа № 5"
    changes = update(
        family,
        caseworker,
        members=[staying, intake.MemberData(person=newborn, relation="son")],
        incomes=incomes,
    )
    assert members_of(family) == {
        family.applicant.iin: "applicant",
        staying.person.iin: "daughter",
        newborn.iin: "son",
    }
    assert FamilyMember.objects.get(person=staying.person).occupation == "школа № 5"
    assert any("исключён(а)" in c and str(leaving.person) in c for c in changes)
    assert any("включён(а)" in c and str(newborn) in c for c in changes)
    deleted = FamilyMember.history.filter(person_id=leaving.person.pk, history_type="-").get()
    assert deleted.history_user is None or deleted.history_user == caseworker
    assert FamilyMember.history.filter(person_id=newborn.pk, history_type="+").exists()


def test_a_new_quarter_is_added_and_the_earlier_one_kept(family, caseworker):
    members, incomes = as_rows(family)
    new_quarter = intake.IncomeData(
        person=family.applicant,
        kind="wages",
        year=NEXT_YEAR,
        quarter=NEXT_QUARTER,
        amount=Decimal("315000"),
    )
    update(family, caseworker, incomes=[*incomes, new_quarter])
    assert incomes_of(family) == [
        (family.applicant.iin, "wages", YEAR, QUARTER, Decimal("300000.00")),
        (family.applicant.iin, "wages", NEXT_YEAR, NEXT_QUARTER, Decimal("315000.00")),
    ]
    assert Income.history.filter(quarter=NEXT_QUARTER, history_type="+").count() == 1


def test_an_amount_corrected_and_a_quarter_removed(family, caseworker):
    members, incomes = as_rows(family)
    incomes[0].amount = Decimal("280000")
    update(family, caseworker, incomes=incomes)
    assert incomes_of(family)[0][-1] == Decimal("280000.00")
    update(family, caseworker, incomes=[])
    assert incomes_of(family) == []


def test_the_applicant_is_changed_to_another_member(family, caseworker):
    members, incomes = as_rows(family)
    former = family.applicant
    new_head = members[0].person
    changes = update(
        family,
        caseworker,
        applicant=new_head,
        members=[intake.MemberData(person=former, relation="father"), members[1]],
        incomes=incomes,
    )
    family.refresh_from_db()
    assert family.applicant == new_head
    assert members_of(family)[new_head.iin] == "applicant"
    assert members_of(family)[former.iin] == "father"
    assert any(c.startswith("заявитель:") for c in changes)
    # the former applicant's income of the quarter stays his
    assert incomes_of(family) == [(former.iin, "wages", YEAR, QUARTER, Decimal("300000.00"))]


def test_family_facts_change_and_nothing_changed_says_so(family, caseworker):
    assert update(family, caseworker) == []
    changes = update(
        family,
        caseworker,
        address="с. Жанакорган, ул. Сейфуллина, 7",
        housing="rented",
        housing_cost=Decimal("25000"),
        livestock="2 коровы",
    )
    family.refresh_from_db()
    assert family.address == "с. Жанакорган, ул. Сейфуллина, 7"
    assert family.get_housing_display() == "арендное жильё"
    assert family.livestock == "2 коровы"
    assert "условия проживания: индивидуальный жилой дом → арендное жильё" in changes
    assert family.history.first().address == "с. Жанакорган, ул. Сейфуллина, 7"


def test_an_income_of_someone_outside_the_family_is_refused(family, caseworker):
    stranger = new_person(surname="Чужой")
    _members, incomes = as_rows(family)
    extra = intake.IncomeData(
        person=stranger, kind="wages", year=YEAR, quarter=QUARTER, amount=Decimal("1")
    )
    with pytest.raises(Exception, match="не входит в состав семьи"):
        update(family, caseworker, incomes=[*incomes, extra])
    assert len(incomes_of(family)) == 1


def surveyed(application, *, sender, local):
    application = workflow.application_send_to_local(application=application, actor=sender)
    today = timezone.localdate()
    survey_act_record(application=application, actor=local, surveyed_on=today, place="с. Абай")
    application_local_conclusion_record(
        application=application,
        actor=local,
        need=True,
        number=f"УК-{application.number}",
        concluded_on=today,
        documents_count=4,
        received_by="",
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def surveyed_case(family, application_factory, caseworker, local_member):
    application = application_factory(code="hardship-disaster-fire", family=family)
    return surveyed(application, sender=caseworker, local=local_member)


def test_between_survey_and_decision_a_reason_is_required_and_shown_on_the_application(
    client, family, surveyed_case, caseworker
):
    assert surveyed_case.status == "at_authority"  # the akim's office forwarded the act
    with pytest.raises(ReasonRequired, match="укажите причину"):
        update(family, caseworker, address="с. Жанакорган, ул. Жибек жолы, 3")
    family.refresh_from_db()
    assert family.address == FACTS["address"]
    update(
        family,
        caseworker,
        address="с. Жанакорган, ул. Жибек жолы, 3",
        reason="семья переехала после пожара",
    )
    note = ApplicationTransition.objects.filter(application=surveyed_case).last()
    assert note.from_status == note.to_status == "at_authority"
    assert note.comment == "семья переехала после пожара"  # the words typed, kept as typed
    assert (note.message_code, note.message_params) == (
        "family_changed",
        {"family": family.reg_number, "count": 1},
    )
    login(client, caseworker)
    page = client.get(surveyed_case.get_absolute_url()).content.decode()
    assert "семья переехала после пожара" in page
    said = f"Сведения семьи № {family.reg_number} изменены после обследования (изменений: 1)"
    assert said in page
    client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    page = client.get(surveyed_case.get_absolute_url()).content.decode()
    assert f"№ {family.reg_number} отбасының мәліметтері тексеруден кейін өзгертілді" in page
    assert "семья переехала после пожара" in page


def test_the_page_asks_for_the_reason_and_keeps_what_was_typed(
    client, family, surveyed_case, caseworker
):
    login(client, caseworker)
    url = reverse("applications:family_edit", args=[family.pk])
    form = client.get(url).content.decode()
    assert "Причина изменения" in form
    data = edit_post(client, url)
    data["address"] = "ул. Новая, 1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Обязательное поле" in response.content.decode()
    assert 'value="ул. Новая, 1"' in response.content.decode()
    data["reason"] = "переезд"
    assert client.post(url, data).status_code == 302
    family.refresh_from_db()
    assert family.address == "ул. Новая, 1"


def edit_post(client, url) -> dict:
    """The page of changes as it comes, its fields' values as a browser would send them."""
    response = client.get(url)
    context = response.context
    data = {}
    for form in (context["form"],):
        for name in form.fields:
            value = form[name].value()
            data[name] = "" if value is None else value
    for formset in (context["members"], context["incomes"]):
        data.update(
            {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
        )
        for f in formset.forms:
            for name in f.fields:
                value = f[name].value()
                if value not in (None, False):
                    data[f.add_prefix(name)] = value
    return data


def test_the_page_adds_a_row_without_javascript_keeping_what_was_typed(client, family, caseworker):
    login(client, caseworker)
    url = reverse("applications:family_edit", args=[family.pk])
    data = edit_post(client, url)
    data["address"] = "ул. Набранная, 9"
    data["add_row"] = "members"
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="members-TOTAL_FORMS" value="5"' in body
    assert 'value="ул. Набранная, 9"' in body
    assert "Обязательное поле" not in body
    family.refresh_from_db()
    assert family.address == FACTS["address"]


def test_a_decisions_basis_does_not_change_when_the_family_does(
    family, surveyed_case, caseworker, special_member
):
    application = workflow.application_send_to_special(application=surveyed_case, actor=caseworker)
    application_special_conclusion_record(
        application=application, actor=special_member, need=True, amount=Decimal("100000")
    )
    application.refresh_from_db()
    decision = workflow.application_decide(
        application=application, actor=caseworker, grant=False, ground="false_information"
    )
    basis = decision.basis
    members, incomes = as_rows(family)
    newborn = new_person(datetime.date(2026, 1, 5), "M", "Ахметов", "Нурлан")
    incomes[0].amount = Decimal("1")
    update(
        family,
        caseworker,
        members=[members[0], intake.MemberData(person=newborn, relation="son")],
        incomes=incomes,
        address="ул. Другая, 2",
    )
    decision.refresh_from_db()
    assert decision.basis == basis
    assert len(basis["members"]) == 3
    assert basis["family"]["address"] == FACTS["address"]
    assert [row["amount"] for row in basis["incomes"]] == ["300000.00"]
    assert members_of(family)[newborn.iin] == "son"  # the family itself did change
