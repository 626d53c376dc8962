"""Payment lists (p29): building, the one-list constraint, marking sent and paid, and the
XLSX and CSV files read back with their totals checked against the database."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse

from applications.reference.models import Bank
from applications.reference.testdata import make_kz_iban
from benefits.exceptions import PaymentListError
from benefits.exports import esobes_rows, payment_list_rows, write_csv, write_xlsx
from benefits.forms import PaymentListBuildForm
from benefits.models import Award, PaymentListItem, ScheduledPayment
from benefits.resources import PaymentListItemResource, read_bank_result
from benefits.selectors import esobes_payments
from benefits.services.payments import (
    payment_list_build,
    payment_list_discard,
    payment_list_mark_paid,
    payment_list_mark_sent,
)
from benefits.services.reconciliation import (
    payment_list_reconcile,
    payment_list_reconciliation_check,
)
from tests.conftest import login

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
            "№ строки",
            "ИИН",
            "ФИО получателя",
            "IBAN",
            "Банк",
            "Сумма, ₸",
            "Назначение платежа",
        ]
        data = [r for r in rows[1:] if r[0]]
        totals = {r[2]: Decimal(r[5]) for r in rows[1:] if not r[0]}
        db_total = payment_list.items.aggregate(s=Sum("amount"))["s"]
        assert len(data) == 4
        assert sum(Decimal(r[5]) for r in data) == db_total == Decimal("93020.00")
        assert totals["Итого по ведомости"] == db_total
        by_bank = {k: v for k, v in totals.items() if k.startswith("Итого по банку")}
        assert len(by_bank) == 2 and sum(by_bank.values()) == db_total
        first, _second = monthly_awards
        assert data[0][1] in {first.recipient.iin, _second.recipient.iin}
        assert any(r[2] == first.recipient.full_name for r in data)
        assert {int(r[0]) for r in data} == set(payment_list.items.values_list("pk", flat=True))

    def test_xlsx_read_back_totals_equal_database(self, monthly_awards, administrator):
        payment_list = build(administrator)
        out = io.BytesIO()
        write_xlsx(payment_list_rows(payment_list), out, sheet="Ведомость")
        out.seek(0)
        sheet = openpyxl.load_workbook(out, read_only=True).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert rows[0][1] == "ИИН" and rows[-1][2] == "Итого по ведомости"
        data = [r for r in rows[1:] if r[0]]
        db_total = payment_list.items.aggregate(s=Sum("amount"))["s"]
        assert Decimal(str(rows[-1][5])).quantize(Decimal("0.01")) == db_total
        assert sum(Decimal(str(r[5])) for r in data).quantize(Decimal("0.01")) == db_total
        bank_rows = [r for r in rows if r[2] and str(r[2]).startswith("Итого по банку")]
        assert len(bank_rows) == 2


def test_library_export_and_stream_share_the_resource_columns(monthly_awards, administrator):
    """The Resource is the one definition: django-import-export's own export (the admin's)
    gives the same header and data rows as the streaming file."""
    payment_list = build(administrator)
    resource = PaymentListItemResource()
    dataset = resource.export(queryset=resource.get_queryset().filter(payment_list=payment_list))
    streamed = [list(r) for r in payment_list_rows(payment_list)]
    assert list(dataset.headers) == streamed[0]
    data = [r for r in streamed[1:] if r[0]]
    assert [r[0] for r in dataset] == [str(r[0]) for r in data]
    assert [Decimal(str(r[5])) for r in dataset] == [r[5] for r in data]


# --- formulas in the CSV files (issue 21, item 4) --------------------------------------------

FORMULA_SURNAME = '=HYPERLINK("http://evil.example/?x","Нажмите")'


def _with_formulas(monthly_awards):
    """A surname from an outside organisation's list that is a spreadsheet formula, a name and a
    payment purpose that start with the other formula signs."""
    first, _second = monthly_awards
    person = first.recipient
    person.surname, person.name, person.patronymic = FORMULA_SURNAME, "+Айдар", "@Серикович"
    person.save()
    ScheduledPayment.objects.filter(award=first).update(purpose="-1+2 за февраль")
    return first


def _csv(rows) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(write_csv(rows))), delimiter=";"))


def test_payment_list_csv_every_cell_is_what_the_database_holds_with_formulas_neutralised(
    monthly_awards, administrator
):
    first = _with_formulas(monthly_awards)
    payment_list = build(administrator)
    rows = _csv(payment_list_rows(payment_list))

    expected = [rows[0]]
    items = payment_list.items.select_related("bank", "payment__award__recipient")
    by_bank: dict[str, list] = {}
    for item in items.order_by("bank__name", "id"):
        by_bank.setdefault(item.bank.name, []).append(item)
    for bank, bank_items in by_bank.items():
        for item in bank_items:
            person = item.payment.award.recipient
            expected.append(
                [
                    str(item.pk),
                    person.iin,
                    ("'" if person.pk == first.recipient.pk else "") + person.full_name,
                    item.iban,
                    bank,
                    f"{item.amount:.2f}",
                    ("'" if person.pk == first.recipient.pk else "") + item.payment.purpose,
                ]
            )
        total = sum(i.amount for i in bank_items)
        expected.append(["", "", f"Итого по банку {bank}", "", "", f"{total:.2f}", ""])
    expected.append(["", "", "Итого по ведомости", "", "", "93020.00", ""])
    assert rows == expected
    formula_rows = [r for r in rows if r[1] == first.recipient.iin]
    assert formula_rows and all(
        r[2] == "'" + FORMULA_SURNAME + " +Айдар @Серикович" and r[6] == "'-1+2 за февраль"
        for r in formula_rows
    )
    # the IINs and IBANs stay as they are: digits and "KZ…", not quoted
    assert all(r[1].isdigit() and r[3].startswith("KZ") for r in rows[1:] if r[0])


def test_esobes_csv_every_cell_checked_formula_surname_neutralised(monthly_awards, administrator):
    first = _with_formulas(monthly_awards)
    payments = esobes_payments(date_from=D(2020, 1, 1), date_to=D(2020, 1, 31))
    rows = _csv(esobes_rows(payments))
    assert rows[0][:4] == ["AWARD_ID", "IIN", "FIO", "KATO"] and len(rows[0]) == 16
    expected = []
    for p in ScheduledPayment.objects.select_related(
        "award__recipient", "award__okrug", "award__category"
    ).order_by("award_id", "due_on", "id"):
        award, person = p.award, p.award.recipient
        quote = "'" if person.pk == first.recipient.pk else ""
        expected.append(
            [
                str(award.pk),
                person.iin,
                quote + person.full_name,
                award.okrug.kato if award.okrug else "",
                award.category.paragraph,
                award.category.code,
                award.category.programme,
                award.periodicity,
                award.decided_on.isoformat(),
                award.status,
                "" if award.mrp_multiple is None else str(award.mrp_multiple),
                p.due_on.isoformat(),
                "" if p.mrp_value is None else f"{p.mrp_value:.2f}",
                f"{p.amount:.2f}",
                p.status,
                "" if p.paid_on is None else p.paid_on.isoformat(),
            ]
        )
    assert rows[1:] == expected
    assert {r[2] for r in rows[1:] if r[1] == first.recipient.iin} == {
        "'" + FORMULA_SURNAME + " +Айдар @Серикович"
    }


def test_admin_export_of_the_resource_neutralises_formulas_too(monthly_awards, administrator):
    first = _with_formulas(monthly_awards)
    payment_list = build(administrator)
    resource = PaymentListItemResource()
    dataset = resource.export(queryset=resource.get_queryset().filter(payment_list=payment_list))
    names = {row[2] for row in dataset if row[1] == first.recipient.iin}
    assert names == {"'" + FORMULA_SURNAME + " +Айдар @Серикович"}


# --- the XLSX list for the bank (issue 21, item 4) -------------------------------------------


def test_xlsx_list_has_title_period_banks_totals_and_signatures(
    monthly_awards, administrator, client
):
    payment_list = build(administrator)
    response = login(client, administrator).get(_export_url(payment_list, "xlsx"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [[c for c in r] for r in book.active.iter_rows(values_only=True)]
    firsts = [r[0] for r in rows]
    assert (
        firsts[0] == f"Список на выплату № {payment_list.pk} социальной помощи: Февраль–март 2020"
    )
    assert firsts[1] == "Период выплат: с 01.02.2020 по 31.03.2020"
    banks = sorted({item.bank.name for item in payment_list.items.select_related("bank")})
    assert firsts[2] == "Банк: " + ", ".join(banks)
    assert rows[5][:3] == ["№ строки", "ИИН", "ФИО получателя"]
    assert "Всего выплат: 4 на сумму 93\u00a0020,00\u00a0₸" in firsts
    assert (
        "Руководитель ____________________ / ____________________ (Ф.И.О.)" in firsts
        and "Главный бухгалтер ____________________ / ____________________ (Ф.И.О.)" in firsts
    )
    total_row = next(r for r in rows if r[2] == "Итого по ведомости")
    assert Decimal(str(total_row[5])).quantize(Decimal("0.01")) == Decimal("93020.00")


def _export_url(payment_list, fmt):
    return reverse("benefits:payment_list_export", args=[payment_list.pk, fmt])


# --- a list by memorial date needs no period (p5) --------------------------------------------


def test_build_form_by_occasion_needs_no_period_and_by_period_asks_for_it():
    by_occasion = PaymentListBuildForm({"title": "9 мая", "occasion": "victory_day"})
    assert by_occasion.is_valid(), by_occasion.errors
    assert by_occasion.cleaned_data["period_start"] is None
    typed = PaymentListBuildForm(
        {"title": "9 мая", "occasion": "victory_day", "period_start": "2020-05-31"}
    )
    assert typed.is_valid() and typed.cleaned_data["period_start"] is None
    by_period = PaymentListBuildForm({"title": "Май", "period_end": "2020-05-31"})
    assert not by_period.is_valid()
    assert by_period.errors["period_start"] == ["Укажите дату или выберите памятную дату."]
    assert by_period["period_end"].value() == "2020-05-31"  # the typed value is kept


# --- the bank's answer, line by line (p29) ---------------------------------------------------

BANK_HEADERS = ["№ строки", "ИИН", "IBAN", "Сумма", "Статус", "Дата", "Причина"]


def bank_csv(lines) -> SimpleUploadedFile:
    text = "\n".join(";".join(str(c) for c in row) for row in [BANK_HEADERS, *lines])
    return SimpleUploadedFile("otvet.csv", text.encode("utf-8"), content_type="text/csv")


def bank_xlsx(lines) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in [BANK_HEADERS, *lines]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("otvet.xlsx", out.getvalue())


@pytest.fixture
def sent_list(monthly_awards, administrator):
    """The February–March list sent to the banks: four rows, two of them the first person's."""
    payment_list = build(administrator)
    payment_list_mark_sent(payment_list=payment_list, actor=administrator)
    return payment_list


