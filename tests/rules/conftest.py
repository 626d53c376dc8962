"""The Rules' tests: each module asserts one paragraph (or a close group) against the text of
the decision (seed) and Kazakhstan's official calendar (reference/kz_facts.md §3)."""

import datetime
import importlib
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from applications.reference import workdays
from applications.reference.models import CalendarOverride, EducationCap

# Grants and education cases made by the real services, as the benefits tests make them.
from tests.benefits.conftest import decide, grant  # noqa: F401
from tests.benefits.education.conftest import education_case  # noqa: F401

QYZYLORDA = ZoneInfo("Asia/Qyzylorda")
D = datetime.date


@pytest.fixture(autouse=True)
def education_caps(db):
    """The caps of p8 as their data migration enters them: already there on a database built
    by the migrations, entered here when `make mutate` builds it without them (faster)."""
    seeded = importlib.import_module("benefits.migrations.0005_education_caps")
    for degree, cap in seeded.CAPS.items():
        EducationCap.objects.get_or_create(
            degree=degree, effective_from=seeded.IN_FORCE_FROM, defaults={"cap_mrp": Decimal(cap)}
        )


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Overrides made in a test are rolled back without a delete signal: forget them."""
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=QYZYLORDA)


def travel(day: datetime.date, hour: int = 10):
    return time_machine.travel(at(day, hour), tick=False)


def override(day: datetime.date, kind: str) -> CalendarOverride:
    """The administrator's correction of the calendar (a day off or a working day)."""
    return CalendarOverride.objects.create(date=day, kind=kind, name_ru="Постановление")
