from django.urls import reverse

from tests.conftest import login


def test_language_choice_is_kept_by_the_user_across_sessions(client, caseworker):
    login(client, caseworker)
    client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    caseworker.refresh_from_db()
    assert caseworker.language == "kk"
    client.logout()
    client.cookies.clear()
    login(client, caseworker)
    body = client.get(reverse("applications:application_list")).content.decode()
    assert '<html lang="kk">' in body


def test_unknown_language_is_ignored(client, caseworker):
    login(client, caseworker)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    caseworker.refresh_from_db()
    assert caseworker.language == "ru"
    assert '<html lang="ru">' in client.get("/").content.decode()


def test_the_empty_choice_of_a_select_is_in_the_users_language(client, caseworker):
    """Django 6.1 names it "- Select an option -" and does not translate it yet; the office's
    catalogues do. The list's okrug filter says "all", as its status filter does."""
    login(client, caseworker)
    page = client.get(reverse("applications:application_create")).content.decode()
    assert '<option value="" selected>— выберите —</option>' in page
    assert "Select an option" not in page
    listed = client.get(reverse("applications:application_list")).content.decode()
    okrug_filter = listed.split('name="okrug"')[1].split("</select>")[0]
    assert '<option value="" selected>все</option>' in okrug_filter
    client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    page = client.get(reverse("applications:application_create")).content.decode()
    assert '<option value="" selected>— таңдаңыз —</option>' in page
    listed = client.get(reverse("applications:application_list")).content.decode()
    assert '<option value="" selected>барлығы</option>' in listed.split('name="okrug"')[1]
