"""Every change is on record (who, when, old → new) and the application page shows it; views
and downloads of personal data are logged (issue 7, item 3)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.cases.history import application_change_history
from applications.cases.models import Application, Family, FamilyMember, Income, Person
from applications.reference.models import MRP, Category
from applications.reference.testdata import iin_sequence, make_kz_iban
from commissions.models import LocalConclusion, SpecialConclusion
from tests.conftest import login
from zhanakorgan_aid.audit import history_written, update_with_history
from zhanakorgan_aid.models import PersonalDataAccess


def history_page(client, application) -> str:
    response = client.get(reverse("workflow:application_detail", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_person_registered_on_the_page_is_recorded_with_its_author(client, caseworker):
    login(client, caseworker)
    iin = next(iin_sequence(datetime.date(1979, 6, 1), "F"))
    client.post(
        reverse("applications:person_create"),
        {
            "iin": iin,
            "surname": "Жумабаева",
            "name": "Сауле",
            "iban": make_kz_iban("722", 9),
        },
    )
    record = Person.history.get(iin=iin)
    assert record.history_type == "+" and record.history_user == caseworker


def test_family_members_and_incomes_are_recorded_with_their_author(
    client, caseworker, okrug, person_factory
):
    head = person_factory()
    login(client, caseworker)
    client.post(
        reverse("applications:family_create"),
        {
            "applicant_iin": head.iin,
            "okrug": okrug.pk,
            "address": "ул. Абая, 5",
            "housing": "house",
            "housing_cost": "12000",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
            "incomes-TOTAL_FORMS": "1",
            "incomes-INITIAL_FORMS": "0",
            "incomes-0-iin": head.iin,
            "incomes-0-kind": "wages",
            "incomes-0-year": "2024",
            "incomes-0-quarter": "1",
            "incomes-0-amount": "240000",
        },
    )
    family = Family.objects.get(applicant=head)
    assert family.history.get().history_user == caseworker
    assert FamilyMember.history.get(family_id=family.pk).history_user == caseworker
    member_ids = family.members.values_list("id", flat=True)
    assert Income.history.get(member_id__in=list(member_ids)).history_user == caseworker


def test_application_registered_on_the_page_is_recorded(client, akim, family_factory, category):
    family = family_factory()
    login(client, akim)
    client.post(
        reverse("applications:application_create"),
        {
            "family_reg_number": family.reg_number,
            "category": category().pk,
            "channel": "akim",
            "situation": "малообеспеченная семья",
        },
    )
    application = Application.objects.get(family=family)
    assert application.history.get().history_user == akim


def test_application_page_shows_old_and_new_income(client, caseworker, case):
    income = Income.objects.get(member__family=case.family)
    income.amount = Decimal("350000")
    income._history_user = caseworker
    income.save()
    login(client, caseworker)
    body = history_page(client, case)
    assert "Журнал изменений" in body
    assert "сумма за квартал, ₸" in body
    assert "300\u00a0000,00\u00a0₸ → 350\u00a0000,00\u00a0₸" in body


def test_application_page_shows_a_changed_family_member_and_person(client, caseworker, case):
    member = case.family.members.exclude(relation="applicant").first()
    member.occupation, member._history_user = "колледж", caseworker
    member.save()
    person = member.person
    person.phone, person._history_user = "+7 701 000 00 00", caseworker
    person.save()
    login(client, caseworker)
    body = history_page(client, case)
    assert "занятость (место работы, учёбы)</strong>: — → колледж" in body
    assert "телефон</strong>: — → +7 701 000 00 00" in body


def test_application_page_shows_status_and_conclusions(
    client, caseworker, local_member, special_member, case
):
    case.status, case._history_user = Application.Status.AT_LOCAL_COMMISSION, caseworker
    case.save()
    conclusion = LocalConclusion(
        application=case,
        number="17",
        concluded_on=datetime.date(2024, 4, 3),
        need=True,
        recorded_by=local_member,
    )
    conclusion._history_user = local_member
    conclusion.save()
    conclusion.need, conclusion._history_user = False, local_member
    conclusion.save()
    special = SpecialConclusion(
        application=case,
        concluded_on=datetime.date(2024, 4, 8),
        need=True,
        amount=Decimal("36920.00"),
        mrp_value=Decimal("3692.00"),
        recorded_by=special_member,
    )
    special._history_user = special_member
    special.save()
    login(client, caseworker)
    body = history_page(client, case)
    assert "зарегистрировано → в участковой комиссии" in body
    assert "нуждается в социальной помощи</strong>: да → нет" in body
    assert "Заключение участковой комиссии № 17" in body
    assert "Заключение специальной комиссии" in body
    entries = application_change_history(application=case, user=caseworker)
    assert {e.user for e in entries} >= {caseworker, local_member, special_member}


def test_history_masks_iin_for_roles_that_do_not_need_it(caseworker, local_member, case):
    person = case.applicant
    old_iin = person.iin
    person.iin = next(iin_sequence(datetime.date(1985, 3, 16), "M"))
    person.save()
    shown = [
        c
        for e in application_change_history(application=case, user=local_member)
        for c in e.changes
    ]
    assert f"{old_iin[:4]}******{old_iin[-2:]}" in [c.old for c in shown]
    assert old_iin not in [c.old for c in shown]
    whole = [
        c for e in application_change_history(application=case, user=caseworker) for c in e.changes
    ]
    assert old_iin in [c.old for c in whole]


def history_table_reads(queries) -> list[str]:
    """Reads of history tables (the change log being built)."""
    return [q["sql"] for q in queries if "historical" in q["sql"]]


def test_change_log_is_kept_until_a_change_and_rebuilt_with_it(client, caseworker, case):
    login(client, caseworker)
    history_page(client, case)
    with CaptureQueriesContext(connection) as again:
        history_page(client, case)
    assert history_table_reads(again) == []  # nothing changed: the kept log is shown
    member = case.family.members.exclude(relation="applicant").first()
    person = member.person
    person.phone, person._history_user = "+7 702 111 22 33", caseworker
    person.save()  # a member's personal data: two steps away from the application
    with CaptureQueriesContext(connection) as changed:
        body = history_page(client, case)
    assert history_table_reads(changed)
    assert "телефон</strong>: — → +7 702 111 22 33" in body
    income = Income.objects.get(member__family=case.family)
    income.amount, income._history_user = Decimal("360000"), caseworker
    income.save()
    body = history_page(client, case)
    assert "300\u00a0000,00\u00a0₸ → 360\u00a0000,00\u00a0₸" in body


def test_kept_change_log_is_rebuilt_after_a_change_written_in_bulk(client, caseworker, case):
    """A change written in bulk with its history rows (a recount of terms, a payment list
    marked paid) shows on the next view, like a single save."""
    login(client, caseworker)
    history_page(client, case)
    update_with_history(Application.objects.filter(pk=case.pk), situation="Пожар 3 декабря")
    with CaptureQueriesContext(connection) as changed:
        body = history_page(client, case)
    assert history_table_reads(changed)
    assert "Пожар 3 декабря" in body.split('id="change-history"')[1]


def test_a_bulk_write_of_more_persons_than_a_statement_takes_renews_their_logs(
    client, caseworker, case
):
    """A memorial list confirmed in bulk registers tens of thousands of persons at once (p5, p15):
    the change logs that show any of them are rebuilt, however many they are (PostgreSQL takes
    at most 65 535 parameters in a statement, and each person is looked for twice)."""
    login(client, caseworker)
    history_page(client, case)
    strangers = [Person(pk=pk) for pk in range(10**8, 10**8 + 40_000)]
    history_written.send(sender=Person, instances=[*strangers, case.applicant])
    with CaptureQueriesContext(connection) as changed:
        history_page(client, case)
    assert history_table_reads(changed)


def test_kept_change_log_still_masks_iin_for_the_local_commission(
    client, caseworker, local_member, case
):
    person = case.applicant
    old_iin = person.iin
    person.iin, person._history_user = (
        next(iin_sequence(datetime.date(1985, 3, 16), "M")),
        caseworker,
    )
    person.save()
    login(client, caseworker)
    assert old_iin in history_page(client, case)  # the caseworker's copy has whole numbers
    client.logout()
    login(client, local_member)
    body = history_page(client, case)
    assert f"{old_iin[:4]}******{old_iin[-2:]}" in body
    assert old_iin not in body


def test_application_page_queries_do_not_grow_with_family_or_history(
    client, caseworker, case, person_factory
):
    from django.core.cache import cache

    login(client, caseworker)

    def count() -> int:
        cache.clear()  # the change log built afresh each time
        with CaptureQueriesContext(connection) as queries:
            history_page(client, case)
        return len(queries)

    history_page(client, case)  # the roles once
    before = count()
    income = Income.objects.get(member__family=case.family)
    for amount in ("310000", "320000"):
        income.amount = Decimal(amount)
        income.save()
    for _ in range(3):
        FamilyMember.objects.create(family=case.family, person=person_factory(), relation="son")
    assert count() == before


def test_history_query_count_does_not_grow_with_changes(caseworker, case):
    income = Income.objects.get(member__family=case.family)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            application_change_history(application=case, user=caseworker)
        return len(queries)

    count()  # the user's roles are read once per request
    before = count()
    for amount in ("310000", "320000", "330000"):
        income.amount = Decimal(amount)
        income.save()
    assert count() == before


def test_mrp_changed_in_the_admin_is_recorded_with_old_and_new_value(client, administrator):
    """Reference data come from a fixture (raw rows, no history); each later change is kept."""
    mrp = MRP.objects.get(effective_from=datetime.date(2024, 1, 1))
    login(client, administrator)
    url = reverse("admin:reference_mrp_change", args=[mrp.pk])
    for value in ("3700.00", "3692.00"):
        response = client.post(url, {"effective_from": "2024-01-01", "value": value, "note": ""})
        assert response.status_code == 302
    new, old = MRP.history.filter(id=mrp.pk).order_by("-history_date", "-history_id")[:2]
    assert new.history_user == old.history_user == administrator
    value = next(c for c in new.diff_against(old).changes if c.field == "value")
    assert (value.old, value.new) == (Decimal("3700.00"), Decimal("3692.00"))


def test_category_change_is_recorded(administrator, category):
    cat = category()
    old_name = cat.name_ru
    for name in ("Малообеспеченные семьи (изм.)", old_name):
        cat.name_ru, cat._history_user = name, administrator
        cat.save()
    new, old = Category.history.filter(id=cat.pk).order_by("-history_date", "-history_id")[:2]
    assert new.history_user == administrator
    assert [(c.old, c.new) for c in new.diff_against(old).changes] == [
        ("Малообеспеченные семьи (изм.)", old_name)
    ]


def test_viewing_a_person_page_is_logged(client, caseworker, case):
    login(client, caseworker)
    client.get(reverse("applications:person_detail", args=[case.applicant_id]))
    entry = PersonalDataAccess.objects.get()
    assert entry.user == caseworker and entry.action == "view"
    assert entry.object_repr == case.applicant.full_name
    assert entry.path == f"/persons/{case.applicant_id}/"


def test_downloading_a_document_is_logged(client, local_member, document):
    login(client, local_member)
    response = client.get(
        reverse("applications:document_download", args=[document.application_id, document.pk])
    )
    assert response.status_code == 200
    entry = PersonalDataAccess.objects.get()
    assert (entry.user, entry.action, entry.object_id) == (
        local_member,
        "download",
        str(document.pk),
    )


def test_refused_download_is_not_logged_as_a_download(client, other_local_member, document):
    login(client, other_local_member)
    response = client.get(
        reverse("applications:document_download", args=[document.application_id, document.pk])
    )
    assert response.status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_access_log_is_read_only_in_the_admin(client, administrator, caseworker, case):
    login(client, caseworker)
    client.get(reverse("applications:person_detail", args=[case.applicant_id]))
    entry = PersonalDataAccess.objects.get()
    login(client, administrator)
    assert (
        client.get(reverse("admin:zhanakorgan_aid_personaldataaccess_changelist")).status_code
        == 200
    )
    response = client.post(
        reverse("admin:zhanakorgan_aid_personaldataaccess_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert PersonalDataAccess.objects.filter(pk=entry.pk).exists()


def test_printing_a_commission_form_is_logged(client, caseworker, case):
    """The family-composition form (annex 3) holds names, IINs and birth dates: a draft
    printed from the page is logged with who and which application."""
    login(client, caseworker)
    response = client.get(reverse("commissions:document", args=[case.pk, "family", "ru"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    entry = PersonalDataAccess.objects.get()
    assert (entry.user, entry.action, entry.object_id) == (caseworker, "print", str(case.pk))


def test_row_links_are_the_reversed_urls(case):
    for name, obj in (
        ("workflow:application_detail", case),
        ("applications:family_detail", case.family),
        ("applications:person_detail", case.applicant),
    ):
        assert obj.get_absolute_url() == reverse(name, args=[obj.pk])
    assert reverse("workflow:application_detail", args=[7]) == "/applications/7/"


def test_links_on_a_page_carry_the_script_prefix(client, caseworker, case):
    """Behind a proxy that mounts the site under a path, every link of a page carries it: the
    menu, the step buttons and the printed documents of the application page."""
    from django.urls import get_script_prefix, set_script_prefix

    login(client, caseworker)
    before = get_script_prefix()
    set_script_prefix("/aid/")  # what the WSGI handler does with the proxy's SCRIPT_NAME
    try:
        page = client.get(f"/applications/{case.pk}/").content.decode()
    finally:
        set_script_prefix(before)
    assert 'href="/aid/applications/"' in page  # the menu
    assert f'action="/aid/applications/{case.pk}/step/send_to_local/"' in page
    assert f'href="/aid/applications/{case.pk}/documents/family/kk/"' in page
    assert 'href="/applications/' not in page


@pytest.mark.postgresql
def test_application_page_statements_are_kept_prepared_on_the_connection(client, caseworker, case):
    """After a few views of the page its statements (the gate joining seven tables, the moves)
    are prepared on the connection: PostgreSQL stops planning them."""
    from django.conf import settings

    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
    login(client, caseworker)
    for _ in range(threshold + 1):
        history_page(client, case)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"applications_applicationtransition"' in sql for sql in prepared)
    assert any('FROM "applications_application"' in sql for sql in prepared)
