"""The local commission's page: annex 1 filled in from the records, annex 2 beside it, the
refusal of the survey (p19, p26(2))."""

import datetime
from decimal import Decimal

from django.urls import reverse

from applications.cases.models import Application, ApplicationTransition
from applications.workflow.services.steps import proposed_ground
from commissions.models import IssuedDocument, LocalConclusion, SurveyAct
from tests.conftest import login

from .conftest import DAY


def act_post(application, **overrides):
    """What a member sends after reading the pre-filled form: the table as the records have it."""
    members = list(application.family.members.order_by("id"))
    data = {
        "action": "act",
        "surveyed_on": "2026-03-10",
        "place": "с. Жанакорган",
        "address": application.family.address,
        "hardship": "Потеря работы кормильцем",
        "able_bodied_count": "2",
        "unemployed_count": "1",
        "paid_students_count": "0",
        "tuition_yearly": "0",
        "veterans_count": "0",
        "pensioners_count": "0",
        "over_80_count": "0",
        "socially_significant_count": "0",
        "disabled_count": "0",
        "disabled_children_count": "0",
        "housing": "rented",
        "housing_cost": "35000",
        "livestock": "2 овцы",
        "vehicles": "ВАЗ-2107, 1995 г.",
        "sanitary_conditions": "удовл.",
        "chair_name": "Бекова А.",
        "member_names": "Сапаров Н.\nЖұмабаева Г.",
        "acknowledged": "on",
        "rows-TOTAL_FORMS": str(len(members)),
        "rows-INITIAL_FORMS": str(len(members)),
        "need": "yes",
        "number": "17",
        "concluded_on": "2026-03-10",
        "documents_count": "4",
        "received_by": "Сейтқали А., специалист",
    }
    for i, member in enumerate(members):
        data[f"rows-{i}-person"] = str(member.person_id)
        data[f"rows-{i}-occupation"] = "безработный" if i == 0 else member.occupation
    data.update(overrides)
    return data


def test_act_form_is_filled_in_from_the_family_records(
    client, at_local, local_member, kazakh_family
):
    application = at_local(family=kazakh_family)
    login(client, local_member)
    body = client.get(reverse("workflow:survey", args=[application.pk])).content.decode()
    assert "Үсенова Ұлжан" in body and "ЖШС «Нұр», аспаз" in body  # the employment table
    assert 'value="Жаңақорған ауылы, Абай көшесі, 12"' in body  # address
    assert 'value="35000.00"' in body  # housing cost
    assert "2 овцы" in body  # livestock
    # 4th quarter of 2025: 255 000 + 60 000 = 315 000 ₸, monthly average 105 000 ₸.
    assert "315\u00a0000,00\u00a0₸" in body and "105\u00a0000,00\u00a0₸" in body
    assert "Local" in body  # the chair from the commission's seats


def test_member_records_act_and_conclusion_and_the_application_moves_on(
    client, at_local, local_member, kazakh_family
):
    application = at_local(family=kazakh_family)
    login(client, local_member)
    response = client.post(
        reverse("workflow:survey", args=[application.pk]), act_post(application), follow=True
    )
    assert "Акт обследования и заключение участковой комиссии № 17 составлены" in (
        response.content.decode()
    )
    act = SurveyAct.objects.get(application=application)
    assert act.rows.count() == 3 and act.rows.first().occupation == "безработный"
    assert (act.income_year, act.income_quarter) == (2025, 4)
    assert act.income_total == Decimal("315000.00") and act.income_monthly == Decimal("105000.00")
    assert act.vehicles == "ВАЗ-2107, 1995 г." and act.member_name_list == [
        "Сапаров Н.",
        "Жұмабаева Г.",
    ]
    conclusion = LocalConclusion.objects.get(application=application)
    assert conclusion.need and conclusion.number == "17" and conclusion.documents_count == 4
    application.refresh_from_db()
    assert application.status == Application.Status.AT_AUTHORITY
    step = ApplicationTransition.objects.filter(application=application).last()
    assert step.actor == local_member and step.to_status == Application.Status.AT_AUTHORITY
    kinds = set(IssuedDocument.objects.filter(application=application).values_list("kind", "lang"))
    assert kinds == {
        (k, lang) for k in ("act", "local_conclusion", "family") for lang in ("ru", "kk")
    }


