"""The memorial-list pages read as many queries with N rows as with 2N: the index of N lists, a
list of N rows (a draft its manager may change, and an approved one with its awards; page 1
and page 2), and the preview of a file of N lines, some of them wrong (p5, p15)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benefits import memorial_views
from benefits.memorial_resources import MemorialListResource
from benefits.services.memorial import memorial_list_approve, memorial_list_create
from tests.benefits.test_page_queries import N, queries_of
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def memorial_list_of(memorial_file, administrator):
    """A list of n rows for the occasion and year, approved by the akimat if asked (p15)."""

    def build(n: int, *, year: int, occasion="victory_day", approved=False):
        rows = [memorial_file["line"]("victory-widows") for _ in range(n)]
        content = memorial_file["csv"](rows)
        memorial_list = memorial_list_create(
            occasion=occasion,
            year=year,
            rows=MemorialListResource().read(content, "list.csv"),
            file_name="list.csv",
            actor=administrator,
        )
        if approved:
            memorial_list_approve(
                memorial_list=memorial_list, actor=administrator, on=datetime.date(year, 5, 1)
            )
        return memorial_list

    return build


def test_the_index_and_a_list_read_as_many_queries_for_n_and_2n_rows(
    client, administrator, auditor, memorial_list_of, monkeypatch
):
    monkeypatch.setattr(memorial_views, "PAGE_SIZE", 2)  # so that N rows make a second page

    def shapes(n: int, year: int) -> dict[str, int]:
        draft = memorial_list_of(n, year=year).get_absolute_url()
        approved = memorial_list_of(n, year=year + 1, approved=True).get_absolute_url()
        for _ in range(n - 2):
            memorial_list_of(1, year=year + 2)
        counts = {}
        for user in (administrator, auditor):
            login(client, user)
            for name, url, params in [
                ("index", reverse("benefits:memorial_list_index"), {}),
                ("draft", draft, {}),
                ("draft page 2", draft, {"page": 2}),
                ("approved", approved, {}),
                ("approved page 2", approved, {"page": 2}),
            ]:
                counts[f"{user.username}: {name}"] = queries_of(client, url, params)
        return counts

    assert shapes(N, 2020) == shapes(2 * N, 2023)


def test_the_preview_reads_as_many_queries_for_n_and_2n_lines(
    client, administrator, memorial_file, memorial_list_of
):
    """A file of N good lines, some of them citizens already registered or listed, and N lines
    in error, against 2N of each."""
    login(client, administrator)
    listed = memorial_list_of(2 * N, year=2022)
    known = list(listed.rows.values_list("person__iin", flat=True))

    def preview(n: int) -> int:
        line = memorial_file["line"]
        rows = [line("victory-widows") for _ in range(n)]
        rows += [line("victory-widows", iin=iin) for iin in known[:n]]  # listed for 2022
        rows += [line("no-such-category") for _ in range(n)]
        upload = SimpleUploadedFile("list.csv", memorial_file["csv"](rows), "text/csv")
        data = {"occasion": "victory_day", "year": 2022, "file": upload}
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(reverse("benefits:memorial_import"), data)
        assert response.status_code == 200
        assert response.content.decode().count("неизвестная категория") == n
        return len(ctx)

    preview(N)  # what the page keeps (the menu)
    assert preview(N) == preview(2 * N)
