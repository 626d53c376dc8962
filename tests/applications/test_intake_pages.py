import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.cases.models import Application, Family, Income, Person
from applications.cases.services import intake
from applications.reference.testdata import iin_sequence, make_kz_iban
from tests.conftest import listed_numbers, login

FUTURE_IIN = next(iin_sequence(datetime.date(2030, 1, 1), "M"))  # 300101 5… decodes to 2030


def test_caseworker_registers_a_person_by_iin(client, caseworker):
    login(client, caseworker)
    iin = next(iin_sequence(datetime.date(1990, 4, 2), "F"))
    response = client.post(
        reverse("applications:person_create"),
        {
            "iin": iin,
            "surname": "Серикбаева",
            "name": "Айгуль",
            "iban": make_kz_iban("722", 77),
        },
    )
    person = Person.objects.get(iin=iin)
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert person.birth_date == datetime.date(1990, 4, 2) and person.sex == "F"
    assert person.bank.code == "722"


@pytest.mark.parametrize(
    "iin, iban, message",
    [
        ("850315301206", "", "Неверная контрольная цифра ИИН"),
        ("85031530120", "", "ровно из 12 цифр"),
        ("851315301208", "", "существующую дату рождения"),
        (FUTURE_IIN, "", "ещё не наступила"),
        ("850315301205", "KZ87125KZT5004100100", "Неверные контрольные цифры IBAN"),
        ("850315301205", "KZ12345", "IBAN должен иметь вид"),
        ("850315301205", make_kz_iban("111", 5), "Банк с кодом 111 не найден"),
    ],
)
def test_person_form_shows_errors_in_russian_and_keeps_input(
    client, caseworker, iin, iban, message
):
    login(client, caseworker)
    response = client.post(
        reverse("applications:person_create"),
        {
            "iin": iin,
            "surname": "Тестов",
            "name": "Тест",
            "iban": iban,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'value="Тестов"' in body
    assert not Person.objects.filter(surname="Тестов").exists()


def test_person_form_requires_names(client, caseworker):
    login(client, caseworker)
    response = client.post(reverse("applications:person_create"), {"iin": "850315301205"})
    assert "Обязательное поле" in response.content.decode()


def family_post(okrug, head_iin, **overrides):
    child_iin = next(iin_sequence(datetime.date(2012, 5, 5), "M"))
    data = {
        "applicant_iin": head_iin,
        "okrug": okrug.pk,
        "address": "ул. Абая, 5",
        "housing": "house",
        "housing_cost": "12000",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-0-iin": child_iin,
        "members-0-surname": "Ахметов",
        "members-0-name": "Алихан",
        "members-0-relation": "son",
        "members-0-occupation": "школа №5",
        "incomes-TOTAL_FORMS": "1",
        "incomes-INITIAL_FORMS": "0",
        "incomes-0-iin": head_iin,
        "incomes-0-kind": "wages",
        "incomes-0-year": "2024",
        "incomes-0-quarter": "1",
        "incomes-0-amount": "240000",
    }
    data.update(overrides)
    return data


def test_caseworker_creates_family_with_members_and_incomes_on_one_page(
    client, caseworker, okrug, person_factory
):
    head = person_factory()
    login(client, caseworker)
    response = client.post(reverse("applications:family_create"), family_post(okrug, head.iin))
    family = Family.objects.get(applicant=head)
    assert response.status_code == 302
    assert family.members.count() == 2
    assert Income.objects.get(member__family=family).amount == 240000


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"incomes-0-amount": "-5"}, "Доход не может быть отрицательным"),
        ({"members-0-iin": "123"}, "ровно из 12 цифр"),
        ({"members-0-iin": FUTURE_IIN}, "ещё не наступила"),
        ({"address": ""}, "Обязательное поле"),
        ({"applicant_iin": "850315301206"}, "Неверная контрольная цифра"),
        ({"housing_cost": "-1"}, "отрицательными"),
        ({"incomes-0-iin": "771224311104"}, "не указан в составе семьи"),
        ({"members-0-surname": ""}, "укажите фамилию и имя"),
    ],
)
def test_family_form_bad_input(client, caseworker, okrug, person_factory, overrides, message):
    head = person_factory()
    login(client, caseworker)
    response = client.post(
        reverse("applications:family_create"), family_post(okrug, head.iin, **overrides)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "ул. Абая, 5" in body or overrides.get("address") == ""
    assert not Family.objects.filter(applicant=head).exists()


def test_application_registered_for_family(client, caseworker, family_factory, category):
    family = family_factory(size=2)
    login(client, caseworker)
    response = client.post(
        reverse("applications:application_create"),
        {
            "family_reg_number": family.reg_number,
            "category": category().pk,
            "channel": "authority",
            "situation": "Потеря работы",
        },
    )
    application = Application.objects.get(family=family)
    assert response.status_code == 302
    assert application.status == "registered"
    assert application.transitions.get().actor == caseworker


@pytest.mark.parametrize(
    "data, message",
    [
        ({"family_reg_number": "NOPE"}, "не найдена"),
        ({"situation": ""}, "Обязательное поле"),
        ({"event_date": "2999-01-01"}, "не может быть в будущем"),
        ({"event_date": "01.01.2000", "category": "fire"}, "не принимается"),
        ({"event_date": "", "category": "fire"}, "Укажите дату"),
    ],
)
def test_application_form_bad_input(client, caseworker, family_factory, category, data, message):
    family = family_factory(size=1)
    login(client, caseworker)
    post = {
        "family_reg_number": family.reg_number,
        "category": category().pk,
        "channel": "authority",
        "situation": "Пожар дома",
    }
    if data.pop("category", None) == "fire":
        post["category"] = category("hardship-disaster-fire").pk
    post.update(data)
    response = client.post(reverse("applications:application_create"), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_application_page_shows_family_incomes_and_per_capita(
    client, caseworker, application_factory
):
    application = application_factory(
        size=3,
        wages="90000",
        year=2024,
        quarter=2,
        registered_at=datetime.datetime(2024, 8, 1, 10, tzinfo=datetime.UTC),
    )
    login(client, caseworker)
    body = client.get(application.get_absolute_url()).content.decode()
    assert application.applicant.full_name in body
    assert "10\xa0000,00\xa0₸" in body  # 90 000 / 3 / 3
    # the members' table: a row per member, the applicant's with the quarter's wages
    members = body.split("<h2>Состав семьи (3)</h2>")[1].split("</table>")[0]
    applicant = application.applicant
    row = members.split(f"<td>{applicant.full_name}</td>")[1].split("</tr>")[0]
    assert row.startswith(f"<td>{applicant.iin}</td><td>{applicant.birth_date:%d.%m.%Y}</td>")
    assert "2024/2 кв. " in row and "90\xa0000,00\xa0₸<br>" in row
    assert members.count("2024/2 кв. ") == 1
    assert members.count("<tr>") == 4  # the head and three members


def register_in_turn(application_factory, family):
    """Another application of the family, its earlier ones decided and notified first: a family
    has one undecided application of a category at a time (issue 20)."""
    Application.objects.filter(family=family).update(status=Application.Status.NOTIFIED)
    return application_factory(family=family)


def test_application_search_by_iin_name_number_status_okrug(
    client, caseworker, application_factory, other_okrug
):
    a = application_factory(surname="Жумабеков")
    b = application_factory(surname="Оспанов", okrug_obj=other_okrug)
    login(client, caseworker)
    url = reverse("applications:application_list")

    def numbers(**params):
        return listed_numbers(client.get(url, params))

    assert numbers(q=a.applicant.iin) == [a.number]
    assert numbers(q="Оспанов") == [b.number]
    assert numbers(q=b.number) == [b.number]
    assert numbers(okrug=other_okrug.pk) == [b.number]
    assert set(numbers(status="registered")) == {a.number, b.number}
    assert numbers(status="granted") == []
    assert numbers(sort="number") == sorted([a.number, b.number])
    assert numbers(sort="-number") == sorted([a.number, b.number], reverse=True)


def test_application_list_pages(client, caseworker, application_factory, family_factory):
    family = family_factory(size=1)
    for _ in range(30):
        register_in_turn(application_factory, family)
    login(client, caseworker)
    url = reverse("applications:application_list")
    assert len(listed_numbers(client.get(url))) == 25
    assert len(listed_numbers(client.get(url, {"page": 2}))) == 5


def list_numbers(client, **params) -> tuple[list[str], str]:
    response = client.get(reverse("applications:application_list"), params)
    assert response.status_code == 200
    return listed_numbers(response), response.content.decode()


def link_params(html: str, label: str) -> dict:
    """The query of the pagination link whose text contains `label`."""
    from html import unescape
    from urllib.parse import parse_qsl

    nav = html.split('class="pagination"')[1]
    href = next(part for part in nav.split("<a href=")[1:] if label in part.split("</a>")[0])
    return dict(parse_qsl(unescape(href.split('"')[1]).lstrip("?")))


@pytest.mark.parametrize("sort", ["-registered", "registered", "number", "-number", "status"])
def test_next_and_previous_links_give_the_same_pages_as_page_numbers(
    client, caseworker, application_factory, family_factory, sort
):
    family = family_factory(size=1)
    for _ in range(60):
        register_in_turn(application_factory, family)  # many share a registration time: ties by id
    login(client, caseworker)
    by_number = [list_numbers(client, sort=sort, page=n)[0] for n in (1, 2, 3)]
    assert sorted(sum(by_number, [])) == sorted(
        Application.objects.values_list("number", flat=True)
    )
    first, html = list_numbers(client, sort=sort)
    assert first == by_number[0]
    forward = link_params(html, "вперёд")
    assert forward["page"] == "2" and "after" in forward
    second, html = list_numbers(client, **forward)
    assert second == by_number[1]
    third, html = list_numbers(client, **link_params(html, "вперёд"))
    assert third == by_number[2] and len(third) == 10
    back = link_params(html, "назад")
    assert back["page"] == "2" and "before" in back
    assert list_numbers(client, **back)[0] == by_number[1]


def test_a_continuation_row_that_is_gone_or_foreign_changes_nothing_it_may_not(
    client, akim, application_factory, family_factory, other_okrug
):
    own = family_factory(size=1)
    for _ in range(30):
        register_in_turn(application_factory, own)
    foreign = application_factory(family=family_factory(size=1, okrug_obj=other_okrug))
    login(client, akim)
    page_two = list_numbers(client, page=2)[0]
    assert list_numbers(client, page=2, after="999999999")[0] == page_two  # gone: by number
    for junk in ("x", "²", "9" * 30, "-5", ""):
        assert list_numbers(client, page=2, after=junk)[0] == page_two
        assert list_numbers(client, page=2, before=junk)[0] == page_two
    shown = list_numbers(client, page=2, after=str(foreign.pk))[0]
    assert foreign.number not in shown
    assert set(shown) <= set(
        Application.objects.filter(family=own).values_list("number", flat=True)
    )


def count_list_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("applications:application_list"), {"sort": "number"})
    assert response.status_code == 200
    return len(ctx)


def test_application_list_query_count_does_not_grow_with_rows(
    client, caseworker, application_factory, family_factory
):
    family = family_factory(size=1)
    login(client, caseworker)
    for _ in range(5):
        register_in_turn(application_factory, family)
    count_list_queries(client)  # what the shared cache keeps for the list (its okrugs) kept
    five = count_list_queries(client)
    for _ in range(45):
        register_in_turn(application_factory, family)
    fifty = count_list_queries(client)
    assert five == fifty


def test_akim_sees_only_own_okrug(client, akim, application_factory, other_okrug):
    own = application_factory()
    foreign = application_factory(okrug_obj=other_okrug)
    login(client, akim)
    numbers = listed_numbers(client.get(reverse("applications:application_list")))
    assert numbers == [own.number]
    assert client.get(foreign.get_absolute_url()).status_code == 404
    assert client.get(own.get_absolute_url()).status_code == 200


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("applications:application_list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_search_by_the_beginning_of_a_name_in_any_case(
    client, caseworker, application_factory, other_okrug
):
    """Each word of the query is the beginning of the surname, name or patronymic, whatever
    its case; a query with letters is not an application number."""
    a = application_factory(surname="Жумабеков")
    b = application_factory(surname="Оспанов", okrug_obj=other_okrug)
    login(client, caseworker)
    url = reverse("applications:application_list")

    def numbers(q):
        return sorted(listed_numbers(client.get(url, {"q": q})))

    assert numbers("Оспан") == [b.number]
    assert numbers("Жумабеков " + a.applicant.name[:3]) == [a.number]
    assert numbers("Жумабеков Оспанов") == []
    assert numbers("спанов") == []  # the middle of a surname is not its beginning
    # in any case, on SQLite too (its own LIKE folds only Latin letters), Kazakh letters too
    assert numbers("оСПАН") == numbers("оспанов") == [b.number]
    c = application_factory(surname="Әбілқасымов", okrug_obj=other_okrug)
    assert numbers("әбілқ") == numbers("ӘБІЛҚАСЫМОВ") == [c.number]
    assert numbers("%") == numbers("_спанов") == []  # LIKE's characters are letters here
    assert numbers(b.number) == [b.number]


def test_status_labels_follow_the_interface_language(client, caseworker, application_factory):
    application_factory(surname="Оспанов")
    login(client, caseworker)
    url = reverse("applications:application_list")
    assert "<td>зарегистрировано</td>" in client.get(url).content.decode()
    caseworker.language = "kk"
    caseworker.save(update_fields=["language"])
    body = client.get(url).content.decode()
    assert "<td>тіркелді</td>" in body
    assert '<option value="registered">тіркелді</option>' in body
    caseworker.language = "ru"
    caseworker.save(update_fields=["language"])
    assert "<td>зарегистрировано</td>" in client.get(url).content.decode()


def test_filter_bar_keeps_the_chosen_status_and_okrug(client, caseworker, other_okrug):
    login(client, caseworker)
    body = client.get(
        reverse("applications:application_list"), {"status": "at_local", "okrug": other_okrug.pk}
    ).content.decode()
    assert '<option value="at_local" selected>в участковой комиссии</option>' in body
    assert f'<option value="{other_okrug.pk}" selected>{other_okrug.name_ru}</option>' in body
    assert '<select name="okrug" id="id_okrug">' in body


def test_list_and_queue_rows_show_the_local_day_the_okrug_in_the_language_and_escape_names(
    client, caseworker, akim, local_member, application_factory, okrug
):
    """Registered at 20:30 UTC on 19 March is 20 March in Qyzylorda (UTC+5); the okrug's name
    follows the interface language; a name is printed as text, never as markup; a local
    commission member sees the IIN masked."""
    at = datetime.datetime(2024, 3, 19, 20, 30, tzinfo=datetime.UTC)
    app = application_factory(surname="<b>Оспанов</b>", registered_at=at, channel="akim")
    iin = app.applicant.iin
    url = reverse("applications:application_list")

    login(client, caseworker)
    row = client.get(url).content.decode().split(f">{app.number}</a>")[1].split("</tr>")[0]
    assert "<td>20.03.2024</td>" in row
    assert "&lt;b&gt;Оспанов&lt;/b&gt;" in row and "<b>" not in row
    assert f"<td>{iin}</td>" in row and f"<td>{okrug.name_ru}</td>" in row
    caseworker.language = "kk"
    caseworker.save(update_fields=["language"])
    assert f"<td>{okrug.name_kk}</td>" in client.get(url).content.decode()

    login(client, local_member)
    body = client.get(url).content.decode()
    assert f"<td>{iin[:4]}******{iin[-2:]}</td>" in body and iin not in body

    login(client, akim)  # taken in by the akim's office: the next step is theirs
    queue = client.get(reverse("workflow:home")).content.decode().split("<h2>")
    waiting = "".join(part for part in queue if 'id="table-' in part)
    assert app.number in waiting and "&lt;b&gt;Оспанов&lt;/b&gt;" in waiting
    assert "<b>Оспанов" not in "".join(queue)


def test_okrug_filter_lists_names_in_the_interface_language_and_only_the_users_okrug(
    client, caseworker, akim, okrug, other_okrug
):
    url = reverse("applications:application_list")
    caseworker.language = "kk"
    caseworker.save(update_fields=["language"])
    login(client, caseworker)
    body = client.get(url, {"okrug": other_okrug.pk}).content.decode()
    assert f'<option value="{other_okrug.pk}" selected>{other_okrug.name_kk}</option>' in body
    assert f'<option value="{okrug.pk}">{okrug.name_kk}</option>' in body

    login(client, akim)
    select = client.get(url).content.decode().split('<select name="okrug"')[1].split("</select>")[0]
    assert f'<option value="{okrug.pk}">{okrug.name_ru}</option>' in select
    assert f'value="{other_okrug.pk}"' not in select


def test_a_sort_the_list_does_not_know_is_escaped_and_changes_nothing(
    client, caseworker, application_factory
):
    """The address may carry any sort: the list keeps its default order, the hidden field gives
    the text back escaped, and the column links sort as from the default."""
    made = application_factory()
    login(client, caseworker)
    url = reverse("applications:application_list")
    response = client.get(url, {"sort": '"><script>alert(1)</script>'})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert 'name="sort" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "&sort=number" in html and "&sort=-registered" in html
    assert made.number in html


def typed_pages(client, sort, **filters):
    """Pages 1-3 typed by number, and the SQL each of pages 2 and 3 ran."""
    numbers, statements = [], []
    for n in (1, 2, 3):
        with CaptureQueriesContext(connection) as ctx:
            numbers.append(list_numbers(client, sort=sort, page=n, **filters)[0])
        statements.append(" ".join(q["sql"] for q in ctx.captured_queries))
    return numbers, statements


@pytest.mark.parametrize("sort", ["-registered", "registered", "number", "-number", "status"])
def test_a_page_typed_by_number_holds_the_rows_its_next_link_reaches(
    client, caseworker, application_factory, family_factory, sort
):
    """A typed page is cut by OFFSET over the list's ids alone (no join before the cut), and
    holds the rows the "next" links reach, for no more queries than a linked page."""
    family = family_factory(size=1)
    for _ in range(60):
        register_in_turn(application_factory, family)  # many share a registration time: ties by id
    login(client, caseworker)
    by_offset, statements = typed_pages(client, sort)
    assert all(" OFFSET " in sql for sql in statements[1:])
    for sql in statements[1:]:
        (cut,) = [q for q in sql.split("SELECT ") if " OFFSET " in q]
        assert " JOIN " not in cut  # the page's ids first; its rows by primary key after
    assert [len(p) for p in by_offset] == [25, 25, 10]
    first, html = list_numbers(client, sort=sort)
    second, html = list_numbers(client, **link_params(html, "вперёд"))
    third, html = list_numbers(client, **link_params(html, "вперёд"))
    assert [first, second, third] == by_offset
    # a typed page reads no more than the page its "next" link reaches, cache reads counted
    # (the shared cache of a production without Redis is a table)
    from django.core.management import call_command
    from django.test import override_settings

    database_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "test_list_cache",
        },
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    with override_settings(CACHES=database_cache):
        call_command("createcachetable", verbosity=0)
        link = link_params(list_numbers(client, sort=sort, page=2)[1], "вперёд")
        with CaptureQueriesContext(connection) as by_link:
            assert list_numbers(client, **link)[0] == by_offset[2]
        with CaptureQueriesContext(connection) as typed:
            assert list_numbers(client, sort=sort, page=3)[0] == by_offset[2]
        assert len(typed) == len(by_link)


