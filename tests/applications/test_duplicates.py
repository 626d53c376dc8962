"""Duplicates caught at intake (issue 20, item 4): an applicant heading a second family, a second
undecided application of a family in a category, a second low-income aid in a year (p7.4), and
the same intake form posted twice. Each is refused with a link to what exists, the input kept."""

import datetime
import re
import threading
import time
import uuid
from decimal import Decimal

import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone, translation

from applications.cases.exceptions import (
    AidGrantedThisYear,
    AlreadySubmitted,
    ApplicantHeadsAnotherFamily,
    UndecidedApplicationExists,
)
from applications.cases.models import Application, Decision, Family
from applications.cases.services import intake
from applications.reference.models import Category
from tests.conftest import login

from .wf_support import at

D = datetime.date
LOW_INCOME = "hardship-low-income"  # p7.4: once a year per family
FIRE = "hardship-disaster-fire"


def decided(application, *, outcome=Decision.Outcome.GRANTED, on: datetime.date, actor):
    """The authorized body's decision on the application (p24), as the workflow leaves it."""
    granted = outcome == Decision.Outcome.GRANTED
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.NOTIFIED if granted else Application.Status.REFUSED
    )
    Decision.objects.create(
        application=application,
        outcome=outcome,
        ground="" if granted else Decision.Ground.INCOME_ABOVE_THRESHOLD,
        amount=Decimal("39320") if granted else None,
        mrp_value=Decimal("3932"),
        decided_on=on,
        decided_by=actor,
        notice_due=on + datetime.timedelta(days=3),
    )


def register(family, category, actor, on: datetime.date, **kw):
    return intake.application_register(
        family=family, category=category(LOW_INCOME), actor=actor, registered_at=at(on), **kw
    )


class TestApplicantHeadsOneFamily:
    def test_a_citizen_heading_a_family_is_refused_as_the_head_of_another(
        self, family_factory, okrug
    ):
        first = family_factory(size=2)
        with pytest.raises(ApplicantHeadsAnotherFamily) as refused:
            intake.family_create(applicant=first.applicant, okrug=okrug, address="ул. Абая, 2")
        assert refused.value.existing == first
        assert f"уже является заявителем семьи № {first.reg_number}" in str(refused.value)
        assert Family.objects.filter(applicant=first.applicant).count() == 1

    def test_a_member_of_another_family_may_head_a_family_of_their_own(self, family_factory, okrug):
        parents = family_factory(size=2)
        daughter = parents.members.exclude(relation="applicant").get().person
        own = intake.family_create(applicant=daughter, okrug=okrug, address="ул. Абая, 3")
        assert own.applicant == daughter and own.reg_number != parents.reg_number


class TestOneUndecidedApplicationPerCategory:
    def test_a_second_undecided_application_of_the_category_is_refused(
        self, family_factory, category, caseworker
    ):
        family = family_factory(size=2)
        first = register(family, category, caseworker, D(2025, 3, 3))
        with pytest.raises(UndecidedApplicationExists) as refused:
            register(family, category, caseworker, D(2025, 3, 4))
        assert refused.value.existing == first
        assert f"уже есть заявление № {first.number}" in str(refused.value)
        assert "(зарегистрировано)" in str(refused.value)
        assert family.applications.count() == 1

    def test_another_category_or_another_family_is_registered(
        self, family_factory, category, caseworker
    ):
        family = family_factory(size=2)
        register(family, category, caseworker, D(2025, 3, 3))
        fire = intake.application_register(
            family=family,
            category=category(FIRE),
            actor=caseworker,
            event_date=D(2025, 3, 1),
            registered_at=at(D(2025, 3, 4)),
        )
        neighbours = register(family_factory(size=2), category, caseworker, D(2025, 3, 4))
        assert fire.status == neighbours.status == Application.Status.REGISTERED

    def test_two_students_of_a_family_have_an_education_case_each(
        self, family_factory, category, caseworker
    ):
        """Education cases are the student's (p8): the family rule is for hardship only."""
        family = family_factory(size=3)
        cases = [
            intake.application_register(
                family=family,
                category=category("education-disabled-children"),
                actor=caseworker,
                kind=Application.Kind.EDUCATION,
                registered_at=at(D(2025, 8, 4)),
            )
            for _student in range(2)
        ]
        assert [c.status for c in cases] == ["registered", "registered"]

    def test_after_a_refusal_the_family_may_apply_again(self, family_factory, category, caseworker):
        family = family_factory(size=2)
        first = register(family, category, caseworker, D(2025, 3, 3))
        decided(first, outcome=Decision.Outcome.REFUSED, on=D(2025, 3, 12), actor=caseworker)
        again = register(family, category, caseworker, D(2025, 4, 1))
        assert family.applications.count() == 2 and again.status == "registered"


