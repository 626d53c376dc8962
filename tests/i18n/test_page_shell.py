"""Every page is base.html around its content, as the template engine renders it: the busiest
pages (the list, the start page, an application) show the same shell as any other page, in
the user's language, with the messages waiting for the user, once."""

import re

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import override

from applications.cases import views
from tests.conftest import listed_numbers, login


def shell(html: str) -> str:
    """The page without its content, its CSRF tokens (masked anew on every rendering) and the
    address it was asked at (the language form comes back to it)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", html)
    html = re.sub(r'name="next" type="hidden" value="[^"]*"', "NEXT", html)
    html = re.sub(r"<title>.*</title>", "TITLE", html)
    return re.sub(r"(?s)<main>.*</main>", "MAIN", html)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_busiest_pages_have_the_shell_of_every_other_page(
    client, caseworker, application_factory, language
):
    application = application_factory()
    caseworker.language = language
    caseworker.save(update_fields=["language"])
    login(client, caseworker)
    pages = {
        url: client.get(url).content.decode()
        for url in (
            reverse("workflow:home"),
            reverse("applications:application_list"),
            application.get_absolute_url(),
            application.family.get_absolute_url(),
            reverse("applications:person_create"),
        )
    }
    shells = {shell(html) for html in pages.values()}
    assert len(shells) == 1, shells
    (only,) = shells
    assert f'<html lang="{language}">' in only and '<header class="top">' in only
    assert ("Тағайындаулар" if language == "kk" else "Назначения") in only


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_title_and_the_messages_are_escaped_and_shown_once(
    language, caseworker, person_factory
):
    person = person_factory(surname='Ахметов "<x>"')
    request = RequestFactory().get(person.get_absolute_url())
    request.user = caseworker
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._messages.add(20, "Сохранено <b>")
    request._messages.add(40, format_html("<em>{}</em>", "важно"))
    with override(language):
        page = views.person_detail(request, pk=person.pk).content.decode()

    assert f'<html lang="{language}">' in page
    assert "<title>Ахметов &quot;&lt;x&gt;&quot; Айдар — " in page
    assert '<li class="info" role="status">Сохранено &lt;b&gt;</li>' in page
    assert '<li class="error" role="status"><em>важно</em></li>' in page
    assert "<h1>Ахметов &quot;&lt;x&gt;&quot; Айдар</h1>" in page
    assert request._messages.used  # shown, so not kept for the next page


def test_a_message_shows_on_the_next_page_once(client, caseworker, application_factory):
    application = application_factory()
    login(client, caseworker)
    upload = reverse("applications:document_upload", args=[application.pk])
    assert client.post(upload, {}).status_code == 302  # no file: a message, back to the case
    first = client.get(application.get_absolute_url()).content.decode()
    assert f"<title>Заявление № {application.number} — " in first
    assert '<li class="error" role="status">Выберите вид документа и файл.</li>' in first
    again = client.get(application.get_absolute_url()).content.decode()
    assert "Выберите вид документа и файл." not in again
    listed = client.get(reverse("applications:application_list"))
    assert listed_numbers(listed) == [application.number]
    assert "<title>Заявления — " in listed.content.decode()