def test_a_page_whose_row_is_gone_or_moved_still_shows_a_whole_page_in_scope(
    client, akim, caseworker, application_factory, family_factory, other_okrug
):
    own = family_factory(size=1)
    for _ in range(60):
        register_in_turn(application_factory, own)
    foreign = family_factory(size=1, okrug_obj=other_okrug)
    for _ in range(30):
        register_in_turn(application_factory, foreign)
    login(client, caseworker)
    list_numbers(client, page=3)  # what the caseworker's pages keep is not the akim's
    login(client, akim)
    pages = [list_numbers(client, page=n)[0] for n in (1, 2, 3)]
    own_numbers = set(Application.objects.filter(family=own).values_list("number", flat=True))
    assert sorted(sum(pages, [])) == sorted(own_numbers)
    # the row that ends page 2 is deleted: page 3, typed or by page 2's "next" link, is found
    # by its number, not left empty
    link = link_params(list_numbers(client, page=2)[1], "вперёд")
    last_of_two = Application.objects.get(number=pages[1][-1])
    last_of_two.delete()
    newest_first = Application.objects.filter(family=own).order_by("-registered_at", "-id")
    rest = [a.number for a in newest_first[50:]]  # 9 left
    assert list_numbers(client, page=3)[0] == rest
    assert list_numbers(client, **link)[0] == rest
    # a new application shifts the list by a row; a page is still whole and the akim's own
    register_in_turn(application_factory, own)
    second = list_numbers(client, page=2)[0]
    assert len(second) == 25 and set(second) <= own_numbers | {
        Application.objects.latest("id").number
    }


