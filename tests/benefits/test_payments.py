"""Payment lists (p29): building, the one-list constraint, marking sent and paid, and the
XLSX and CSV files read back with their totals checked against the database."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum

from applications.reference.models import Bank
from applications.reference.testdata import make_kz_iban
from benefits.exceptions import PaymentListError
from benefits.exports import payment_list_rows, write_csv, write_xlsx
from benefits.models import Award, PaymentListItem, ScheduledPayment
from benefits.services.payments import (
    payment_list_build,
    payment_list_discard,
    payment_list_mark_paid,
    payment_list_mark_sent,
)

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def monthly_awards(grant):
    """Two tuberculosis patients paid monthly Feb–Jun 2020, with accounts in two banks."""
    first = grant(
        "hardship-tuberculosis",
        amount="26510",
        decided_on=D(2020, 1, 20),
        mrp_value="2651",
        period=(D(2020, 2, 1), D(2020, 6, 30)),
    )
    second = grant(
        "hardship-tuberculosis",
        amount="20000",
        decided_on=D(2020, 1, 22),
        mrp_value="2651",
        period=(D(2020, 2, 1), D(2020, 3, 31)),
    )
    second.recipient.iban = make_kz_iban("722", 123456)
    second.recipient.bank = Bank.objects.get(code="722")
    second.recipient.save()
    return first, second


def build(actor, start=None, end=None):
    return payment_list_build(
        title="Февраль–март 2020",
        period_start=start or D(2020, 2, 1),
        period_end=end or D(2020, 3, 31),
        actor=actor,
    )


class TestBuild:
    def test_list_takes_due_payments_grouped_by_bank(self, monthly_awards, administrator):
        payment_list = build(administrator)
        items = list(payment_list.items.select_related("bank"))
        assert len(items) == 4
        assert {i.bank.code for i in items} == {"601", "722"}
        assert ScheduledPayment.objects.filter(status="listed").count() == 4
        assert ScheduledPayment.objects.filter(status="scheduled").count() == 3

    def test_payment_listed_once_second_list_is_refused(self, monthly_awards, administrator):
        build(administrator)
        with pytest.raises(PaymentListError, match="нет запланированных выплат"):
            build(administrator)

    def test_database_refuses_the_same_payment_in_two_lists(self, monthly_awards, administrator):
        first = build(administrator)
        item = first.items.first()
        other = build(administrator, start=D(2020, 4, 1), end=D(2020, 4, 30))
        with pytest.raises(IntegrityError), transaction.atomic():
            PaymentListItem.objects.create(
                payment_list=other,
                payment=item.payment,
                bank=item.bank,
                iban=item.iban,
                amount=item.amount,
            )

    def test_sent_then_paid_marks_payments_paid(self, monthly_awards, administrator):
        payment_list = build(administrator)
        with pytest.raises(PaymentListError):
            payment_list_mark_paid(
                payment_list=payment_list, paid_on=D(2020, 4, 3), actor=administrator
            )
        payment_list_mark_sent(payment_list=payment_list, actor=administrator)
        payment_list_mark_paid(
            payment_list=payment_list, paid_on=D(2020, 4, 3), actor=administrator
        )
        paid = ScheduledPayment.objects.filter(status="paid")
        assert paid.count() == 4 and set(paid.values_list("paid_on", flat=True)) == {D(2020, 4, 3)}
        _first, second = monthly_awards
        second.refresh_from_db()
        assert second.status == Award.Status.COMPLETED

    def test_every_payment_status_change_is_on_record(self, monthly_awards, administrator):
        """p29 + audit: listed, then paid; each payment keeps its history of statuses."""
        payment_list = build(administrator)
        payment_list_mark_sent(payment_list=payment_list, actor=administrator)
        payment_list_mark_paid(
            payment_list=payment_list, paid_on=D(2020, 4, 3), actor=administrator
        )
        for payment in ScheduledPayment.objects.filter(status="paid"):
            statuses = [h.status for h in payment.history.order_by("history_date", "history_id")]
            assert statuses == ["scheduled", "listed", "paid"]
        _first, second = monthly_awards
        assert [h.status for h in second.history.order_by("history_date", "history_id")][-1] == (
            Award.Status.COMPLETED
        )

    def test_discarded_draft_returns_payments_to_schedule(self, monthly_awards, administrator):
        payment_list = build(administrator)
        payment_list_discard(payment_list=payment_list, actor=administrator)
        assert ScheduledPayment.objects.filter(status="scheduled").count() == 7


class TestExport:
    def test_csv_read_back_totals_equal_database(self, monthly_awards, administrator):
        payment_list = build(administrator)
        text = "".join(write_csv(payment_list_rows(payment_list)))
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[0] == [
            "ИИН",
            "ФИО получателя",
            "IBAN",
            "Банк",
            "Сумма, ₸",
            "Назначение платежа",
        ]
        data = [r for r in rows[1:] if r[0]]
        totals = {r[1]: Decimal(r[4]) for r in rows[1:] if not r[0]}
        db_total = payment_list.items.aggregate(s=Sum("amount"))["s"]
        assert len(data) == 4
        assert sum(Decimal(r[4]) for r in data) == db_total == Decimal("93020.00")
        assert totals["Итого по ведомости"] == db_total
        by_bank = {k: v for k, v in totals.items() if k.startswith("Итого по банку")}
        assert len(by_bank) == 2 and sum(by_bank.values()) == db_total
        first, _second = monthly_awards
        assert data[0][0] in {first.recipient.iin, _second.recipient.iin}
        assert any(r[1] == first.recipient.full_name for r in data)

    def test_xlsx_read_back_totals_equal_database(self, monthly_awards, administrator):
        payment_list = build(administrator)
        out = io.BytesIO()
        write_xlsx(payment_list_rows(payment_list), out, sheet="Ведомость")
        out.seek(0)
        sheet = openpyxl.load_workbook(out, read_only=True).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert rows[0][0] == "ИИН" and rows[-1][1] == "Итого по ведомости"
        data = [r for r in rows[1:] if r[0]]
        db_total = payment_list.items.aggregate(s=Sum("amount"))["s"]
        assert Decimal(str(rows[-1][4])).quantize(Decimal("0.01")) == db_total
        assert sum(Decimal(str(r[4])) for r in data).quantize(Decimal("0.01")) == db_total
        bank_rows = [r for r in rows if r[1] and str(r[1]).startswith("Итого по банку")]
        assert len(bank_rows) == 2


def test_library_export_and_stream_share_the_resource_columns(monthly_awards, administrator):
    """The Resource is the one definition: django-import-export's own export (the admin's)
    gives the same header and data rows as the streaming file."""
    from benefits.resources import PaymentListItemResource

    payment_list = build(administrator)
    resource = PaymentListItemResource()
    dataset = resource.export(queryset=resource.get_queryset().filter(payment_list=payment_list))
    streamed = [list(r) for r in payment_list_rows(payment_list)]
    assert list(dataset.headers) == streamed[0]
    data = [r for r in streamed[1:] if r[0]]
    assert [str(r[0]) for r in dataset] == [r[0] for r in data]
    assert [Decimal(str(r[4])) for r in dataset] == [r[4] for r in data]
