"""Helpers for the workflow tests: the commission records (created with the ORM, as the
commissions code would) and a clock fixed in Qyzylorda time."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from applications.reference import workdays
from commissions.models import LocalConclusion, SpecialConclusion, SurveyAct

QYZYLORDA = ZoneInfo("Asia/Qyzylorda")


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=QYZYLORDA)


def travel(day: datetime.date, hour: int = 10):
    return time_machine.travel(at(day, hour), tick=False)


def record_survey(application, user, *, refused: bool = False, need: bool = True):
    SurveyAct.objects.create(
        application=application,
        surveyed_on=datetime.date.today(),
        place="с. Жанакорган",
        refused=refused,
        refused_on=datetime.date.today() if refused else None,
        refused_signed_by="Членов Ч.Ч." if refused else "",
        recorded_by=user,
    )
    if not refused:
        LocalConclusion.objects.create(
            application=application,
            number="1",
            concluded_on=datetime.date.today(),
            need=need,
            recorded_by=user,
        )


def record_special(application, user, *, need: bool = True, amount=Decimal("36920.00")):
    SpecialConclusion.objects.create(
        application=application,
        concluded_on=datetime.date.today(),
        need=need,
        amount=amount if need else None,
        recorded_by=user,
    )


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Overrides made in a test are rolled back without a delete signal: forget them."""
    workdays.clear_cache()
    yield
    workdays.clear_cache()
