"""The busiest pages are put together from base.html made once (zhanakorgan_aid.page): what
they show around their body is what the template engine gives every other page."""

import re

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import override

from tests.conftest import listed_numbers, login
from zhanakorgan_aid.page import page_response

TEMPLATE = Template(
    '{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}'
    "{% block content %}{{ content }}{% endblock %}"
)


def request_for(user, path="/applications/?q=%3Cb%3E"):
    request = RequestFactory().get(path)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def unmasked(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", html)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_page_is_what_base_html_renders(language, caseworker):
    content = format_html("<p>{}</p>", "тело & <страницы>")
    title = 'Заявление № 12-7 "<x>"'
    made, rendered = request_for(caseworker), request_for(caseworker)
    for request in (made, rendered):
        request._messages.add(20, "Сохранено <b>")
        request._messages.add(40, format_html("<em>{}</em>", "важно"))
    with override(language):
        page = page_response(made, title, content).content.decode()
        expected = TEMPLATE.render(RequestContext(rendered, {"title": title, "content": content}))

    # each rendering masks the CSRF token anew
    assert unmasked(page) == unmasked(expected)
    assert f'<html lang="{language}">' in page
    assert "<title>Заявление № 12-7 &quot;&lt;x&gt;&quot; — " in page
    assert '<li class="info" role="status">Сохранено &lt;b&gt;</li>' in page
    assert '<li class="error" role="status"><em>важно</em></li>' in page
    assert "<p>тело &amp; &lt;страницы&gt;</p>" in page
    assert made._messages.used  # shown, so not kept for the next page


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
