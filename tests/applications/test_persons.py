"""A citizen's record kept up to date (issue 20, item 2): names and contact details corrected on
the edit page, the phone as a number of Kazakhstan, the IIN corrected by a caseworker only, with
the reason kept and shown."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.cases.exceptions import ApplicationError
from applications.cases.models import IinCorrection, Person
from applications.cases.services import persons
from applications.reference.testdata import iin_sequence, make_kz_iban
from tests.conftest import listed_numbers, login


def edit_post(person, **overrides) -> dict:
    data = {
        "surname": person.surname,
        "name": person.name,
        "patronymic": person.patronymic,
        "address": person.address,
        "phone": person.phone,
        "iban": person.iban,
    }
    return {**data, **overrides}


def test_caseworker_corrects_names_address_and_phone_kept_in_history(
    client, caseworker, family_factory
):
    person = family_factory(size=2).applicant
    login(client, caseworker)
    response = client.post(
        reverse("applications:person_edit", args=[person.pk]),
        edit_post(
            person,
            surname="Ахметова",
            name="Айгерим",
            patronymic="Серікқызы",
            address="с. Жанакорган, ул. Абая, 7",
            phone="8 (701) 234-56-78",
            iban=make_kz_iban("722", 4242),
        ),
        follow=True,
    )
    person.refresh_from_db()
    assert person.full_name == "Ахметова Айгерим Серікқызы"
    assert person.phone == "+7 701 234 56 78"
    assert person.address == "с. Жанакорган, ул. Абая, 7"
    assert person.bank.code == "722"
    body = response.content.decode()
    assert "Данные гражданина Ахметова Айгерим Серікқызы сохранены." in body
    assert "+7 701 234 56 78" in body
    latest, before = person.history.all()[:2]
    assert (before.surname, latest.surname) == ("Ахметов", "Ахметова")
    assert latest.history_user == caseworker


def test_unchanged_form_writes_no_history_row(client, caseworker, person_factory):
    person = person_factory()
    rows = person.history.count()
    login(client, caseworker)
    client.post(reverse("applications:person_edit", args=[person.pk]), edit_post(person))
    assert person.history.count() == rows


def test_phone_shown_on_the_application_page(client, caseworker, application_factory):
    application = application_factory()
    persons.person_update(
        person=application.applicant,
        surname=application.applicant.surname,
        name=application.applicant.name,
        phone="+77019876543",
    )
    login(client, caseworker)
    body = client.get(application.get_absolute_url()).content.decode()
    assert "+7 701 987 65 43" in body


@pytest.mark.parametrize("phone", ["+7 601 123 45 67", "12345", "+7 701 123 45 6x", "=1+2"])
def test_bad_phone_refused_with_a_message_and_the_input_kept(
    client, caseworker, person_factory, phone
):
    person = person_factory()
    login(client, caseworker)
    response = client.post(
        reverse("applications:person_edit", args=[person.pk]),
        edit_post(person, surname="Новикова", phone=phone),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Телефон должен быть номером Казахстана: +7 7xx xxx xx xx." in body
    assert 'value="Новикова"' in body
    person.refresh_from_db()
    assert person.surname == "Ахметов" and person.phone == ""


def test_name_with_digits_refused_on_the_edit_page(client, caseworker, person_factory):
    person = person_factory()
    login(client, caseworker)
    response = client.post(
        reverse("applications:person_edit", args=[person.pk]), edit_post(person, name="Айдар2")
    )
    assert "Имя может содержать только буквы" in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Айдар"


def test_registration_keeps_the_phone_normalised_and_who_registered(client, akim):
    login(client, akim)
    iin = next(iin_sequence(datetime.date(1979, 8, 9), "M", start=700))
    client.post(
        reverse("applications:person_create"),
        {"iin": iin, "surname": "Бекетов", "name": "Ерлан", "phone": "7771112233"},
    )
    person = Person.objects.get(iin=iin)
    assert person.phone == "+7 777 111 22 33" and person.created_by == akim


def test_edit_page_has_no_iin_field(client, akim, family_factory):
    person = family_factory(size=1).applicant
    login(client, akim)
    body = client.get(reverse("applications:person_edit", args=[person.pk])).content.decode()
    assert 'name="surname"' in body and 'name="iin"' not in body


# --- the IIN corrected -------------------------------------------------------------------------


def new_iin(birth=datetime.date(1986, 4, 20), sex="F", start=501) -> str:
    return next(iin_sequence(birth, sex, start=start))


def test_caseworker_corrects_the_iin_with_a_reason_shown_on_the_page(
    client, caseworker, person_factory
):
    person = person_factory()
    old = person.iin
    correct = new_iin()
    login(client, caseworker)
    response = client.post(
        reverse("applications:person_iin_correct", args=[person.pk]),
        {"new_iin": correct, "reason": "Опечатка при регистрации, удостоверение № 041234567"},
        follow=True,
    )
    person.refresh_from_db()
    assert person.iin == correct
    # the birth date and sex are those of the new IIN
    assert person.birth_date == datetime.date(1986, 4, 20) and person.sex == "F"
    body = response.content.decode()
    assert "ИИН гражданина Ахметов Айдар исправлен." in body
    assert "Исправления ИИН" in body and old in body and correct in body
    assert "Опечатка при регистрации, удостоверение № 041234567" in body
    assert "20.04.1986" in body
    correction = IinCorrection.objects.get(person=person)
    assert (correction.old_iin, correction.new_iin, correction.corrected_by) == (
        old,
        correct,
        caseworker,
    )
    latest = person.history.first()
    assert latest.iin == correct and latest.history_change_reason.startswith("Опечатка")
    assert latest.history_user == caseworker


def test_iin_correction_refused_without_a_reason(client, caseworker, person_factory):
    person = person_factory()
    old = person.iin
    correct = new_iin()
    login(client, caseworker)
    response = client.post(
        reverse("applications:person_iin_correct", args=[person.pk]),
        {"new_iin": correct, "reason": "  "},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Укажите основание исправления ИИН." in body
    assert f'value="{correct}"' in body
    person.refresh_from_db()
    assert person.iin == old and not IinCorrection.objects.exists()


def test_iin_of_another_citizen_refused(client, caseworker, person_factory):
    person, other = person_factory(), person_factory(surname="Серикбаев")
    old = person.iin
    login(client, caseworker)
    response = client.post(
        reverse("applications:person_iin_correct", args=[person.pk]),
        {"new_iin": other.iin, "reason": "Ошибка в ИИН"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f"ИИН {other.iin} уже принадлежит другому зарегистрированному гражданину." in body
    assert "Ошибка в ИИН" in body
    person.refresh_from_db()
    assert person.iin == old and not IinCorrection.objects.exists()


def test_invalid_iin_refused_by_the_iin_check(client, caseworker, person_factory):
    person = person_factory()
    login(client, caseworker)
    response = client.post(
        reverse("applications:person_iin_correct", args=[person.pk]),
        {"new_iin": "850315301206", "reason": "Ошибка"},
    )
    assert "Неверная контрольная цифра ИИН" in response.content.decode()
    assert not IinCorrection.objects.exists()


def test_service_refuses_the_same_iin_and_an_empty_reason(caseworker, person_factory):
    person = person_factory()
    with pytest.raises(ApplicationError, match="совпадает с прежним"):
        persons.person_iin_correct(person=person, new_iin=person.iin, reason="x", actor=caseworker)
    with pytest.raises(ApplicationError, match="Укажите основание"):
        persons.person_iin_correct(person=person, new_iin=new_iin(), reason="", actor=caseworker)


@pytest.mark.parametrize("role", ["akim", "auditor", "administrator", "local_member"])
def test_iin_correction_is_for_a_caseworker_only(client, request, family_factory, role):
    person = family_factory(size=1).applicant
    user = request.getfixturevalue(role)
    login(client, user)
    url = reverse("applications:person_iin_correct", args=[person.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"new_iin": new_iin(), "reason": "Ошибка"})
    assert response.status_code == 403
    assert not IinCorrection.objects.exists()
    page = client.get(person.get_absolute_url()).content.decode()
    assert url not in page and "Исправить ИИН" not in page


def test_caseworker_sees_the_correction_button(client, caseworker, person_factory):
    person = person_factory()
    login(client, caseworker)
    page = client.get(person.get_absolute_url()).content.decode()
    assert reverse("applications:person_iin_correct", args=[person.pk]) in page
    assert reverse("applications:person_edit", args=[person.pk]) in page


def test_auditor_may_not_edit_a_person(client, auditor, person_factory):
    person = person_factory()
    login(client, auditor)
    url = reverse("applications:person_edit", args=[person.pk])
    assert client.post(url, edit_post(person, surname="Другой")).status_code == 403
    person.refresh_from_db()
    assert person.surname == "Ахметов"
    assert url not in client.get(person.get_absolute_url()).content.decode()


def person_page_queries(client, person) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    return len(ctx)


def test_person_page_query_count_does_not_grow_with_corrections(client, caseworker, person_factory):
    person = person_factory()
    login(client, caseworker)
    for k in range(2):
        persons.person_iin_correct(
            person=person,
            new_iin=new_iin(start=600 + 10 * k),
            reason=f"Ошибка {k}",
            actor=caseworker,
        )
    person_page_queries(client, person)  # the session and content types read once
    few = person_page_queries(client, person)
    for k in range(2, 6):
        persons.person_iin_correct(
            person=person,
            new_iin=new_iin(start=600 + 10 * k),
            reason=f"Ошибка {k}",
            actor=caseworker,
        )
    assert person_page_queries(client, person) == few


def test_corrected_surname_finds_the_application(client, caseworker, application_factory):
    application = application_factory(surname="Ахметов")
    applicant = application.applicant
    persons.person_update(person=applicant, surname="Әлібеков", name=applicant.name)
    login(client, caseworker)
    assert listed_numbers(
        client.get(reverse("applications:application_list"), {"q": "әлібек"})
    ) == [application.number]
    assert (
        listed_numbers(client.get(reverse("applications:application_list"), {"q": "Ахметов"})) == []
    )


def test_administrator_reads_the_corrections_in_the_admin(
    client, caseworker, administrator, person_factory
):
    """The administrator finds every IIN correction in the admin, read-only: none added or
    deleted there, they are made on the citizen's page with their reason."""
    person = person_factory()
    old, correct = person.iin, new_iin()
    persons.person_iin_correct(
        person=person, new_iin=correct, reason="Опечатка в ИИН", actor=caseworker
    )
    login(client, administrator)
    body = client.get(reverse("admin:applications_iincorrection_changelist")).content.decode()
    assert old in body and correct in body
    assert client.get(reverse("admin:applications_iincorrection_add")).status_code == 403
