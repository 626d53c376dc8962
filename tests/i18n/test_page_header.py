"""The page header (templates/includes/header.html): its menu is kept as a fragment for each
language and set of roles; what a request brings (the CSRF token, the address, the search
typed, the name) is its own."""

from django.test import Client
from django.urls import reverse

from tests.conftest import login, make_user
from zhanakorgan_aid import roles


def header(response) -> str:
    body = response.content.decode()
    return body.split('<header class="top">')[1].split("</header>")[0]


def test_the_menu_follows_the_role_and_the_language(client, caseworker, akim, administrator):
    login(client, caseworker)
    mine = header(client.get(reverse("workflow:home")))
    assert "Назначения" in mine and "Ведомости" in mine and "Справочники" not in mine
    assert caseworker.username in mine or caseworker.get_full_name() in mine
    login(client, akim)
    theirs = header(client.get(reverse("workflow:home")))
    assert "Заявления" in theirs and "Назначения" not in theirs
    login(client, administrator)
    assert "Справочники" in header(client.get(reverse("workflow:home")))
    client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    kazakh = header(client.get(reverse("workflow:home")))
    assert "Менің тапсырмаларым" in kazakh and "Тағайындаулар" in kazakh
    assert "Мои задачи" not in kazakh
    assert '<option value="kk" selected>' in kazakh


def test_what_the_request_brings_is_escaped_and_its_own(client, caseworker):
    login(client, caseworker)
    url = reverse("applications:application_list")
    first = header(client.get(url, {"q": '"><script>alert(1)</script>'}))
    assert "<script>" not in first
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in first
    assert 'next" type="hidden" value="/applications/?q=%22%3E%3Cscript' in first
    second = header(client.get(url, {"q": "Ахметов"}))
    assert 'value="Ахметов"' in second and "alert" not in second


def test_the_language_form_carries_a_working_csrf_token():
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("login"))
    token = header(page).split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert len(token) == 64
    switched = browser.post(
        reverse("set_language"),
        {"language": "kk", "next": "/", "csrfmiddlewaretoken": token},
    )
    assert switched.status_code == 302
    assert '<html lang="kk">' in browser.get(reverse("login")).content.decode()


def test_the_kept_menu_holds_nothing_of_the_user_who_made_it(client, caseworker):
    login(client, caseworker)
    first = header(client.get(reverse("workflow:home"), {"q": "Ахметов"}))
    other = make_user("second_caseworker", roles.CASEWORKER)
    login(client, other)
    second = header(client.get(reverse("applications:application_list")))
    assert "<span>Second_Caseworker</span>" in second
    assert f"<span>{caseworker.first_name}</span>" not in second
    assert "Назначения" in second and 'value="Ахметов"' not in second
    token = 'name="csrfmiddlewaretoken" value="'
    assert first.split(token)[1][:64] != second.split(token)[1][:64]
    assert 'name="next" type="hidden" value="/applications/"' in second
