"""End-to-end journeys in Chromium (issue 8, item 1): each role does its step through the pages,
and each journey leaves screenshots of its key pages in artifacts/screenshots/."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from applications.cases.models import Application, Family, Person
from applications.reference.quarters import previous_quarter
from applications.reference.testdata import iin_sequence, make_kz_iban
from benefits.models import Award
from tests.conftest import PASSWORD

from .conftest import (
    accept_dialogs,
    concluded,
    expect_text,
    fire_application,
    fire_family,
    kk,
    log_in,
    shot,
    spaces,
    surveyed,
    switch_language,
)

pytestmark = pytest.mark.browser


def fresh_iin(birth: datetime.date, sex: str, start: int) -> str:
    """An IIN that no citizen in the database has yet."""
    return next(
        i
        for i in iin_sequence(birth, sex, start=start)
        if not Person.objects.filter(iin=i).exists()
    )


def register_person(page, *, iin: str, surname: str, name: str, iban: str) -> None:
    page.goto(page.base + "/persons/new/")
    page.get_by_label("ИИН").fill(iin)
    page.get_by_label("Фамилия").fill(surname)
    page.get_by_label("Имя", exact=False).first.fill(name)
    page.get_by_label("Адрес").fill("с. Жанакорган, ул. Абая, 12")
    page.get_by_label("Счёт (IBAN)").fill(iban)
    page.get_by_role("button", name="Сохранить").click()


def field(page, label: str):
    """A form field by its label; a required field's label ends with « *»."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def cell_label(page, column: str, row: int):
    """A field of a formset table, found by its label (column and row number)."""
    return page.get_by_label(f"{column}, № {row}", exact=True)


def pdf_to_text(path) -> str:
    return spaces(" ".join(p.extract_text() for p in PdfReader(path).pages))


def fill_members_and_incomes(page, head_iin: str) -> None:
    """The family form's rows: a spouse and two children, and the quarter's incomes of the head
    (240 000 ₸ of wages) and the spouse (60 000 ₸ of allowance)."""
    members = [
        (fresh_iin(datetime.date(1987, 9, 14), "F", 21), "Сейтжанова", "Гульмира", "spouse"),
        (fresh_iin(datetime.date(2012, 3, 3), "M", 31), "Сейтжанов", "Арман", "son"),
        (fresh_iin(datetime.date(2015, 11, 20), "F", 41), "Сейтжанова", "Айша", "daughter"),
    ]
    for row, (iin, surname, name, relation) in enumerate(members, start=1):
        cell_label(page, "ИИН", row).fill(iin)
        cell_label(page, "Фамилия", row).fill(surname)
        cell_label(page, "Имя", row).fill(name)
        cell_label(page, "Родство", row).select_option(relation)
    year, quarter = previous_quarter(timezone.localdate())
    incomes = [(head_iin, "wages", "240000"), (members[0][0], "allowance", "60000")]
    for row, (iin, kind, amount) in enumerate(incomes, start=1):
        cell_label(page, "ИИН члена семьи", row).fill(iin)
        cell_label(page, "Вид дохода", row).select_option(kind)
        cell_label(page, "Год", row).fill(str(year))
        cell_label(page, "Квартал", row).fill(str(quarter))
        cell_label(page, "Сумма за квартал, ₸", row).fill(amount)


def test_caseworker_registers_family_of_four_and_fire_application(
    new_page, caseworker, okrug, category
):
    """Journey 1: a citizen, a family of four with the quarter's incomes (p16, p22) and an
    application for fire damage within three months of the event (p7.1) — all through forms."""
    page = new_page("ru")
    log_in(page, caseworker.username, PASSWORD)
    shot(page, "j1-01-start-page")

    head_iin = fresh_iin(datetime.date(1984, 6, 2), "M", 11)
    register_person(
        page, iin=head_iin, surname="Сейтжанов", name="Нурлан", iban=make_kz_iban("601", 77001)
    )
    expect_text(page, "Гражданин Сейтжанов")
    shot(page, "j1-02-person-registered")

    page.get_by_role("link", name="Зарегистрировать семью этого заявителя").click()
    assert page.get_by_label("ИИН заявителя").input_value() == head_iin
    page.get_by_label("Округ").select_option(str(okrug.pk))
    page.get_by_label("Адрес места жительства").fill("с. Жанакорган, ул. Абая, 12")
    fill_members_and_incomes(page, head_iin)
    shot(page, "j1-03-family-form")
    page.get_by_role("button", name="Сохранить семью").click()
    page.wait_for_url(re.compile(r"/families/\d+/$"))

    family = Family.objects.get(applicant__iin=head_iin)
    expect_text(page, f"Семья {family.reg_number} зарегистрирована.")
    assert family.members.count() == 4
    shot(page, "j1-04-family-page")

    page.get_by_role("link", name="Новое заявление").last.click()
    assert page.get_by_label("Регистрационный номер семьи").input_value() == family.reg_number
    page.get_by_label("Категория").select_option(label=str(category("hardship-disaster-fire")))
    event = timezone.localdate() - datetime.timedelta(days=20)
    page.get_by_label("Дата наступления ТЖС").fill(event.isoformat())
    page.get_by_label("Трудная жизненная ситуация").fill("Пожар в жилом доме, сгорела кровля.")
    page.get_by_role("button", name="Зарегистрировать").click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))

    application = Application.objects.get(family=family)
    expect_text(page, f"Заявление № {application.number} зарегистрировано.")
    assert application.category.paragraph == "7.1"
    assert application.event_date == event
    page_text = page.locator("main").inner_text()
    assert event.strftime("%d.%m.%Y") in page_text
    # per-capita income of the quarter before: (240 000 + 60 000) / 3 / 4 = 25 000,00 ₸
    assert page.locator("#per-capita").inner_text().replace("\xa0", " ") == "25 000,00 ₸"
    shot(page, "j1-05-application-page")