def test_a_short_list_is_counted_with_its_page_and_pages_past_it_show_the_last(
    client, caseworker, application_factory, family_factory
):
    made = [application_factory(family=family_factory(size=1)) for _ in range(30)]
    login(client, caseworker)
    newest_first = [a.number for a in reversed(made)]
    with CaptureQueriesContext(connection) as ctx:
        first, _ = list_numbers(client, status="registered")
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]
    assert first == newest_first[:25]
    assert len(counts) == 1
    # counted over the list alone, its page's ids read by one statement, then their rows
    assert " JOIN " not in counts[0]
    assert len([q for q in ctx.captured_queries if q["sql"].endswith("LIMIT 25")]) == 1
    for past in ("3", "99", "0", "-1"):
        numbers, html = list_numbers(client, status="registered", page=past)
        assert numbers == newest_first[25:], past
        assert "Страница 2 из 2, всего 30" in html, past
    assert list_numbers(client, status="registered", page="два")[0] == newest_first[:25]
    assert list_numbers(client, status="granted", page="2")[0] == []


def okrug_options(html: str) -> list[str]:
    select = html.split('<select name="okrug"')[1].split("</select>")[0]
    import re

    return re.findall(r"<option value=\"\d*\"(?: selected)?>([^<]*)</option>", select)