def test_bad_input_keeps_what_was_typed_and_records_nothing(client, at_local, local_member):
    application = at_local()
    login(client, local_member)
    response = client.post(
        reverse("workflow:survey", args=[application.pk]),
        act_post(
            application,
            surveyed_on="2026-03-12",
            housing_cost="-5",
            documents_count="много",
            vehicles="Нива 2010",
            number="",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Дата обследования не может быть позже сегодняшнего дня." in body
    assert "Сумма не может быть отрицательной." in body
    assert "Введите целое число." in body
    assert "Обязательное поле." in body
    assert "Нива 2010" in body and 'value="-5"' in body and 'value="много"' in body
    assert not SurveyAct.objects.filter(application=application).exists()


def test_act_date_before_registration_is_refused(client, at_local, local_member):
    application = at_local()
    login(client, local_member)
    body = client.post(
        reverse("workflow:survey", args=[application.pk]),
        act_post(application, surveyed_on="2026-03-01"),
    ).content.decode()
    assert "Дата обследования не может быть раньше регистрации заявления (10.03.2026)." in body


def test_refusal_of_the_survey_leads_to_a_refusal_under_p26_2(client, at_local, local_member):
    application = at_local()
    login(client, local_member)
    response = client.post(
        reverse("workflow:survey", args=[application.pk]),
        {
            "action": "refusal",
            "refused_on": "2026-03-10",
            "signed_by": "Ахметов Айдар",
        },
        follow=True,
    )
    assert "Отказ заявителя от обследования зафиксирован" in response.content.decode()
    act = SurveyAct.objects.get(application=application)
    assert act.refused and act.refused_on == DAY and act.refused_signed_by == "Ахметов Айдар"
    assert not LocalConclusion.objects.filter(application=application).exists()
    application.refresh_from_db()
    assert application.status == Application.Status.AT_AUTHORITY
    assert proposed_ground(application) == "survey_refused"
    assert IssuedDocument.objects.filter(application=application, kind="act").count() == 2


def test_refusal_needs_who_signed_it(client, at_local, local_member):
    application = at_local()
    login(client, local_member)
    body = client.post(
        reverse("workflow:survey", args=[application.pk]),
        {
            "action": "refusal",
            "refused_on": "2026-03-10",
            "signed_by": "",
        },
    ).content.decode()
    assert "Обязательное поле." in body
    assert not SurveyAct.objects.filter(application=application).exists()


def test_second_act_is_refused(client, at_local, local_member):
    application = at_local()
    login(client, local_member)
    client.post(
        reverse("workflow:survey", args=[application.pk]),
        {"action": "refusal", "refused_on": "2026-03-10", "signed_by": "Ахметов Айдар"},
    )
    body = client.get(reverse("workflow:survey", args=[application.pk])).content.decode()
    assert "Заявитель отказался от обследования 10.03.2026" in body
    assert 'name="action" value="act"' not in body


def test_application_not_yet_sent_shows_no_form(client, application_factory, local_member):
    application = application_factory()
    login(client, local_member)
    body = client.get(reverse("workflow:survey", args=[application.pk])).content.decode()
    assert "Заявление не находится в участковой комиссии" in body
    assert datetime.date.today() == DAY


def test_survey_page_queries_do_not_grow_with_the_family(client, at_local, local_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, large = at_local(size=2), at_local(size=6, surname="Серікбаев")
    login(client, local_member)
    counts = []
    for application in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("workflow:survey", args=[application.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_signatures_take_names_with_initials_and_refuse_markup_or_formulas(
    client, at_local, local_member
):
    """The names signed under the act and the refusal: initials with their dots are names;
    markup, digits or a formula are not (issue 21: names everywhere a name is entered)."""
    application = at_local()
    login(client, local_member)
    url = reverse("workflow:survey", args=[application.pk])
    body = client.post(
        url,
        act_post(application, chair_name="<b>Бекова</b>", member_names="Сапаров Н.\n=SUM(A1)"),
    ).content.decode()
    message = "Ф.И.О. может содержать только буквы, точки инициалов, дефис, апостроф и пробел."
    assert body.count(message) == 4  # beside the chair and the members, and in the summary
    assert "=SUM(A1)" in body and "&lt;b&gt;Бекова&lt;/b&gt;" in body
    assert not SurveyAct.objects.filter(application=application).exists()

    body = client.post(
        url, {"action": "refusal", "refused_on": "2026-03-10", "signed_by": "Ахметов 1"}
    ).content.decode()
    assert message in body and 'value="Ахметов 1"' in body
    assert not SurveyAct.objects.filter(application=application).exists()

    client.post(
        url,
        act_post(application, chair_name="Бекова А.Ж.", member_names="Сапаров Н. Т.\nO'Brien J."),
    )
    act = SurveyAct.objects.get(application=application)
    assert (act.chair_name, act.member_name_list) == (
        "Бекова А.Ж.",
        ["Сапаров Н. Т.", "O'Brien J."],
    )
