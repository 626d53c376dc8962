"""Journey: education aid for a student under 18 (p8–p10). The caseworker enters the case,
is told a representative is needed, enters the legal representative, the in-demand speciality
and full-time study, decides, and prints the contract that the representative signs."""

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from applications.reference.models import Category
from benefits.models import EducationCase
from tests.conftest import PASSWORD

from .conftest import accept_dialogs, expect_text, log_in, shot, spaces

pytestmark = pytest.mark.browser


def pick(page, label: str):
    """A form field by its label; a required field's label ends with « *»."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def fill_case(page, *, family, student, academic_year: int) -> None:
    page.goto(page.base + "/education/new/")
    pick(page, "Регистрационный номер семьи").fill(family.reg_number)
    pick(page, "ИИН обучающегося").fill(student.iin)
    category = Category.objects.get(code="education-large-families")
    pick(page, "Категория (п. 8)").select_option(str(category.pk))
    pick(page, "Уровень обучения").select_option("bachelor")
    pick(page, "Учебное заведение").fill("Кызылординский университет им. Коркыт Ата")
    pick(page, "Специальность (востребованная в регионе, п. 8)").select_option(
        label="6B01 Педагогические науки (бакалавриат)"
    )
    pick(page, "Форма обучения").select_option("full_time")
    pick(page, "Учебный год (год начала)").fill(str(academic_year))
    pick(page, "Стоимость обучения за год, ₸").fill("850000")
    pick(
        page, "Документ, удостоверяющий личность обучающегося (вид, номер, кем и когда выдан)"
    ).fill("Удостоверение личности № 045678912, МВД РК, 10.01.2024")


def fill_representative(page) -> None:
    pick(page, "Законный представитель (для обучающегося до 18 лет): Ф.И.О.").fill(
        "Жумабеков Серик Болатович"
    )
    pick(page, "Кем приходится обучающемуся").select_option("parent")
    pick(page, "ИИН представителя").fill("800101300155")
    pick(page, "Документ, удостоверяющий личность представителя").fill(
        "Удостоверение личности № 012345678, МВД РК, 01.02.2015"
    )
    pick(page, "Адрес представителя").fill("с. Жанакорган, ул. Абая, 1")
    pick(page, "Телефон представителя").fill("+7 701 000 00 01")


def test_caseworker_enters_a_minors_case_decides_and_prints_the_contract(
    new_page, caseworker, family_factory, okrug
):
    family = family_factory(size=4, okrug_obj=okrug, surname="Жумабеков")
    student = family.members.exclude(relation="applicant").first().person
    academic_year = timezone.localdate().year + 1  # documents until 25 August (p9)
    page = new_page("ru")
    accept_dialogs(page)
    log_in(page, caseworker.username, PASSWORD)

    fill_case(page, family=family, student=student, academic_year=academic_year)
    page.get_by_role("button", name="Зарегистрировать").click()
    expect_text(page, "нет 18 лет: укажите его законного представителя")
    assert pick(page, "Учебное заведение").input_value().startswith("Кызылординский")
    assert not EducationCase.objects.exists()

    fill_representative(page)
    shot(page, "edu-01-minor-with-representative")
    page.get_by_role("button", name="Зарегистрировать").click()
    expect_text(page, "зарегистрировано")
    expect_text(page, "Жумабеков Серик Болатович (родитель)")
    expect_text(page, "очная")

    page.get_by_role("button", name="Проверить доход и принять решение").click()
    expect_text(page, "Помощь назначена; договор №")
    expect_text(page, "850 000,00")
    page.get_by_role("button", name="Выдать договор (рус.)").click()
    expect_text(page, "Договор выдан")
    shot(page, "edu-02-contract-issued")
    # The link the caseworker follows; the PDF is fetched with the user's session, as the
    # other journeys read their printed documents.
    contract = page.get_by_role("link", name="PDF (на русском языке)")
    response = page.request.get(page.base + contract.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.body())).pages
    text = spaces(" ".join(" ".join(p.extract_text() for p in pages).split()))
    assert "Реквизиты сторон" in text
    assert f"ИИН: {student.iin}" in text
    assert f"IBAN: {student.iban}" in text
    assert "Законный представитель получателя" in text
    assert "Жумабеков Серик Болатович" in text
    assert "в размере 850 000,00 ₸" in text
