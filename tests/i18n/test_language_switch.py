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