def test_the_okrug_filter_offers_the_okrugs_as_they_are_now_in_the_users_language(
    client, caseworker, akim, okrug, other_okrug
):
    from applications.reference.models import Okrug

    login(client, caseworker)
    url = reverse("applications:application_list")
    offered = okrug_options(client.get(url).content.decode())
    assert offered == ["все", *Okrug.objects.order_by("name_ru").values_list("name_ru", flat=True)]
    # kept in the shared cache with the list's count: the next page reads no okrug
    with CaptureQueriesContext(connection) as ctx:
        assert okrug_options(client.get(url, {"page": 2}).content.decode()) == offered
    assert not [q for q in ctx.captured_queries if q["sql"].count('FROM "applications_okrug"')]
    # a renamed okrug (in the admin, say) and a new one are offered on the next page
    other_okrug.name_ru = "Шалкия (переименован)"
    other_okrug.save()
    Okrug.objects.create(kato="000000001", name_ru="Аааа новый", name_kk="Жаңа")
    offered = okrug_options(client.get(url).content.decode())
    assert "Шалкия (переименован)" in offered and offered[1] == "Аааа новый"
    client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    kazakh = okrug_options(client.get(url).content.decode())
    assert "Жаңа" in kazakh and other_okrug.name_kk in kazakh and "Аааа новый" not in kazakh
    # an akim's office is offered its own okrug alone, whatever the cache keeps
    login(client, akim)
    assert okrug_options(client.get(url).content.decode())[1:] == [okrug.name_ru]