def local_commission_records_the_act(page, application, local_member) -> None:
    """Journey 2's middle: a member of the okrug's local commission records the survey act
    (annex 1) and the conclusion (annex 2) and downloads the issued act (p19)."""
    applicant = application.family.applicant
    accept_dialogs(page)
    log_in(page, local_member.username, PASSWORD)
    page.goto(page.base + application.get_absolute_url())
    page.get_by_role("link", name="Акт обследования и заключение участковой комиссии").click()
    expect_text(page, applicant.full_name)
    page.get_by_label("Населённый пункт").fill("с. Жанакорган")
    page.get_by_label("Председатель комиссии").fill("Омаров Б. К.")
    page.get_by_label("Занятость (место работы, учёбы): " + applicant.full_name).fill("безработный")
    page.get_by_label("необходимость", exact=True).check()
    page.get_by_label("Номер заключения").fill("УК-17")
    shot(page, "j2-02-survey-page")
    page.get_by_role("button", name="Составить акт и заключение").click()
    expect_text(page, "Акт обследования и заключение участковой комиссии № УК-17 составлены")
    application.refresh_from_db()
    assert application.status == Application.Status.SURVEYED
    shot(page, "j2-03-act-recorded")

    # The issued act opens inline (the browser's PDF viewer); fetch it with the user's session.
    act_link = (
        page.locator("table.documents tr", has_text="Акт обследования").get_by_role("link").first
    )
    assert "выдан" in act_link.inner_text()
    response = page.request.get(page.base + act_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf_text = pdf_to_text(io.BytesIO(response.body()))
    assert applicant.surname in pdf_text and applicant.name in pdf_text


def test_akim_registers_local_commission_surveys_and_akim_forwards(
    new_page, akim, local_member, family_factory, okrug, category
):
    """Journey 2: an application taken at the akim's office (p16); the local commission of the
    okrug records the act (annex 1) and the conclusion (annex 2) and downloads the act (p19);
    the akim's office forwards them to the authorized body (p20)."""
    family = fire_family(family_factory, okrug)
    akim_page = new_page("ru")
    log_in(akim_page, akim.username, PASSWORD)
    akim_page.goto(akim_page.base + f"/applications/new/?family={family.reg_number}")
    channel = akim_page.get_by_label("Где принято")
    assert channel.locator("option").all_inner_texts() == ["аппарат акима округа"]
    akim_page.get_by_label("Категория").select_option(label=str(category("hardship-disaster-fire")))
    akim_page.get_by_label("Дата наступления ТЖС").fill(
        (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    )
    akim_page.get_by_label("Трудная жизненная ситуация").fill("Пожар в сарае и доме.")
    akim_page.get_by_role("button", name="Зарегистрировать").click()
    akim_page.wait_for_url(re.compile(r"/applications/\d+/$"))
    application = Application.objects.get(family=family)
    assert application.channel == Application.Channel.AKIM
    # Dismissing the confirmation leaves the application where it was.
    akim_page.get_by_role("button", name="Направить в участковую комиссию").click()
    expect_text(akim_page, "зарегистрировано")
    application.refresh_from_db()
    assert application.status == Application.Status.REGISTERED
    accept_dialogs(akim_page)
    akim_page.get_by_role("button", name="Направить в участковую комиссию").click()
    expect_text(akim_page, "Документы направлены в участковую комиссию.")
    shot(akim_page, "j2-01-akim-sent-to-local")

    local_commission_records_the_act(new_page("ru"), application, local_member)

    akim_page.reload()
    akim_page.get_by_role("button", name="Направить в уполномоченный орган").click()
    expect_text(akim_page, "Акт и заключение направлены в уполномоченный орган.")
    application.refresh_from_db()
    assert application.status == Application.Status.AT_AUTHORITY
    shot(akim_page, "j2-04-forwarded")


def test_caseworker_sends_to_special_commission_which_is_refused_over_the_cap(
    new_page, caseworker, local_member, special_member, family_factory, okrug
):
    """Journey 3: per-capita income computed and the package sent on (p22); the special
    commission's amount is refused above the cap, 40 MRP per member and at most 150 MRP per
    family (p7.1), and what was typed stays; then a valid amount is recorded (p23)."""
    family = fire_family(family_factory, okrug)
    application = surveyed(
        fire_application(family=family, actor=caseworker, channel="authority"),
        sender=caseworker,
        local=local_member,
    )
    page = new_page("ru")
    accept_dialogs(page)
    log_in(page, caseworker.username, PASSWORD)
    page.goto(page.base + application.get_absolute_url())
    page.get_by_role("button", name="Рассчитать доход и направить в специальную комиссию").click()
    expect_text(page, "Доход рассчитан, пакет направлен в специальную комиссию.")
    application.refresh_from_db()
    assert application.status == Application.Status.AT_SPECIAL_COMMISSION
    assert application.per_capita_income is not None
    shot(page, "j3-01-sent-to-special")

    page = new_page("ru")
    accept_dialogs(page)
    log_in(page, special_member.username, PASSWORD)
    page.goto(page.base + application.get_absolute_url())
    page.get_by_role("link", name="Заключение специальной комиссии").click()
    cap = "не более 648 750,00 ₸ (150 МРП × 4 325 ₸)"
    assert spaces(page.locator("#cap").inner_text()) == cap
    page.get_by_label("необходимость", exact=True).check()
    amount = page.get_by_label("Размер социальной помощи, ₸")
    amount.fill("700000")
    page.get_by_role("button", name="Вынести заключение").click()
    error = spaces(page.locator(".field", has=amount).locator(".errorlist").inner_text())
    assert "700 000,00 ₸ превышает предельный размер" in error and cap in error
    assert amount.input_value() == "700000"
    shot(page, "j3-02-amount-over-cap")
    amount.fill("600000")
    page.get_by_role("button", name="Вынести заключение").click()
    expect_text(
        page, f"Заключение специальной комиссии по заявлению № {application.number} вынесено."
    )
    application.refresh_from_db()
    assert application.status == Application.Status.CONCLUDED
    assert application.special_conclusion.amount == Decimal("600000.00")
    shot(page, "j3-03-concluded")


def administrator_pays_by_list(page, administrator, family, payment) -> None:
    """Journey 4's end: the administrator forms a payment list holding the payment (p29),
    exports it as CSV and marks it sent to the bank."""
    accept_dialogs(page)
    log_in(page, administrator.username, PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Ведомости").click()
    today = timezone.localdate()
    page.get_by_label("Наименование ведомости").fill("ТЖС, пожары")
    page.get_by_label("Выплаты со дня").fill(today.replace(day=1).isoformat())
    page.get_by_label("Выплаты по день").fill(today.isoformat())
    page.get_by_role("button", name="Сформировать").click()
    expect_text(page, "Ведомость «ТЖС, пожары» сформирована.")
    row = page.locator("main table tr", has_text=family.applicant.iin)
    assert "432 500,00 ₸" in spaces(row.inner_text())
    shot(page, "j4-03-payment-list")
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать CSV").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    line = next(x for x in lines if family.applicant.iin in x)
    assert "432500.00" in line.split(";")
    page.get_by_role("button", name="Отметить: отправлена в банк").click()
    expect_text(page, "Ведомость отмечена как отправленная в банк.")
    assert payment.list_items.get().payment_list.status == "sent"
    shot(page, "j4-04-payment-list-sent")


def test_caseworker_decides_and_administrator_pays_by_list(
    new_page,
    caseworker,
    local_member,
    special_member,
    administrator,
    family_factory,
    okrug,
):
    """Journey 4: the grant (p24) and its notice (p25); the award's payment goes into a payment
    list (p29) that the administrator exports and marks sent to the bank."""
    family = fire_family(family_factory, okrug, surname="Есенов")
    application = concluded(
        surveyed(
            fire_application(family=family, actor=caseworker, channel="authority"),
            sender=caseworker,
            local=local_member,
        ),
        caseworker=caseworker,
        special=special_member,
        amount=Decimal("432500"),
    )
    page = new_page("ru")
    accept_dialogs(page)
    log_in(page, caseworker.username, PASSWORD)
    page.goto(page.base + application.get_absolute_url())
    page.get_by_role("link", name="Принять решение").click()
    page.get_by_label("оказать социальную помощь").check()
    shot(page, "j4-01-decision-form")
    page.get_by_role("button", name="Принять решение").click()
    expect_text(page, "Решение принято: оказать социальную помощь.")
    expect_text(page, "432 500,00 ₸")
    page.get_by_role("button", name="Выдать уведомление о решении").click()
    expect_text(page, "Уведомление о решении выдано")
    page.get_by_role("link", name="Заявитель уведомлён").click()
    page.get_by_label("вручено лично").check()
    page.get_by_role("button", name="Отметить уведомление").click()
    expect_text(page, "Уведомление заявителю отмечено.")
    application.refresh_from_db()
    assert application.status == Application.Status.NOTIFIED
    shot(page, "j4-02-notified")
    award = Award.objects.get(application=application)
    payment = award.payments.get()
    assert payment.amount == Decimal("432500.00")

    administrator_pays_by_list(new_page("ru"), administrator, family, payment)


def test_akim_of_another_okrug_cannot_find_the_case(
    new_page, caseworker, other_akim, family_factory, okrug
):
    """Journey 5: another okrug's akim sees nothing of the case (p2, okrug scoping): the
    search by the applicant's IIN finds nothing and the application's address answers 404."""
    family = fire_family(family_factory, okrug)
    application = fire_application(family=family, actor=caseworker, channel="authority")
    page = new_page("ru")
    log_in(page, other_akim.username, PASSWORD)
    search = page.get_by_label("Поиск")
    search.fill(family.applicant.iin)
    search.press("Enter")
    page.wait_for_load_state()
    assert family.applicant.surname not in page.locator("main").inner_text()
    assert application.number not in page.locator("main").inner_text()
    shot(page, "j5-01-search-finds-nothing")
    response = page.goto(page.base + application.get_absolute_url())
    assert response.status == 404
    shot(page, "j5-02-application-404")


def test_first_steps_in_kazakh(new_page, caseworker, okrug, category):
    """Journey 6: the same first steps in Kazakh, chosen with the switcher in the header; the
    choice stays with the user (issue 8, item 2)."""
    page = new_page("ru")
    log_in(page, caseworker.username, PASSWORD)
    switch_language(page, "kk")
    caseworker.refresh_from_db()
    assert caseworker.language == "kk"
    nav = page.get_by_role("navigation")
    expect_text(nav, "Өтініштер")
    expect_text(page.locator("main"), kk("Мои задачи"))
    shot(page, "j6-01-start-page-kk")

    head_iin = fresh_iin(datetime.date(1979, 2, 8), "F", 51)
    page.get_by_role("link", name=kk("Зарегистрировать гражданина")).click()
    field(page, kk("ИИН")).fill(head_iin)
    field(page, kk("фамилия")).fill("Әбдіқадырова")
    field(page, kk("имя")).fill("Сәуле")
    field(page, kk("счёт (IBAN)")).fill(make_kz_iban("601", 77051))
    shot(page, "j6-02-person-form-kk")
    page.get_by_role("button", name=kk("Сохранить"), exact=True).click()
    expect_text(page.locator("main"), "азамат тіркелді")

    page.get_by_role("link", name=kk("Зарегистрировать семью этого заявителя")).click()
    field(page, kk("округ")).select_option(str(okrug.pk))
    field(page, kk("адрес места жительства")).fill("Жаңақорған а., Абай к., 5")
    child = fresh_iin(datetime.date(2011, 5, 5), "M", 61)
    cell_label(page, kk("ИИН"), 1).fill(child)
    cell_label(page, kk("фамилия"), 1).fill("Әбдіқадыров")
    cell_label(page, kk("имя"), 1).fill("Ерлан")
    cell_label(page, kk("родство"), 1).select_option("son")
    shot(page, "j6-03-family-form-kk")
    page.get_by_role("button", name=kk("Сохранить семью")).click()
    page.wait_for_url(re.compile(r"/families/\d+/$"))
    family = Family.objects.get(applicant__iin=head_iin)
    expect_text(page.locator("main"), f"{family.reg_number} отбасы тіркелді.")

    page.get_by_role("link", name=kk("Новое заявление")).last.click()
    field(page, kk("категория")).select_option(value=str(category("hardship-disaster-fire").pk))
    page.get_by_label(kk("дата наступления ТЖС (для бедствия, пожара)")).fill(
        (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    )
    field(page, kk("трудная жизненная ситуация")).fill("Үй өртенді.")
    page.get_by_role("button", name=kk("Зарегистрировать"), exact=True).click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    application = Application.objects.get(family=family)
    expect_text(page.locator("main"), f"№ {application.number} өтініш тіркелді.")
    expect_text(page.locator("h1"), "Өтініш")
    assert page.locator("html").get_attribute("lang") == "kk"
    shot(page, "j6-04-application-page-kk")

    # The choice follows the user to a new session.
    again = new_page("ru")
    log_in(again, caseworker.username, PASSWORD)
    assert again.locator("html").get_attribute("lang") == "kk"
