"""Fixtures of the scale tests: a data set made by seed_scale, and its report parsed."""

import io
import re

import pytest
from django.core.management import call_command


def seed(persons: int) -> dict[str, int]:
    """Run seed_scale and return the counts it reports (table=count, …)."""
    out = io.StringIO()
    call_command("seed_scale", persons=persons, stdout=out)
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", out.getvalue())}


@pytest.fixture
def seeded(db):
    return seed(300)
