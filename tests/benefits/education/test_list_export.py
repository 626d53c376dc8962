"""The education aid cases narrowed by their filters and taken to Excel, the filter in the
sheet's title, the rows read back."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_education_cases_narrow_by_degree_and_year_and_export(client, caseworker, education_case):
    bachelor = education_case()
    master = education_case(
        degree="master",
        tuition="1500000",
        registered_on=datetime.date(2025, 8, 20),
        academic_year=2025,
        speciality="7M01",
    )
    login(client, caseworker)
    url = reverse("benefits:education_list")
    html = client.get(url, {"degree": "master"}).content.decode()
    assert f"№ {master.application.number}" in html
    assert f"№ {bachelor.application.number}" not in html
    html = client.get(url, {"academic_year": "2024"}).content.decode()
    assert f"№ {bachelor.application.number}" in html
    assert f"№ {master.application.number}" not in html

    response = client.get(reverse("benefits:education_list_export"), {"degree": "master"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Помощь на обучение — Уровень: магистратура"
    assert rows[1][:2] == ["Заявление", "Обучающийся"]
    assert [row[0] for row in rows[2:]] == [f"№ {master.application.number}"]
    assert rows[2][4] == "2025/2026"


def test_a_mistyped_year_is_said_and_kept(client, caseworker, education_case):
    education_case()
    login(client, caseworker)
    response = client.get(reverse("benefits:education_list"), {"academic_year": "двадцать"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="двадцать"' in html and "errorlist" in html
