"""Quarterly and half-yearly aid (p4) on the pages: the administrator sets a category's rule to
them in the admin, and the decision page asks for the period of payment as it does for monthly
aid, keeping what was typed when something is missing."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from applications.cases.models import Decision
from applications.reference.models import Category, CategoryRule
from applications.workflow.services import steps as workflow
from benefits.models import Award
from tests.conftest import login

from .wf_support import at, fresh_calendar, record_special, record_survey, travel  # noqa: F401

D = datetime.date
TB = "hardship-tuberculosis"


@pytest.fixture
def quarterly_tb(db):
    """p7.2 set quarterly from 2024 by the administrator: 10 MRP a payment, no income test."""
    category = Category.objects.get(code=TB)
    current = category.rule_on(D(2023, 12, 31))
    current.effective_to = D(2023, 12, 31)
    current.save()
    return CategoryRule.objects.create(
        category=category,
        effective_from=D(2024, 1, 1),
        amount_rule=current.amount_rule,
        mrp_multiple=current.mrp_multiple,
        periodicity=CategoryRule.Periodicity.QUARTERLY,
    )


@pytest.fixture
def concluded(application_factory, caseworker, local_member, special_member, quarterly_tb):
    """A tuberculosis application registered on 19 March 2024, concluded by the special
    commission at 36 920 ₸ (10 MRP of 2024)."""
    with travel(D(2024, 3, 19)):
        app = application_factory(code=TB, registered_at=at(D(2024, 3, 19)), year=2023, quarter=4)
    with travel(D(2024, 3, 20)):
        app = workflow.application_send_to_local(application=app, actor=caseworker)
        record_survey(app, local_member)
        app = workflow.application_survey_complete(application=app, actor=local_member)
        app = workflow.application_send_to_special(application=app, actor=caseworker)
        record_special(app, special_member, amount=Decimal("36920.00"))
        return workflow.application_special_conclude(application=app, actor=special_member)


def decide(client, user, app, data):
    login(client, user)
    with travel(D(2024, 3, 26)):
        return client.post(reverse("workflow:application_decide", args=[app.pk]), data)


class TestDecisionPage:
    def test_the_period_is_asked_for_and_the_typed_start_kept(self, client, caseworker, concluded):
        login(client, caseworker)
        with travel(D(2024, 3, 26)):
            form = client.get(reverse("workflow:application_decide", args=[concluded.pk]))
        assert "ежеквартальной, раз в полугодие (п. 4)" in form.content.decode()
        response = decide(
            client,
            caseworker,
            concluded,
            {"outcome": "granted", "period_start": "2024-04-01", "comment": "мой текст"},
        )
        text = response.content.decode()
        assert response.status_code == 200
        assert "Укажите окончание периода выплаты." in text
        assert 'value="2024-04-01"' in text and "мой текст" in text
        assert not Decision.objects.exists()

    def test_a_years_period_gives_four_quarterly_payments(self, client, caseworker, concluded):
        response = decide(
            client,
            caseworker,
            concluded,
            {"outcome": "granted", "period_start": "2024-04-01", "period_end": "2025-03-31"},
        )
        assert response.status_code == 302
        award = Award.objects.get(application=concluded)
        assert award.periodicity == "quarterly"
        assert list(award.payments.values_list("due_on", "amount")) == [
            (D(2024, 4, 1), Decimal("36920.00")),
            (D(2024, 7, 1), Decimal("36920.00")),
            (D(2024, 10, 1), Decimal("36920.00")),
            (D(2025, 1, 1), Decimal("39320.00")),  # 10 × 3 932 ₸, the MRP of 2025 (p30)
        ]


class TestAdmin:
    def test_the_administrator_chooses_quarterly_or_half_yearly_for_a_rule(
        self, client, administrator
    ):
        category = Category.objects.get(code=TB)
        login(client, administrator)
        page = client.get(reverse("admin:reference_category_change", args=[category.pk]))
        text = page.content.decode()
        assert page.status_code == 200
        assert '<option value="quarterly">ежеквартально</option>' in text
        assert '<option value="half_yearly">раз в полугодие</option>' in text
