"""No page shows a role a link that answers it 403: what a role may not do is not offered to it
(issue 21, item 6: the auditor is shown no form or button that would answer 403). Every page of
the URL matrix that a role may open is read, and every link on it followed once."""

import re

from django.test import Client
from django.urls import reverse

from tests.conftest import login

from .url_expectations import EXPECTATIONS, OK, ROLES

LINK = re.compile(r'href="(/[^"#]*)"')
NOT_FOLLOWED = ("/static/", "/admin/", "/i18n/", "/logout/", "/favicon")


def pages_of(role: str, world) -> list[str]:
    """The GET pages the matrix lets `role` open (200)."""
    urls = []
    for name, expect in EXPECTATIONS.items():
        if expect.method == "get" and expect.status[role] == OK:
            url = reverse(name, args=expect.args(world))
            urls.append(f"{url}?{expect.query}" if expect.query else url)
    return urls


def refused_links(client: Client, pages: list[str]) -> list[str]:
    followed, refused = set(), []
    for page in pages:
        response = client.get(page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in LINK.findall(response.content.decode()):
            link = link.replace("&amp;", "&")
            if link in followed or link.startswith(NOT_FOLLOWED):
                continue
            followed.add(link)
            if client.get(link).status_code == 403:
                refused.append(f"{page} links {link}")
    return refused


def test_no_page_links_a_role_to_what_it_may_not_do(users, world):
    wrong = []
    for role in ROLES:
        if users[role] is None:
            continue
        client = login(Client(), users[role])
        wrong += [f"{role}: {line}" for line in refused_links(client, pages_of(role, world))]
    assert not wrong, "\n".join(wrong)