class TestLowIncomeOnceAYear:
    def test_p7_4_granted_this_year_refuses_a_second_application(
        self, family_factory, category, caseworker
    ):
        family = family_factory(size=2)
        first = register(family, category, caseworker, D(2025, 3, 3))
        decided(first, on=D(2025, 3, 12), actor=caseworker)
        with pytest.raises(AidGrantedThisYear) as refused:
            register(family, category, caseworker, D(2025, 11, 20))
        assert refused.value.existing == first
        assert (
            f"уже оказана помощь «Семьи со среднедушевым доходом ниже прожиточного минимума по "
            f"области (на бытовые нужды)» в 2025 году (заявление № {first.number})"
        ) in str(refused.value)
        assert family.applications.count() == 1

    def test_p7_4_granted_last_year_or_refused_this_year_does_not(
        self, family_factory, category, caseworker
    ):
        family = family_factory(size=2)
        last_year = register(family, category, caseworker, D(2024, 11, 4))
        decided(last_year, on=D(2024, 11, 14), actor=caseworker)
        refused = register(family, category, caseworker, D(2025, 1, 13))
        decided(refused, outcome=Decision.Outcome.REFUSED, on=D(2025, 1, 22), actor=caseworker)
        assert register(family, category, caseworker, D(2025, 2, 3)).status == "registered"

    def test_a_category_paid_otherwise_is_not_once_a_year(
        self, family_factory, category, caseworker
    ):
        family = family_factory(size=2)
        fire = dict(category=category(FIRE), actor=caseworker, event_date=D(2025, 3, 1))
        first = intake.application_register(family=family, registered_at=at(D(2025, 3, 3)), **fire)
        decided(first, on=D(2025, 3, 12), actor=caseworker)
        again = intake.application_register(family=family, registered_at=at(D(2025, 4, 1)), **fire)
        assert again.status == "registered"


