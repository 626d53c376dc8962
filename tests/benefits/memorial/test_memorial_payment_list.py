"""Memorial-date payments (p5) are dated by the memorial date, not by the akimat's approval, and
their payment list is built by the occasion alone, with no period typed."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from benefits.exports import payment_list_sheet, write_xlsx
from benefits.memorial_resources import MemorialListResource
from benefits.models import Award, PaymentList, ScheduledPayment
from benefits.services.memorial import memorial_list_approve, memorial_list_create
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_victory_list(memorial_file, administrator):
    """A 9 May 2022 list of two, approved by the akimat on 4 May."""
    rows = [memorial_file["line"]("victory-widows"), memorial_file["line"]("victory-rear-workers")]
    content = memorial_file["csv"](rows)
    memorial_list = memorial_list_create(
        occasion="victory_day",
        year=2022,
        rows=MemorialListResource().read(content, "l.csv"),
        file_name="l.csv",
        actor=administrator,
    )
    return memorial_list_approve(
        memorial_list=memorial_list, actor=administrator, on=datetime.date(2022, 5, 4)
    )


def test_memorial_payment_is_dated_by_the_memorial_date(approved_victory_list):
    awards = Award.objects.filter(memorial_row__memorial_list=approved_victory_list)
    payments = ScheduledPayment.objects.filter(award__in=awards)
    assert set(payments.values_list("due_on", flat=True)) == {datetime.date(2022, 5, 9)}
    assert {(a.decided_on, a.start, a.end) for a in awards} == {
        (datetime.date(2022, 5, 4), datetime.date(2022, 5, 9), datetime.date(2022, 5, 9))
    }


def test_list_by_occasion_is_built_without_a_period(approved_victory_list, administrator, client):
    login(client, administrator)
    response = client.post(
        reverse("benefits:payment_list_build"),
        {"title": "9 мая 2022", "occasion": "victory_day", "period_start": "", "period_end": ""},
    )
    payment_list = PaymentList.objects.get()
    assert response.status_code == 302 and response.url == payment_list.get_absolute_url()
    assert payment_list.kind == PaymentList.Kind.OCCASION
    assert (payment_list.period_start, payment_list.period_end) == (
        datetime.date(2022, 5, 9),
        datetime.date(2022, 5, 9),
    )
    assert payment_list.items.count() == 2
    page = client.get(payment_list.get_absolute_url()).content.decode()
    assert "День Победы — 9 мая: выплаты 09.05.2022." in page

    out = io.BytesIO()
    write_xlsx(payment_list_sheet(payment_list), out, sheet="Ведомость")
    out.seek(0)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][0] == "К памятной дате: День Победы — 9 мая (09.05.2022)"


def test_list_by_period_without_dates_is_refused_with_the_input_kept(administrator, client):
    login(client, administrator)
    response = client.post(reverse("benefits:payment_list_build"), {"title": "Май 2022"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Укажите дату или выберите памятную дату." in page
    assert 'value="Май 2022"' in page
    # the period's two fields are hidden while a memorial date is chosen (static/js/app.js)
    assert page.count('data-hide-when="id_occasion"') == 2
    assert not PaymentList.objects.exists()