def queries_of(client, url: str, params: dict | None = None) -> int:
    """The queries of a page once what it keeps (the menu, the filter's selects) is kept."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx)


def list_shapes(client, okrug) -> dict[str, int]:
    """The queries of the list in each of its shapes: page 1, filtered and sorted, the page its
    "next" link reaches, a page typed by number, a search."""
    url = reverse("applications:application_list")
    forward = link_params(client.get(url).content.decode(), "вперёд")
    shapes = {
        "page 1": {},
        "filtered and sorted": {"status": "registered", "okrug": okrug.pk, "sort": "-number"},
        "next link": forward,
        "typed page": {"page": 2},
        "search": {"q": "Ахметов"},
    }
    return {name: queries_of(client, url, params) for name, params in shapes.items()}


def test_the_list_reads_as_many_queries_for_n_and_2n_rows_in_every_shape(
    client, caseworker, application_factory, family_factory, okrug
):
    family = family_factory(size=1)
    login(client, caseworker)
    for _ in range(30):
        register_in_turn(application_factory, family)
    n = list_shapes(client, okrug)
    for _ in range(30):
        register_in_turn(application_factory, family)
    assert list_shapes(client, okrug) == n


def test_the_person_and_family_pages_read_as_many_queries_for_n_and_2n_rows(
    client, caseworker, application_factory, family_factory, person_factory, okrug
):
    """A person in N families, and a family of N members with incomes and N applications,
    against twice as many."""

    def person_in_families(n: int):
        person = person_factory()
        for _ in range(n):
            intake.family_create(
                applicant=person_factory(),
                okrug=okrug,
                address="с. Жанакорган",
                members=[intake.MemberData(person=person, relation="son")],
            )
        return person

    def family_with(n: int):
        family = family_factory(size=n, year=2024, quarter=1)
        for _ in range(n):
            register_in_turn(application_factory, family)
        return family

    login(client, caseworker)
    person = [queries_of(client, person_in_families(n).get_absolute_url()) for n in (2, 4)]
    family = [queries_of(client, family_with(n).get_absolute_url()) for n in (3, 6)]
    assert person[0] == person[1] and family[0] == family[1]
