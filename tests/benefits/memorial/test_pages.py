"""The memorial-list pages in the browser's place: upload, preview, confirm, approve; who may
see and who may act."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benefits.models import Award, MemorialList
from tests.conftest import login

pytestmark = pytest.mark.django_db


def upload(client, content, name="9may.csv", occasion="victory_day", year=2022, **extra):
    return client.post(
        reverse("benefits:memorial_import"),
        {
            "occasion": occasion,
            "year": year,
            "file": SimpleUploadedFile(name, content, content_type="text/csv"),
            **extra,
        },
    )


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def confirm(client, html, exclude=()):
    data = {k: hidden(html, k) for k in ("token", "file_name", "occasion", "year", "pay_date")}
    data["exclude"] = [str(n) for n in exclude]
    return client.post(reverse("benefits:memorial_import_confirm"), data)


def test_preview_then_confirm_with_exclusions(client, administrator, memorial_file):
    login(client, administrator)
    line = memorial_file["line"]
    content = memorial_file["csv"](
        [line("victory-widows"), line("victory-widows", iban=""), line("foo")]
    )
    response = upload(client, content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "не указан банковский счёт (IBAN)" in html
    assert "неизвестная категория «foo»" in html
    assert MemorialList.objects.count() == 0

    refused = confirm(client, html, exclude=[3])
    assert refused.status_code == 400
    assert "В списке остались ошибочные строки: 4." in refused.content.decode()
    assert 'value="3" id="ex-3" checked' in refused.content.decode()
    assert MemorialList.objects.count() == 0

    saved = confirm(client, html, exclude=[3, 4])
    memorial_list = MemorialList.objects.get()
    assert saved.url == memorial_list.get_absolute_url()
    assert memorial_list.rows.count() == 1
    page = client.get(saved.url).content.decode()
    assert "Список сохранён: 1 строк" in page
    assert "100\u00a0000,00\u00a0₸" in page


def test_bad_file_gives_a_message_beside_the_field(client, caseworker):
    login(client, caseworker)
    response = upload(client, b"\xff\xfe\x00garbage", name="list.csv")
    assert response.status_code == 200
    assert "CSV-файл должен быть в кодировке UTF-8." in response.content.decode()
    response = upload(client, b"x", name="list.pdf")
    assert "Загрузите файл XLSX или CSV." in response.content.decode()


def test_social_support_needs_a_pay_date(client, caseworker, memorial_file):
    login(client, caseworker)
    content = memorial_file["csv"]([memorial_file["line"]("support-widows")])
    response = upload(client, content, occasion="social_support", year=2022)
    assert "Укажите дату выплаты социальной поддержки." in response.content.decode()
    response = upload(client, content, occasion="social_support", year=2022, pay_date="2021-12-01")
    assert "Дата выплаты должна относиться к выбранному году." in response.content.decode()


def test_approve_page_locks_the_list(client, administrator, memorial_file):
    login(client, administrator)
    html = upload(client, memorial_file["csv"]([memorial_file["line"]("victory-widows")])).content
    confirm(client, html.decode())
    memorial_list = MemorialList.objects.get()
    detail = client.get(memorial_list.get_absolute_url()).content.decode()
    assert "data-confirm=" in detail and "Утвердить" in detail

    response = client.post(
        reverse("benefits:memorial_approve", args=[memorial_list.pk]),
        {"decision_number": "45"},
        follow=True,
    )
    page = response.content.decode()
    assert "Список утверждён" in page
    assert "утверждён акиматом" in page
    assert "Удалить черновик" not in page
    assert Award.objects.count() == 1
    row = memorial_list.rows.get()
    removed = client.post(
        reverse("benefits:memorial_row_remove", args=[memorial_list.pk, row.pk]), follow=True
    )
    assert "не может быть изменён" in removed.content.decode()
    assert memorial_list.rows.count() == 1


def test_auditor_reads_but_cannot_import_or_approve(client, administrator, auditor, memorial_file):
    login(client, administrator)
    confirm(
        client,
        upload(
            client, memorial_file["csv"]([memorial_file["line"]("victory-widows")])
        ).content.decode(),
    )
    memorial_list = MemorialList.objects.get()
    login(client, auditor)
    assert client.get(reverse("benefits:memorial_list_index")).status_code == 200
    page = client.get(memorial_list.get_absolute_url()).content.decode()
    assert "Утвердить" not in page
    assert client.get(reverse("benefits:memorial_import")).status_code == 403
    assert (
        client.post(
            reverse("benefits:memorial_approve", args=[memorial_list.pk]), {"decision_number": "1"}
        ).status_code
        == 403
    )
    assert MemorialList.objects.get().status == "draft"


def test_okrug_akim_sees_nothing(client, akim, administrator, memorial_file):
    login(client, administrator)
    confirm(
        client,
        upload(
            client, memorial_file["csv"]([memorial_file["line"]("victory-widows")])
        ).content.decode(),
    )
    login(client, akim)
    assert client.get(reverse("benefits:memorial_list_index")).status_code == 404
    pk = MemorialList.objects.get().pk
    assert client.get(reverse("benefits:memorial_detail", args=[pk])).status_code == 404


def test_template_download(client, caseworker):
    login(client, caseworker)
    response = client.get(reverse("benefits:memorial_template", args=["csv"]))
    assert response.content.decode("utf-8-sig").splitlines()[0] == (
        "ИИН,Фамилия,Имя,Отчество,Код категории,IBAN"
    )
    assert "attachment" in response["Content-Disposition"]


def test_list_page_queries_do_not_grow_with_rows(client, administrator, memorial_file):
    login(client, administrator)

    def count_queries(n):
        rows = [memorial_file["line"]("victory-widows") for _ in range(n)]
        confirm(client, upload(client, memorial_file["csv"](rows), year=2017 + n).content.decode())
        memorial_list = MemorialList.objects.order_by("-id").first()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(memorial_list.get_absolute_url()).status_code == 200
        with CaptureQueriesContext(connection) as index:
            client.get(reverse("benefits:memorial_list_index"))
        return len(ctx), len(index)

    assert count_queries(2) == count_queries(12)


def test_a_lists_rows_as_the_page_shows_them(client, administrator, auditor, memorial_file):
    """A draft's rows can be left out by those who manage it; an approved list's rows link
    their awards; the index shows the rows, the sum and the day of the approval (p15)."""
    login(client, administrator)
    line = memorial_file["line"]
    confirm(client, upload(client, memorial_file["csv"]([line("victory-widows")])).content.decode())
    memorial_list = MemorialList.objects.get()
    row = memorial_list.rows.get()
    remove = reverse("benefits:memorial_row_remove", args=[memorial_list.pk, row.pk])
    page = client.get(memorial_list.get_absolute_url()).content.decode()
    cells = page.split('<table id="rows">')[1].split("</table>")[0]
    assert f"<td>{row.line_number}</td><td>{row.person.iin}</td>" in cells
    assert "<td>п. 5.1 — victory-widows</td>" in cells
    assert f'action="{remove}"' in cells and "Исключить" in cells
    login(client, auditor)
    assert f'action="{remove}"' not in client.get(memorial_list.get_absolute_url()).content.decode()

    login(client, administrator)
    client.post(
        reverse("benefits:memorial_approve", args=[memorial_list.pk]), {"decision_number": "7"}
    )
    row.refresh_from_db()
    page = client.get(memorial_list.get_absolute_url()).content.decode()
    assert f'action="{remove}"' not in page
    assert f'<a href="{row.award.get_absolute_url()}">назначение</a>' in page
    index = client.get(reverse("benefits:memorial_list_index")).content.decode()
    assert f'<a href="{memorial_list.get_absolute_url()}">{memorial_list.pk}</a>' in index
    assert '<td class="num">1</td><td class="num">100\u00a0000,00\u00a0₸</td>' in index
    approved = timezone.localtime(MemorialList.objects.get().approved_at)
    assert f'<span class="badge">утверждён акиматом</span> {approved:%d.%m.%Y}' in index
