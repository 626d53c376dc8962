"""The special commission's amount within the category's cap at the MRP in force (p7, p14,
p30): 7.1 per member and per family, 7.2, 7.3, 7.4, at the MRP of 2025 and of 2026."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from applications.cases.models import Application
from applications.reference.models import Category
from applications.workflow.services.commissions import application_special_conclusion_record
from commissions.caps import category_cap
from commissions.exceptions import AmountOverCap, CommissionError
from commissions.models import SpecialConclusion
from tests.conftest import login

from .conftest import travel

MRP_2025, MRP_2026 = Decimal("3932"), Decimal("4325")


@pytest.mark.parametrize(
    "code, members, on, mrp, multiple",
    [
        ("hardship-disaster-fire", 3, datetime.date(2026, 3, 10), MRP_2026, 120),  # 40 × 3
        ("hardship-disaster-fire", 5, datetime.date(2026, 3, 10), MRP_2026, 150),  # 200 → 150
        ("hardship-disaster-fire", 3, datetime.date(2025, 6, 10), MRP_2025, 120),
        ("hardship-disaster-fire", 4, datetime.date(2025, 6, 10), MRP_2025, 150),  # 160 → 150
        ("hardship-tuberculosis", 2, datetime.date(2026, 3, 10), MRP_2026, 10),
        ("hardship-tuberculosis", 2, datetime.date(2025, 6, 10), MRP_2025, 10),
        ("hardship-haematology-children", 3, datetime.date(2026, 3, 10), MRP_2026, Decimal("7.6")),
        ("hardship-haematology-children", 3, datetime.date(2025, 6, 10), MRP_2025, Decimal("7.6")),
        ("hardship-low-income", 4, datetime.date(2026, 3, 10), MRP_2026, 10),
        ("hardship-low-income", 4, datetime.date(2025, 6, 10), MRP_2025, 10),
    ],
)
def test_cap_is_the_multiple_times_the_mrp_in_force(db, code, members, on, mrp, multiple):
    cap = category_cap(category=Category.objects.get(code=code), members=members, on=on)
    assert cap.mrp_multiple == multiple and cap.mrp_value == mrp
    assert cap.amount == (Decimal(multiple) * mrp).quantize(Decimal("0.01"))


def test_cap_is_described_in_tenge_and_in_mrp(db):
    cap = category_cap(
        category=Category.objects.get(code="hardship-low-income"),
        members=4,
        on=datetime.date(2026, 3, 10),
    )
    assert cap.describe() == "не более 43\u00a0250,00\u00a0₸ (10 МРП × 4\u00a0325\u00a0₸)"
    cap = category_cap(
        category=Category.objects.get(code="hardship-haematology-children"),
        members=1,
        on=datetime.date(2025, 6, 10),
    )
    assert cap.describe() == "не более 29\u00a0883,20\u00a0₸ (7,6 МРП × 3\u00a0932\u00a0₸)"


def test_mid_year_mrp_change_of_2022_is_used(db):
    """p30: from 1 April 2022 social payments use 3 180 ₸, before it 3 063 ₸."""
    category = Category.objects.get(code="hardship-tuberculosis")
    assert category_cap(
        category=category, members=1, on=datetime.date(2022, 3, 31)
    ).amount == Decimal("30630.00")
    assert category_cap(
        category=category, members=1, on=datetime.date(2022, 4, 1)
    ).amount == Decimal("31800.00")


class TestSpecialConclusionService:
    def test_amount_at_the_cap_is_accepted_with_mrp_stored(self, at_special, special_member):
        application = at_special(code="hardship-low-income", size=4)
        conclusion = application_special_conclusion_record(
            application=application, actor=special_member, need=True, amount=Decimal("43250")
        )
        assert conclusion.amount == Decimal("43250.00") and conclusion.mrp_value == MRP_2026
        assert conclusion.cap_mrp == 10 and conclusion.amount_mrp == Decimal("10.00")
        application.refresh_from_db()
        assert application.status == Application.Status.CONCLUDED

    def test_over_the_cap_is_refused_with_the_cap_in_tenge_and_mrp(
        self, at_special, special_member
    ):
        application = at_special(code="hardship-low-income", size=4)
        with pytest.raises(AmountOverCap) as error:
            application_special_conclusion_record(
                application=application, actor=special_member, need=True, amount=Decimal("43250.01")
            )
        assert "не более 43\u00a0250,00\u00a0₸ (10 МРП × 4\u00a0325\u00a0₸)" in str(error.value)
        assert not SpecialConclusion.objects.filter(application=application).exists()

    def test_disaster_per_member_and_per_family(self, at_special, special_member):
        small = at_special(code="hardship-disaster-fire", size=3)  # 3 × 40 = 120 MRP
        with pytest.raises(AmountOverCap, match="120 МРП"):
            application_special_conclusion_record(
                application=small, actor=special_member, need=True, amount=Decimal("519000.01")
            )
        assert (
            application_special_conclusion_record(
                application=small, actor=special_member, need=True, amount=Decimal("519000")
            ).cap_mrp
            == 120
        )
        large = at_special(code="hardship-disaster-fire", size=5, surname="Серікбаев")
        with pytest.raises(AmountOverCap, match="не более 648\u00a0750,00\u00a0₸ \\(150 МРП"):
            application_special_conclusion_record(
                application=large, actor=special_member, need=True, amount=Decimal("700000")
            )

    def test_cap_follows_the_mrp_of_the_conclusion_day(self, at_special, special_member):
        with travel(datetime.date(2025, 12, 10)):
            application = at_special(code="hardship-tuberculosis", size=1)
        # Sent in December 2025, concluded on 10 March 2026: the 2026 MRP applies (p30).
        conclusion = application_special_conclusion_record(
            application=application, actor=special_member, need=True, amount=Decimal("43250")
        )
        assert conclusion.mrp_value == MRP_2026

    def test_no_need_needs_no_amount(self, at_special, special_member):
        application = at_special()
        conclusion = application_special_conclusion_record(
            application=application, actor=special_member, need=False, amount=None
        )
        assert conclusion.amount is None and not conclusion.need

    def test_no_need_with_an_amount_is_refused_not_kept_without_it(
        self, at_special, special_member
    ):
        """p23: a conclusion that there is no need names no amount; one typed with it is a
        mistake to correct, not an amount to drop silently."""
        application = at_special()
        with pytest.raises(CommissionError, match="размер помощи не указывается"):
            application_special_conclusion_record(
                application=application, actor=special_member, need=False, amount=Decimal("5000")
            )
        assert not SpecialConclusion.objects.filter(application=application).exists()


class TestSpecialConclusionPage:
    def test_over_the_cap_is_shown_beside_the_amount_and_kept(
        self, client, at_special, special_member
    ):
        application = at_special(code="hardship-tuberculosis", size=2)
        login(client, special_member)
        url = reverse("workflow:special_conclusion", args=[application.pk])
        body = client.get(url).content.decode()
        assert "не более 43\u00a0250,00\u00a0₸ (10 МРП × 4\u00a0325\u00a0₸)" in body
        response = client.post(url, {"need": "yes", "amount": "50000"})
        body = response.content.decode()
        assert response.status_code == 200
        assert "превышает предельный размер" in body and 'value="50000"' in body
        assert not SpecialConclusion.objects.filter(application=application).exists()

    def test_bad_amounts_have_russian_messages(self, client, at_special, special_member):
        application = at_special()
        login(client, special_member)
        url = reverse("workflow:special_conclusion", args=[application.pk])
        body = client.post(url, {"need": "yes", "amount": "сорок"}).content.decode()
        assert "Введите сумму числом" in body and 'value="сорок"' in body
        body = client.post(url, {"need": "yes", "amount": ""}).content.decode()
        assert "При положительном заключении укажите размер помощи." in body
        body = client.post(url, {"need": "yes", "amount": "-1"}).content.decode()
        assert "Сумма не может быть отрицательной." in body

    def test_no_need_typed_with_an_amount_keeps_the_input_with_a_message(
        self, client, at_special, special_member
    ):
        application = at_special()
        login(client, special_member)
        url = reverse("workflow:special_conclusion", args=[application.pk])
        response = client.post(url, {"need": "no", "amount": "5000"})
        body = response.content.decode()
        assert response.status_code == 200
        assert "При заключении об отсутствии необходимости размер помощи не указывается" in body
        assert 'value="5000"' in body
        assert not SpecialConclusion.objects.filter(application=application).exists()
        client.post(url, {"need": "no", "amount": ""})
        assert SpecialConclusion.objects.get(application=application).need is False

    def test_member_concludes_and_the_application_moves_on(
        self, client, at_special, special_member
    ):
        application = at_special()
        login(client, special_member)
        response = client.post(
            reverse("workflow:special_conclusion", args=[application.pk]),
            {"need": "yes", "amount": "40000"},
            follow=True,
        )
        assert "Заключение специальной комиссии по заявлению" in response.content.decode()
        application.refresh_from_db()
        assert application.status == Application.Status.CONCLUDED
        assert application.special_conclusion.amount == Decimal("40000.00")
        assert application.issued_documents.filter(kind="special_conclusion").count() == 2
