"""The special commission sees the file it judges (p22, p23): the act's findings, the family with
its incomes, the per-capita income beside the category's threshold, the cap at the MRP in
force and the local commission's conclusion — in Russian and in Kazakh."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login


def page(client, user, application, lang="ru") -> str:
    login(client, user)
    if lang != "ru":
        client.post(reverse("set_language"), {"language": lang, "next": "/"})
    response = client.get(reverse("workflow:special_conclusion", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode().replace("\xa0", " ")


def test_the_file_with_income_above_the_threshold(client, special_member, at_special):
    # 600 000 ₸ in Q4 2025 / 3 / 4 members = 50 000 ₸, the regional minimum 44 300 ₸ (p7.4).
    application = at_special(wages=Decimal("600000"), year=2025, quarter=4, surname="Нұрланов")
    body = page(client, special_member, application)
    assert "Доход ниже прожиточного минимума" in body  # the act's finding (item 4)
    assert "удовлетворительные" in body
    assert "Состав семьи (4)" in body and "Нұрланов" in body
    assert "Доходы семьи за 4 квартал 2025 года" in body
    assert "600 000,00 ₸" in body and "200 000,00 ₸" in body  # the quarter, a month of it
    assert "50 000,00 ₸" in body
    threshold = re.search(r'<td id="threshold">(.*?)</td>', body).group(1)
    assert re.sub(r"<[^>]+>", "", threshold) == (
        "44 300,00 ₸ — доход выше порога: основание отказа п. 26, пп. 3"
    )
    assert "не более 43 250,00 ₸ (10 МРП × 4 325 ₸)" in body  # the cap at the MRP of 2026
    assert "№ 17 от 10.03.2026: нуждается" in body  # the local commission's conclusion


def test_the_file_with_income_below_the_threshold_in_kazakh(client, special_member, at_special):
    application = at_special(wages=Decimal("300000"), year=2025, quarter=4)
    body = page(client, special_member, application, lang="kk")
    with translation.override("kk"):
        below = translation.gettext("доход ниже порога")
        incomes = translation.gettext("Доходы семьи за %(q)s квартал %(y)s года") % {
            "q": 4,
            "y": 2025,
        }
    assert below != "доход ниже порога"
    assert f"44 300,00 ₸ — {below}" in body
    assert incomes in body and "25 000,00 ₸" in body


@pytest.mark.parametrize("code", ["hardship-disaster-fire"])
def test_a_category_without_an_income_test_says_so(client, special_member, at_special, code):
    body = page(client, special_member, at_special(code=code))
    assert "без учёта доходов" in body
