"""Fixtures for awards, payments and budgets: grants made through the real services."""

import datetime
from decimal import Decimal

import pytest

from applications.cases.models import Application, Decision
from benefits.services.awards import award_create_for_decision


@pytest.fixture
def decide(caseworker):
    """A grant decision on an application, as the workflow records it (p24)."""

    def build(application, *, amount, decided_on, mrp_value, period=(None, None)):
        # decided: the family may apply again in the category (issue 20)
        Application.objects.filter(pk=application.pk).update(status=Application.Status.GRANTED)
        return Decision.objects.create(
            application=application,
            outcome=Decision.Outcome.GRANTED,
            amount=Decimal(amount),
            mrp_value=Decimal(mrp_value),
            decided_on=decided_on,
            decided_by=caseworker,
            period_start=period[0],
            period_end=period[1],
            basis={"source": "test"},
            notice_due=decided_on + datetime.timedelta(days=3),
        )

    return build


@pytest.fixture
def grant(application_factory, decide, caseworker):
    """An application of a category granted on a date, and the award it gives."""

    def build(
        code="hardship-low-income",
        *,
        amount,
        decided_on,
        mrp_value,
        period=(None, None),
        family=None,
    ):
        application = application_factory(code=code, family=family)
        decision = decide(
            application, amount=amount, decided_on=decided_on, mrp_value=mrp_value, period=period
        )
        return award_create_for_decision(decision=decision, actor=caseworker)

    return build