def _items(payment_list):
    return list(payment_list.items.select_related("payment__award__recipient").order_by("id"))


def _answer(items):
    """Row 1 paid, row 2 returned (closed account), row 3 with a wrong amount, a line of a
    row of another list and an IIN not in the list; row 4 left without an answer."""
    paid, returned, wrong, _pending = items
    return [
        [paid.pk, "", paid.iban, f"{paid.amount}", "оплачено", "03.04.2020", ""],
        [
            returned.pk,
            "",
            returned.iban,
            f"{returned.amount}",
            "возврат",
            "04.04.2020",
            "счёт закрыт",
        ],
        [wrong.pk, "", wrong.iban, f"{wrong.amount + 1}", "оплачено", "03.04.2020", ""],
        ["", "990101300999", "", "1000.00", "оплачено", "03.04.2020", ""],
    ]


def test_bank_answer_preview_then_confirm_marks_paid_and_returned_refuses_the_mismatch(
    sent_list, administrator, client
):
    items = _items(sent_list)
    paid, returned, wrong, pending = items
    login(client, administrator)
    preview = client.post(
        reverse("benefits:payment_list_reconcile", args=[sent_list.pk]),
        {"file": bank_csv(_answer(items))},
    )
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "будет отмечена зачисленной 03.04.2020" in page
    assert "будет отмечена возвращённой: счёт закрыт" in page
    assert (
        f"отклонена: сумма не совпадает: в ведомости {wrong.amount}, в файле {wrong.amount + 1}"
        in page
    )
    assert "отклонена: нет в этой ведомости" in page
    assert "Будет отмечено зачисленными: 1, возвращёнными: 1; отклонено строк файла: 2." in page
    assert PaymentListItem.objects.filter(status="pending").count() == 4  # nothing saved yet

    token = preview.context["confirm"].initial["token"]
    done = client.post(
        reverse("benefits:payment_list_reconcile_confirm", args=[sent_list.pk]),
        {"token": token, "file_name": "otvet.csv"},
        follow=True,
    )
    assert "Ответ банка принят: зачислено 1, возвращено 1, отклонено строк файла: 2." in (
        done.content.decode()
    )
    for item in items:
        item.refresh_from_db()
        item.payment.refresh_from_db()
    assert (paid.status, paid.paid_on) == ("paid", D(2020, 4, 3))
    assert (paid.payment.status, paid.payment.paid_on) == ("paid", D(2020, 4, 3))
    assert (returned.status, returned.return_reason, returned.returned_on) == (
        "returned",
        "счёт закрыт",
        D(2020, 4, 4),
    )
    assert returned.payment.status == "scheduled" and returned.payment.paid_on is None
    assert wrong.status == pending.status == "pending"
    assert wrong.payment.status == "listed"
    sent_list.refresh_from_db()
    assert sent_list.status == "sent"  # two rows still wait for the bank

    settlement = {
        row["status"]: (row["rows"], row["total"]) for row in done.context["panels"].settlement
    }
    assert settlement == {
        "paid": (1, paid.amount),
        "returned": (1, returned.amount),
        "pending": (2, wrong.amount + pending.amount),
    }
    assert [h.status for h in returned.history.order_by("history_date", "history_id")] == [
        "pending",
        "returned",
    ]


