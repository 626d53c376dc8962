"""The applicant's names kept beside each application by PostgreSQL (migration 0012) for the
search by name: whatever writes a person or an application, the search finds the names a person
has now, never the names they had."""

import pytest
from django.db import connection
from django.urls import reverse

from applications.cases.models import Application, Person
from tests.conftest import listed_numbers, login

pytestmark = pytest.mark.postgresql


def found(client, q: str) -> list[str]:
    response = client.get(reverse("applications:application_list"), {"q": q})
    assert response.status_code == 200
    return sorted(listed_numbers(response))


def key_of(application) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT applicant_key FROM applications_application WHERE id = %s", [application.pk]
        )
        return cursor.fetchone()[0]


def test_the_key_follows_every_change_of_the_applicants_names(
    client, caseworker, application_factory, person_factory
):
    application = application_factory(surname="Жумабеков")
    person = application.applicant
    assert key_of(application) == f"|ЖУМАБЕКОВ|{person.name.upper()}|"
    login(client, caseworker)
    assert found(client, "жумаб") == [application.number]

    person.surname, person.patronymic = "Сәрсенбаева", "Ерланқызы"  # a form's save()
    person.save()
    assert found(client, "Жумаб") == []
    assert found(client, "сәрсен") == found(client, "ЕРЛАНҚ") == [application.number]

    Person.objects.filter(pk=person.pk).update(name="Әйгерім")  # an UPDATE of many rows
    assert found(client, "Сәрсенбаева Әйгер") == [application.number]
    assert found(client, f"Сәрсенбаева {person.name[:3]}") == []

    other = person_factory(surname="Оспанов", name="Нұрлан")  # another applicant
    Application.objects.filter(pk=application.pk).update(applicant=other)
    assert found(client, "Оспанов Нұр") == [application.number]
    assert found(client, "Сәрсен") == []
    assert key_of(application) == "|ОСПАНОВ|НҰРЛАН|"


def test_applications_inserted_in_bulk_get_their_applicants_key(
    client, caseworker, application_factory, person_factory
):
    model = application_factory(surname="Жумабеков")
    person = person_factory(surname="Тұрсынов", name="Бақыт")
    copies = []
    for n in range(3):
        copy = Application.objects.get(pk=model.pk)
        copy.pk, copy.applicant, copy.number = None, person, f"{model.number}-{n}"
        copies.append(copy)
    Application.objects.bulk_create(copies)
    login(client, caseworker)
    assert found(client, "тұрсын бақ") == sorted(c.number for c in copies)


def test_a_special_character_of_like_typed_in_the_search_is_a_letter_like_any_other(
    client, caseworker, application_factory
):
    application = application_factory(surname="Ахметов")
    login(client, caseworker)
    for typed in ("%", "_хметов", "Ахм%", "\\", "|"):
        assert found(client, typed) == [], typed
    assert found(client, "ахм") == [application.number]
