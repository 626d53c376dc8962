"""The pages of awards, payment lists, budgets and reports, as the roles use them."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benefits.models import Budget, BudgetOverride, PaymentList, Recovery, ScheduledPayment
from benefits.services.payments import payment_list_build
from tests.conftest import login

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def tb_award(grant):
    return grant(
        "hardship-tuberculosis",
        amount="26510",
        decided_on=D(2020, 1, 20),
        mrp_value="2651",
        period=(D(2020, 2, 1), D(2020, 6, 30)),
    )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


class TestAwards:
    def test_list_query_count_does_not_grow_with_rows(self, client, caseworker, grant):
        login(client, caseworker)
        url = reverse("benefits:award_list")
        grant(amount="20000", decided_on=D(2022, 2, 1), mrp_value="3063")
        few = count_queries(client, url)
        for day in range(2, 6):
            grant(amount="20000", decided_on=D(2022, 2, day), mrp_value="3063")
        assert count_queries(client, url) == few

    def test_list_filters_as_its_bookmarks_name_them(
        self, client, caseworker, auditor, grant, tb_award, okrug, monkeypatch
    ):
        """q (IIN or surname), status, category and okrug, each row as the list shows it: the
        IIN whole for the caseworker, masked for the auditor."""
        other = grant(amount="20000", decided_on=D(2022, 2, 1), mrp_value="3063")
        url = reverse("benefits:award_list")

        def listed(params: dict) -> list:
            page = client.get(url, params).content.decode()
            return [a for a in (other, tb_award) if f'href="{a.get_absolute_url()}"' in page]

        login(client, caseworker)
        assert listed({}) == [other, tb_award]
        assert listed({"q": tb_award.recipient.iin}) == [tb_award]
        assert listed({"q": tb_award.recipient.surname[1:5]}) == [other, tb_award]
        assert listed({"category": tb_award.category_id, "okrug": okrug.pk}) == [tb_award]
        assert listed({"status": "terminated"}) == []
        page = client.get(url, {"category": tb_award.category_id}).content.decode()
        row = page.split(f'href="{tb_award.get_absolute_url()}"')[1].split("</tr>")[0]
        assert "<td>20.01.2020</td>" in row and f"<td>{tb_award.recipient.iin}</td>" in row
        assert '<td class="num">26\u00a0510,00\u00a0₸</td>' in row
        assert "<td>01.02.2020 — 01.06.2020</td>" in row and "<td>п. 7.2</td>" in row
        assert '<span class="badge">действует</span>' in row
        nothing = client.get(url, {"status": "terminated"}).content.decode()
        assert '<td colspan="10" class="muted">Ничего не найдено.</td>' in nothing
        bad = client.get(url, {"category": "99999"}).content.decode()
        assert "Выберите корректный вариант" in bad

        login(client, auditor)
        page = client.get(url).content.decode()
        assert tb_award.recipient.masked_iin in page and tb_award.recipient.iin not in page

        monkeypatch.setattr("benefits.views.PAGE_SIZE", 1)
        second = client.get(url, {"okrug": okrug.pk, "page": 2}).content.decode()
        assert f'href="{tb_award.get_absolute_url()}"' in second
        assert f'href="?okrug={okrug.pk}&page=1"' in second

    def test_detail_shows_schedule_with_mrp_of_each_month(self, client, caseworker, tb_award):
        page = login(client, caseworker).get(tb_award.get_absolute_url()).content.decode()
        assert "26\u00a0510,00\u00a0₸" in page and "27\u00a0780,00\u00a0₸" in page
        assert "04.2020" in page and "2\u00a0778,00\u00a0₸" in page

    def test_terminate_then_repay_through_the_page(
        self, client, caseworker, tb_award, administrator
    ):
        pl = payment_list_build(
            title="Фев–мар",
            period_start=D(2020, 2, 1),
            period_end=D(2020, 3, 31),
            actor=administrator,
        )
        pl.status = "sent"
        pl.save()
        login(client, caseworker)
        url = reverse("benefits:award_terminate", args=[tb_award.pk])
        response = client.post(url, {"reason": "death", "event_date": "2020-03-10"}, follow=True)
        text = response.content.decode()
        assert "Образовалась переплата к возврату: 26\u00a0510,00\u00a0₸" in text
        recovery = Recovery.objects.get()
        repay = reverse("benefits:recovery_repay", args=[recovery.pk])
        prefix = f"r{recovery.pk}"
        bad = client.post(
            repay,
            {
                f"{prefix}-kind": "voluntary",
                f"{prefix}-paid_on": "2020-05-01",
                f"{prefix}-amount": "99999",
            },
        )
        text = bad.content.decode()
        assert bad.status_code == 200 and "больше остатка долга 26\u00a0510,00\u00a0₸" in text
        assert 'value="99999"' in text
        client.post(
            repay,
            {
                f"{prefix}-kind": "voluntary",
                f"{prefix}-paid_on": "2020-05-01",
                f"{prefix}-amount": "26510",
            },
        )
        recovery.refresh_from_db()
        assert recovery.status == "closed"

    def test_bad_date_kept_with_message_beside_field(self, client, caseworker, tb_award):
        login(client, caseworker)
        url = reverse("benefits:award_terminate", args=[tb_award.pk])
        response = client.post(url, {"reason": "death", "event_date": "31.02.2020"})
        assert response.status_code == 200
        assert "Введите правильную дату" in response.content.decode()
        assert 'value="31.02.2020"' in response.content.decode()

    def test_auditor_reads_but_cannot_terminate(self, client, auditor, tb_award):
        login(client, auditor)
        page = client.get(tb_award.get_absolute_url()).content.decode()
        assert tb_award.recipient.masked_iin in page and tb_award.recipient.iin not in page
        url = reverse("benefits:award_terminate", args=[tb_award.pk])
        assert client.post(url, {"reason": "death", "event_date": "2020-03-10"}).status_code == 403
        assert ScheduledPayment.objects.filter(status="cancelled").count() == 0

    def test_akim_does_not_see_awards(self, client, akim, tb_award):
        login(client, akim)
        assert client.get(tb_award.get_absolute_url()).status_code == 404
        assert client.get(reverse("benefits:award_list")).status_code == 404


class TestPaymentListPages:
    def test_build_export_send_pay(self, client, administrator, tb_award):
        login(client, administrator)
        response = client.post(
            reverse("benefits:payment_list_build"),
            {
                "title": "Февраль 2020",
                "period_start": "2020-02-01",
                "period_end": "2020-02-29",
            },
            follow=True,
        )
        assert "Ведомость «Февраль 2020» сформирована." in response.content.decode()
        pl = PaymentList.objects.get()
        csv_response = client.get(reverse("benefits:payment_list_export", args=[pl.pk, "csv"]))
        text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[1][1] == tb_award.recipient.iin and rows[1][5] == "26510.00"
        assert rows[-1][2:6] == ["Итого по ведомости", "", "", "26510.00"]
        xlsx = client.get(reverse("benefits:payment_list_export", args=[pl.pk, "xlsx"]))
        book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
        # the title, period, banks and date, a blank line, the header, then the rows
        assert book.active.cell(7, 2).value == tb_award.recipient.iin
        client.post(reverse("benefits:payment_list_send", args=[pl.pk]))
        client.post(reverse("benefits:payment_list_pay", args=[pl.pk]), {"paid_on": "2020-02-10"})
        assert ScheduledPayment.objects.get(status="paid").paid_on == D(2020, 2, 10)
        assert list(pl.items.values_list("status", "paid_on")) == [("paid", D(2020, 2, 10))]

    def test_nothing_due_message_keeps_input(self, client, administrator, tb_award):
        login(client, administrator)
        response = client.post(
            reverse("benefits:payment_list_build"),
            {
                "title": "Пусто",
                "period_start": "2019-02-01",
                "period_end": "2019-02-28",
            },
        )
        text = response.content.decode()
        assert "нет запланированных выплат" in text and 'value="Пусто"' in text

    def test_caseworker_cannot_build(self, client, caseworker, tb_award):
        login(client, caseworker)
        response = client.post(
            reverse("benefits:payment_list_build"),
            {"title": "x", "period_start": "2020-02-01", "period_end": "2020-02-29"},
        )
        assert response.status_code == 403

    def test_index_query_count_flat(self, client, administrator, tb_award):
        login(client, administrator)
        url = reverse("benefits:payment_list_index")
        payment_list_build(
            title="1", period_start=D(2020, 2, 1), period_end=D(2020, 2, 29), actor=administrator
        )
        few = count_queries(client, url)
        for month in (3, 4, 5):
            payment_list_build(
                title=str(month),
                period_start=D(2020, month, 1),
                period_end=D(2020, month, 28),
                actor=administrator,
            )
        assert count_queries(client, url) == few

    def test_detail_query_count_flat(self, client, administrator, grant):
        login(client, administrator)
        grant(amount="20000", decided_on=D(2022, 2, 1), mrp_value="3063")
        pl = payment_list_build(
            title="a", period_start=D(2022, 1, 1), period_end=D(2022, 12, 31), actor=administrator
        )
        few = count_queries(client, pl.get_absolute_url())
        for day in range(2, 6):
            grant(amount="20000", decided_on=D(2022, 3, day), mrp_value="3063")
        pl2 = payment_list_build(
            title="b", period_start=D(2022, 1, 1), period_end=D(2022, 12, 31), actor=administrator
        )
        assert count_queries(client, pl2.get_absolute_url()) == few


class TestBudgetPage:
    def test_set_budget_and_override(self, client, administrator, grant, application_factory):
        login(client, administrator)
        client.post(
            reverse("benefits:budget_save"),
            {"year": "2022", "programme": "hardship", "amount": "100000", "note": ""},
        )
        budget = Budget.objects.get(year=2022, programme="hardship")
        grant(amount="30000", decided_on=D(2022, 6, 1), mrp_value="3180")
        page = client.get(reverse("benefits:budget_dashboard") + "?year=2022").content.decode()
        assert "100\u00a0000,00\u00a0₸" in page and "70\u00a0000,00\u00a0₸" in page
        short = client.post(
            reverse("benefits:budget_override"),
            {"budget": budget.pk, "amount": "5000", "reason": "мало"},
        )
        assert "не короче 10 знаков" in short.content.decode()
        client.post(
            reverse("benefits:budget_override"),
            {"budget": budget.pk, "amount": "5000", "reason": "Пожар в с. Сунаката, решение акима"},
        )
        assert BudgetOverride.objects.get().recorded_by == administrator


class TestReportPage:
    def test_report_counts_grants_amounts_and_xlsx(self, client, auditor, grant, administrator):
        award = grant(amount="20000", decided_on=D(2022, 2, 1), mrp_value="3063")
        pl = payment_list_build(
            title="a", period_start=D(2022, 1, 1), period_end=D(2022, 12, 31), actor=administrator
        )
        from benefits.services.payments import payment_list_mark_paid, payment_list_mark_sent

        payment_list_mark_sent(payment_list=pl, actor=administrator)
        payment_list_mark_paid(payment_list=pl, paid_on=D(2022, 3, 3), actor=administrator)
        login(client, auditor)
        query = "?date_from=2022-01-01&date_to=2022-12-31"
        page = client.get(reverse("benefits:report") + query).content.decode()
        assert "02.2022" in page and "03.2022" in page
        assert award.okrug.name_ru in page
        xlsx = client.get(reverse("benefits:report_xlsx") + query)
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        total = rows[-1]
        assert total[2] == "Итого" and total[4] == 1
        assert Decimal(str(total[7])) == Decimal("20000") and Decimal(str(total[8])) == 20000

    def test_esobes_export_has_documented_columns(self, client, auditor, grant):
        grant(amount="20000", decided_on=D(2022, 2, 1), mrp_value="3063")
        login(client, auditor)
        response = client.get(
            reverse("benefits:esobes_export") + "?date_from=2022-01-01&date_to=2022-12-31"
        )
        rows = list(
            csv.reader(
                io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
            )
        )
        assert rows[0][:3] == ["AWARD_ID", "IIN", "FIO"]
        assert rows[1][rows[0].index("AMOUNT")] == "20000.00"
        assert rows[1][rows[0].index("MRP_VALUE")] == "3063.00"


def test_admin_lists_awards_and_payment_lists(client, administrator, tb_award):
    login(client, administrator)
    assert client.get(reverse("admin:benefits_award_changelist")).status_code == 200
    assert client.get(reverse("admin:benefits_award_change", args=[tb_award.pk])).status_code == 200
    assert client.get(reverse("admin:benefits_paymentlist_changelist")).status_code == 200
    assert client.get(reverse("admin:benefits_budget_changelist")).status_code == 200