def test_the_auditor_reads_the_totals_and_cannot_send_an_answer(sent_list, auditor, client):
    login(client, auditor)
    page = client.get(sent_list.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="settlement"' in body and "bank-result-form" not in body
    refused = client.post(
        reverse("benefits:payment_list_reconcile", args=[sent_list.pk]),
        {"file": bank_csv(_answer(_items(sent_list)))},
    )
    assert refused.status_code == 403
    assert PaymentListItem.objects.filter(status="pending").count() == 4


def test_bad_file_is_refused_with_a_message_on_the_list_page(sent_list, administrator, client):
    login(client, administrator)
    text = SimpleUploadedFile("otvet.csv", "ИИН;Сумма\n1;2\n".encode())
    response = client.post(
        reverse("benefits:payment_list_reconcile", args=[sent_list.pk]), {"file": text}
    )
    assert response.status_code == 400
    assert "В файле нет столбцов: статус, дата." in response.content.decode()


def test_returned_payment_is_listed_again_only_after_the_account_is_corrected_never_twice(
    sent_list, administrator
):
    items = _items(sent_list)
    lines = read_bank_result(bank_xlsx(_answer(items)).read(), "otvet.xlsx")
    payment_list_reconcile(payment_list=sent_list, lines=lines, actor=administrator)
    returned = items[1]
    person = returned.payment.award.recipient

    # The same closed account: the returned payment waits.
    with pytest.raises(PaymentListError, match="нет запланированных выплат"):
        build(administrator)

    person.iban = make_kz_iban("601", 777001)
    person.save()
    again = build(administrator)
    assert again.awaiting_new_account == 0
    [new_item] = _items(again)
    assert (new_item.payment_id, new_item.iban) == (returned.payment_id, person.iban)
    payment_list_mark_sent(payment_list=again, actor=administrator)
    answer = [[new_item.pk, "", new_item.iban, f"{new_item.amount}", "paid", "2020-04-20", ""]]
    payment_list_reconcile(
        payment_list=again,
        lines=read_bank_result(bank_xlsx(answer).read(), "a.xlsx"),
        actor=administrator,
    )
    new_item.payment.refresh_from_db()
    assert (new_item.payment.status, new_item.payment.paid_on) == ("paid", D(2020, 4, 20))
    again.refresh_from_db()
    assert (again.status, again.paid_on) == ("paid", D(2020, 4, 20))

    # Never twice: the old row cannot be answered again, nor the payment listed a third time.
    late = [[returned.pk, "", returned.iban, f"{returned.amount}", "paid", "2020-04-21", ""]]
    check = payment_list_reconciliation_check(
        payment_list=sent_list, lines=read_bank_result(bank_xlsx(late).read(), "b.xlsx")
    )
    assert [c.why for c in check.lines] == ["уже возвращена банком"]
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentListItem.objects.create(
            payment_list=sent_list,
            payment=new_item.payment,
            bank=new_item.bank,
            iban=new_item.iban,
            amount=new_item.amount,
        )
    assert (
        ScheduledPayment.objects.get(pk=returned.payment_id)
        .list_items.filter(status="paid")
        .count()
        == 1
    )


def test_a_returned_payment_keeps_waiting_and_the_builder_says_so(sent_list, administrator):
    items = _items(sent_list)
    lines = read_bank_result(bank_csv(_answer(items)).read(), "otvet.csv")
    payment_list_reconcile(payment_list=sent_list, lines=lines, actor=administrator)
    april = build(administrator, start=D(2020, 2, 1), end=D(2020, 4, 30))
    assert april.awaiting_new_account == 1
    assert items[1].payment_id not in set(april.items.values_list("payment_id", flat=True))
