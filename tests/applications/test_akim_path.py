"""The akim's office's path (issue 20, item 3): a citizen it registers opens on their page (no
404, the message kept), leads on to a family of its okrug and to the application; another
okrug's office sees none of it."""

import datetime

from django.urls import reverse

from applications.cases import access
from applications.cases.models import Family, Person
from applications.cases.services import intake
from applications.reference.testdata import iin_sequence
from tests.conftest import login, make_user

BIRTH = datetime.date(1981, 2, 3)


def registered_by(user, *, start: int, surname: str = "Оспанов") -> Person:
    iin = next(iin_sequence(BIRTH, "M", start=start))
    return intake.person_create(iin=iin, surname=surname, name="Бахыт", created_by=user)


def test_akim_registers_a_citizen_and_lands_on_the_page_with_the_message(client, akim):
    login(client, akim)
    iin = next(iin_sequence(BIRTH, "M", start=900))
    response = client.post(
        reverse("applications:person_create"),
        {"iin": iin, "surname": "Оспанов", "name": "Бахыт", "phone": "+7 705 111 22 33"},
        follow=True,
    )
    person = Person.objects.get(iin=iin)
    assert response.redirect_chain == [(person.get_absolute_url(), 302)]
    assert response.status_code == 200
    body = response.content.decode()
    assert "Гражданин Оспанов Бахыт зарегистрирован." in body
    assert "+7 705 111 22 33" in body
    assert "Не состоит в зарегистрированной семье." in body
    family_link = reverse("applications:family_create") + f"?iin={iin}"
    assert family_link in body


def test_another_okrugs_akim_and_the_local_commission_do_not_see_that_citizen(
    client, akim, other_akim, local_member
):
    person = registered_by(akim, start=910)
    for user in (other_akim, local_member):
        login(client, user)
        assert client.get(person.get_absolute_url()).status_code == 404


def test_akims_colleague_of_the_same_okrug_sees_the_citizen(client, akim, okrug):
    colleague = make_user("akim2", "akim_office", okrug)
    person = registered_by(akim, start=920)
    login(client, colleague)
    assert client.get(person.get_absolute_url()).status_code == 200


def test_a_citizen_without_a_family_registered_by_the_caseworker_is_not_the_akims(
    client, akim, caseworker
):
    person = registered_by(caseworker, start=930)
    login(client, akim)
    assert client.get(person.get_absolute_url()).status_code == 404


def test_akim_makes_the_family_in_its_okrug_then_the_application(client, akim, okrug, category):
    person = registered_by(akim, start=940)
    login(client, akim)
    response = client.post(
        reverse("applications:family_create"),
        {
            "applicant_iin": person.iin,
            "okrug": okrug.pk,
            "address": "с. Жанакорган, ул. Абая, 3",
            "housing": "house",
            "housing_cost": "0",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
            "incomes-TOTAL_FORMS": "0",
            "incomes-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    family = Family.objects.get(applicant=person)
    assert family.okrug == okrug
    assert f"Семья {family.reg_number} зарегистрирована." in response.content.decode()
    # the citizen is now seen through the family, still on their page
    assert client.get(person.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("applications:application_create"),
        {
            "family_reg_number": family.reg_number,
            "category": category().pk,
            "channel": "akim",
            "situation": "Низкий доход.",
        },
        follow=True,
    )
    application = family.applications.get()
    assert application.channel == "akim" and application.okrug == okrug
    assert f"Заявление № {application.number} зарегистрировано." in response.content.decode()


def test_akim_cannot_put_its_citizen_in_another_okrugs_family(client, akim, other_okrug):
    person = registered_by(akim, start=950)
    login(client, akim)
    response = client.post(
        reverse("applications:family_create"),
        {
            "applicant_iin": person.iin,
            "okrug": other_okrug.pk,
            "address": "с. Шалкия",
            "housing": "house",
            "housing_cost": "0",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
            "incomes-TOTAL_FORMS": "0",
            "incomes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert not Family.objects.filter(applicant=person).exists()


def test_the_citizen_in_another_okrugs_family_is_hidden_from_the_akim_who_registered_them(
    client, akim, other_akim, other_okrug
):
    person = registered_by(akim, start=960)
    family = intake.family_create(applicant=person, okrug=other_okrug, address="с. Шалкия")
    login(client, akim)
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(family.get_absolute_url()).status_code == 404
    login(client, other_akim)
    assert client.get(person.get_absolute_url()).status_code == 200


def test_scope_persons_for_an_akim(akim, other_akim, caseworker, family_factory, other_okrug):
    mine = registered_by(akim, start=970, surname="Мой")
    theirs = registered_by(other_akim, start=980, surname="Чужой")
    nobodys = registered_by(caseworker, start=990, surname="Ничей")
    own_family = family_factory(size=2)
    other_family = family_factory(size=2, okrug_obj=other_okrug)
    seen = set(access.scope_persons(Person.objects.all(), user=akim))
    assert mine in seen and own_family.applicant in seen
    assert set(own_family.members.values_list("person", flat=True)) <= {p.pk for p in seen}
    assert theirs not in seen and nobodys not in seen
    assert other_family.applicant not in seen
    everyone = set(access.scope_persons(Person.objects.all(), user=caseworker))
    assert {mine, theirs, nobodys} <= everyone


def test_search_by_iin_of_a_citizen_of_no_family_opens_their_page(client, akim, other_akim):
    person = registered_by(akim, start=995)
    login(client, akim)
    response = client.get(reverse("applications:search"), {"q": person.iin})
    assert response["Location"] == person.get_absolute_url()
    login(client, other_akim)
    response = client.get(reverse("applications:search"), {"q": person.iin})
    assert response["Location"].startswith(reverse("applications:application_list"))
