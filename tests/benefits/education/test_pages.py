"""Education aid pages: the application with the 25 August boundary, the decision, the
contract PDF, the transfer and receipt, the overdue list; who may act."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.reference.models import Category, InDemandSpeciality
from benefits.models import EducationCase
from benefits.services.education import education_case_decide
from tests.conftest import login
from zhanakorgan_aid.templatetags.aid import format_money

from .conftest import at
from .test_education import DECIDED, pay_out

pytestmark = pytest.mark.django_db


def form_data(family, student, **extra):
    return {
        "family": family.reg_number,
        "student_iin": student.iin,
        "category": Category.objects.get(code="education-orphans").pk,
        "degree": "master",
        "institution": "КазНУ им. аль-Фараби",
        "speciality": InDemandSpeciality.objects.get(code="7M01").pk,
        "study_form": "full_time",
        "academic_year": 2024,
        "tuition": "1200000",
        "student_document": "Удостоверение личности № 045678912, МВД РК, 10.01.2024",
        "representative_name": "Ахметов Серик Болатович",
        "representative_relation": "parent",
        "representative_iin": "800101300155",
        "representative_document": "Удостоверение личности № 012345678, МВД РК, 01.02.2015",
        "representative_address": "с. Жанакорган, ул. Абая, 1",
        **extra,
    }


@pytest.fixture
def family_and_student(family_factory):
    family = family_factory(size=3, wages=Decimal("90000"), year=2024, quarter=2)
    return family, family.members.exclude(relation="applicant").first().person


def test_26_august_refused_on_the_page_with_input_kept(client, caseworker, family_and_student):
    family, student = family_and_student
    login(client, caseworker)
    with time_machine.travel(at(datetime.date(2024, 8, 26)), tick=False):
        response = client.post(reverse("benefits:education_create"), form_data(family, student))
    html = response.content.decode()
    assert response.status_code == 200
    assert "приём закончился 25.08.2024, обращение 26.08.2024 не принимается" in html
    assert 'value="КазНУ им. аль-Фараби"' in html
    assert not EducationCase.objects.exists()


def test_25_august_registered_and_decided_on_the_page(client, caseworker, family_and_student):
    family, student = family_and_student
    login(client, caseworker)
    with time_machine.travel(at(datetime.date(2024, 8, 25)), tick=False):
        response = client.post(reverse("benefits:education_create"), form_data(family, student))
        case = EducationCase.objects.get()
        assert response.url == case.get_absolute_url()
        decided = client.post(reverse("benefits:education_decide", args=[case.pk]), follow=True)
    page = decided.content.decode()
    assert f"Помощь назначена; договор № 2024-О-{case.pk:05d}." in page
    assert "1\u00a0200\u00a0000,00\u00a0₸" in page  # tuition below 420 MRP × 3 692


def test_contract_issued_and_downloaded(client, caseworker, auditor, education_case):
    case = education_case()
    education_case_decide(case=case, actor=caseworker, on=DECIDED)
    login(client, caseworker)
    client.post(reverse("benefits:education_contract_issue", args=[case.pk, "ru"]))
    login(client, auditor)
    response = client.get(reverse("benefits:education_contract_download", args=[case.pk, "ru"]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        client.post(reverse("benefits:education_contract_issue", args=[case.pk, "kk"])).status_code
        == 403
    )


def test_transfer_receipt_and_overdue_pages(client, caseworker, education_case):
    case = education_case()
    education_case_decide(case=case, actor=caseworker, on=DECIDED)
    year = case.years.get()
    pay_out(year, caseworker, paid_on=datetime.date(2024, 8, 27))
    login(client, caseworker)
    client.post(
        reverse("benefits:education_transfer", args=[case.pk, year.pk]),
        {"arrived_on": "2024-08-27"},
    )
    with time_machine.travel(at(datetime.date(2024, 9, 5)), tick=False):
        overdue = client.get(reverse("benefits:education_overdue")).content.decode()
    assert case.student.full_name in overdue and "04.09.2024" in overdue
    with time_machine.travel(at(datetime.date(2024, 9, 5)), tick=False):
        login(client, caseworker)
        start_page = client.get(reverse("workflow:home")).content.decode()
    assert 'id="queue-receipts"' in start_page and case.student.full_name in start_page
    receipts = start_page.split('id="queue-receipts"')[1].split("</table>")[0]
    assert reverse("benefits:education_detail", args=[case.pk]) in receipts
    assert "04.09.2024" in receipts and str(year.academic_year) in receipts
    with time_machine.travel(at(datetime.date(2024, 9, 4)), tick=False):
        login(client, caseworker)
        assert 'id="queue-receipts"' not in client.get(reverse("workflow:home")).content.decode()
    login(client, caseworker)  # the session saved in 2024 has expired by now

    bad = client.post(
        reverse("benefits:education_receipt", args=[case.pk, year.pk]),
        {"received_on": "2024-08-01", "receipt_number": "К-1"},
    )
    assert bad.status_code == 400
    assert "Квитанция не может быть раньше поступления денег." in bad.content.decode()
    client.post(
        reverse("benefits:education_receipt", args=[case.pk, year.pk]),
        {"received_on": "2024-09-05", "receipt_number": "К-1"},
    )
    with time_machine.travel(at(datetime.date(2024, 9, 6)), tick=False):
        overdue = client.get(reverse("benefits:education_overdue")).content.decode()
    assert "Просроченных квитанций нет." in overdue


def test_expel_on_the_page_opens_recovery(client, caseworker, education_case):
    case = education_case(tuition=Decimal("700000"))
    education_case_decide(case=case, actor=caseworker, on=DECIDED)
    pay_out(case.years.get(), caseworker, paid_on=datetime.date(2024, 8, 27))
    login(client, caseworker)
    response = client.post(
        reverse("benefits:education_expel", args=[case.pk]),
        {"reason": "absence", "expelled_on": "2024-11-11"},
        follow=True,
    )
    page = response.content.decode()
    assert "Отчисление отмечено; к возврату: 1." in page
    assert "700\u00a0000,00\u00a0₸" in page
    assert "систематическое и беспричинное отсутствие на учёбе" in page


def test_other_roles_see_nothing(client, akim, education_case, caseworker):
    case = education_case()
    login(client, akim)
    assert client.get(reverse("benefits:education_detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("benefits:education_list")).status_code == 404


def test_list_queries_do_not_grow(client, caseworker, education_case):
    login(client, caseworker)
    education_case()
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("benefits:education_list"))
    for _ in range(4):
        education_case()
    with CaptureQueriesContext(connection) as five:
        assert client.get(reverse("benefits:education_list")).status_code == 200
    assert len(one) == len(five)


def test_the_list_and_the_overdue_receipts_as_the_pages_show_them(
    client, caseworker, education_case
):
    case = education_case()
    login(client, caseworker)
    page = client.get(reverse("benefits:education_list")).content.decode()
    row = page.split(f'<a href="{case.get_absolute_url()}">')[1].split("</tr>")[0]
    assert row.startswith(f"№ {case.application.number}</a></td>")
    assert "<td>2024/2025</td>" in row and "<td>—</td>" in row  # no contract before the decision
    assert '<span class="badge">заявление принято</span>' in row

    education_case_decide(case=case, actor=caseworker, on=DECIDED)
    year = case.years.get()
    pay_out(year, caseworker, paid_on=datetime.date(2024, 8, 27))
    client.post(
        reverse("benefits:education_transfer", args=[case.pk, year.pk]),
        {"arrived_on": "2024-08-27"},
    )
    with time_machine.travel(at(datetime.date(2024, 9, 5)), tick=False):
        login(client, caseworker)
        overdue = client.get(reverse("benefits:education_overdue")).content.decode()
    row = overdue.split('<table id="overdue">')[1].split("</table>")[0]
    assert f'<a href="{case.get_absolute_url()}">{case.student.full_name}</a>' in row
    assert f'<td class="num">{format_money(year.amount)}</td>' in row
    assert '<td>27.08.2024</td><td class="late">04.09.2024</td>' in row


def test_part_time_refused_on_the_page_with_input_kept(client, caseworker, family_and_student):
    family, student = family_and_student
    login(client, caseworker)
    with time_machine.travel(at(datetime.date(2024, 8, 20)), tick=False):
        response = client.post(
            reverse("benefits:education_create"),
            form_data(family, student, study_form="part_time"),
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "только обучающимся по очной форме (п. 8)" in html
    assert 'value="Ахметов Серик Болатович"' in html
    assert not EducationCase.objects.exists()


def test_a_representatives_name_with_digits_refused_beside_the_field(
    client, caseworker, family_and_student
):
    family, student = family_and_student
    login(client, caseworker)
    with time_machine.travel(at(datetime.date(2024, 8, 20)), tick=False):
        response = client.post(
            reverse("benefits:education_create"),
            form_data(family, student, representative_name="Ахметов 1"),
        )
    html = response.content.decode()
    assert "Имя может содержать только буквы, дефис, апостроф и пробел." in html
    assert not EducationCase.objects.exists()


def test_decision_without_an_account_says_so_on_the_page(client, caseworker, education_case):
    case = education_case()
    case.student.iban, case.student.bank = "", None
    case.student.save()
    login(client, caseworker)
    with time_machine.travel(at(DECIDED), tick=False):
        page = client.post(reverse("benefits:education_decide", args=[case.pk]), follow=True)
    assert "нет счёта в банке (IBAN)" in page.content.decode()
    case.refresh_from_db()
    assert case.status == EducationCase.Status.APPLIED
