"""A person's name wherever it is typed (issue 21, item 5): letters of Kazakh, Russian or Latin
with hyphens, apostrophes and spaces; markup or a formula is refused with a message beside the
field and the typed values kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from applications.cases.models import Family, Person
from applications.reference.testdata import iin_sequence
from tests.conftest import login

from .test_intake_pages import family_post

pytestmark = pytest.mark.django_db

MESSAGE = "Имя может содержать только буквы, дефис, апостроф и пробел."


def person_post(client, iin, **names):
    return client.post(reverse("applications:person_create"), {"iin": iin, **names})


@pytest.mark.parametrize(
    "names",
    [
        {"surname": "<b>Тестов</b>", "name": "Тест"},
        {"surname": "Тестов", "name": "=SUM(A1)"},
        {"surname": "Тестов", "name": "Тест", "patronymic": "Тестович1"},
    ],
)
def test_person_form_refuses_markup_and_formulas_and_keeps_the_input(client, caseworker, names):
    login(client, caseworker)
    iin = next(iin_sequence(datetime.date(1990, 4, 2), "F", start=40))
    response = person_post(client, iin, **names)

    assert response.status_code == 200
    body = response.content.decode()
    assert MESSAGE in body
    assert f'value="{iin}"' in body
    typed = next(v for v in names.values() if not v.isalpha())
    assert f'value="{escape(typed)}"' in body
    assert not Person.objects.filter(iin=iin).exists()


def test_person_form_takes_kazakh_hyphenated_and_latin_names(client, caseworker):
    login(client, caseworker)
    iin = next(iin_sequence(datetime.date(1990, 4, 2), "M", start=60))
    response = person_post(
        client, iin, surname="Әбдіқадыр-Ұлы", name="Жәнібек", patronymic="O'Neil Ұлы"
    )

    assert response.status_code == 302
    person = Person.objects.get(iin=iin)
    assert person.full_name == "Әбдіқадыр-Ұлы Жәнібек O'Neil Ұлы"


def test_a_family_member_with_markup_in_the_name_is_refused(
    client, caseworker, okrug, person_factory
):
    head = person_factory()
    login(client, caseworker)
    response = client.post(
        reverse("applications:family_create"),
        family_post(okrug, head.iin, **{"members-0-surname": "<script>x</script>"}),
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert MESSAGE in body
    assert "&lt;script&gt;x&lt;/script&gt;" in body
    assert not Family.objects.filter(applicant=head).exists()


def test_the_model_refuses_a_formula_in_a_name(person_factory):
    person = person_factory()
    person.surname = "=HYPERLINK(1)"
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert refused.value.message_dict["surname"] == [MESSAGE]