class TestTheSameFormPostedTwice:
    def test_the_second_post_finds_the_first_application(
        self, family_factory, category, caseworker
    ):
        family = family_factory(size=2)
        token = uuid.uuid4()
        first = register(family, category, caseworker, D(2025, 3, 3), intake_token=token)
        with pytest.raises(AlreadySubmitted) as again:
            register(family, category, caseworker, D(2025, 3, 3), intake_token=token)
        assert again.value.existing == first
        assert str(again.value) == (
            f"Эта форма уже отправлена: заявление № {first.number} зарегистрировано, второе не "
            "создано."
        )
        assert Application.objects.count() == 1

    @pytest.mark.django_db(transaction=True)
    @pytest.mark.parametrize("same_form", [True, False])
    def test_two_posts_at_the_same_moment_make_one_application(
        self, family_factory, category, caseworker, same_form
    ):
        """Two posts of the same form (a double click), or two forms for the same family and
        category, at once: the family's row lock (PostgreSQL) or SQLite's table lock makes the
        second wait and see the first; the form's token is unique in the database besides."""
        family = family_factory(size=2)
        low_income = category(LOW_INCOME)
        token = uuid.uuid4()
        barrier = threading.Barrier(2)
        results = []

        def post():
            barrier.wait()
            try:
                # SQLite's shared-cache test database refuses a locked table at once, where the
                # user would be asked to try again (zhanakorgan_aid/busy.py): so does the thread.
                for _attempt in range(200):
                    try:
                        intake.application_register(
                            family=family,
                            category=low_income,
                            actor=caseworker,
                            intake_token=token if same_form else uuid.uuid4(),
                        )
                        results.append("ok")
                        return
                    except OperationalError:
                        time.sleep(0.02)
                results.append("gave up on a locked database")
            except (AlreadySubmitted, UndecidedApplicationExists) as error:
                results.append(type(error))
            finally:
                connection.close()

        threads = [threading.Thread(target=post) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        expected = AlreadySubmitted if same_form else UndecidedApplicationExists
        assert sorted(results, key=str) == sorted(["ok", expected], key=str)
        assert Application.objects.filter(family=family).count() == 1


# --- the pages ------------------------------------------------------------------------------


def family_post(family_applicant_iin: str, okrug, address="с. Жанакорган, ул. Абая, 7") -> dict:
    data = {
        "applicant_iin": family_applicant_iin,
        "okrug": okrug.pk,
        "address": address,
        "housing": "house",
        "housing_cost": "12000",
    }
    for prefix in ("members", "incomes"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


def application_post(family, token="", situation="Нужда после болезни кормильца") -> dict:
    return {
        "family_reg_number": family.reg_number,
        "category": Category.objects.get(code=LOW_INCOME).pk,
        "channel": "authority",
        "situation": situation,
        "intake_token": token,
    }


def duplicate_link(html: str) -> tuple[str, str]:
    """The link beside the refusal: its address and its text."""
    href, text = re.search(r'<a href="([^"]+)" id="duplicate-link">([^<]+)</a>', html).groups()
    return href, text


@pytest.mark.parametrize(
    "lang, words",
    [
        ("ru", ("уже является заявителем семьи", "Открыть семью №")),
        ("kk", ("отбасының өтініш берушісі болып табылады", "отбасын ашу")),
    ],
)
def test_family_page_links_the_family_the_applicant_heads_and_keeps_the_input(
    client, caseworker, family_factory, okrug, lang, words
):
    family = family_factory(size=2)
    login(client, caseworker)
    client.post(reverse("set_language"), {"language": lang, "next": "/"})
    data = family_post(family.applicant.iin, okrug, address="с. Жанакорган, ул. Новая, 15")
    response = client.post(reverse("applications:family_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert words[0] in html
    href, text = duplicate_link(html)
    assert href == family.get_absolute_url() and family.reg_number in text and words[1] in text
    assert 'value="с. Жанакорган, ул. Новая, 15"' in html
    assert Family.objects.count() == 1


@pytest.mark.parametrize(
    "lang, words",
    [
        ("ru", ("решение по нему не принято (зарегистрировано)", "Открыть заявление №")),
        ("kk", ("шешім әлі қабылданбаған (тіркелді)", "өтінішті ашу")),
    ],
)
def test_application_page_links_the_undecided_application_and_keeps_the_input(
    client, caseworker, application_factory, lang, words
):
    first = application_factory(size=2)
    login(client, caseworker)
    client.post(reverse("set_language"), {"language": lang, "next": "/"})
    data = application_post(first.family, token=str(uuid.uuid4()), situation="Второй раз")
    response = client.post(reverse("applications:application_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert words[0] in html
    href, text = duplicate_link(html)
    assert href == first.get_absolute_url() and first.number in text and words[1] in text
    assert ">\nВторой раз</textarea>" in html
    assert f'value="{data["intake_token"]}"' in html  # the same form, posted again, is one
    assert Application.objects.count() == 1


def test_application_page_links_the_aid_granted_this_year(client, caseworker, application_factory):
    first = application_factory(size=2)
    decided(first, on=timezone.localdate(), actor=caseworker)
    login(client, caseworker)
    response = client.post(
        reverse("applications:application_create"), application_post(first.family)
    )
    html = response.content.decode()
    assert "один раз в год (п. 7, подпункт 4)" in html
    assert duplicate_link(html)[0] == first.get_absolute_url()


def test_the_form_posted_twice_registers_one_and_leads_to_it(client, caseworker, family_factory):
    family = family_factory(size=2)
    login(client, caseworker)
    form = client.get(reverse("applications:application_create")).content.decode()
    token = re.search(r'name="intake_token" value="([0-9a-f-]{36})"', form).group(1)
    data = application_post(family, token=token)
    first = client.post(reverse("applications:application_create"), data)
    application = Application.objects.get()
    assert first["Location"] == application.get_absolute_url()
    with translation.override("ru"):
        again = client.post(reverse("applications:application_create"), data, follow=True)
    assert again.redirect_chain[-1][0] == application.get_absolute_url()
    assert (
        f"Эта форма уже отправлена: заявление № {application.number} зарегистрировано, второе "
        "не создано." in again.content.decode()
    )
    assert Application.objects.count() == 1
    fresh = client.get(reverse("applications:application_create")).content.decode()
    assert token not in fresh  # a new form, a new token
