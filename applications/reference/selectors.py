"""Reads of the effective-dated reference figures: the MRP and the subsistence minimum in force
on a day (p30, p7.4)."""

import datetime
from decimal import Decimal

from django.db.models import QuerySet

from . import rules
from .exceptions import ReferenceDataMissing
from .models import MRP, InDemandSpeciality, SubsistenceMinimum


def mrp_on(on: datetime.date) -> MRP:
    """The MRP in force on a date (p30), mid-year changes included."""
    mrp = MRP.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if mrp is None:
        raise ReferenceDataMissing(f"МРП на {on:%d.%m.%Y} не задан")
    return mrp


def subsistence_minimum_on(on: datetime.date, *, scope: str) -> SubsistenceMinimum:
    row = (
        SubsistenceMinimum.objects.filter(scope=scope, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        raise ReferenceDataMissing(f"Прожиточный минимум ({scope}) на {on:%d.%m.%Y} не задан")
    return row


def mrp_amount(multiple: Decimal, on: datetime.date) -> Decimal:
    """N MRP in tenge at the MRP in force on a date (p30)."""
    return rules.mrp_amount(multiple, mrp_on(on).value)


def in_demand_specialities(on: datetime.date) -> QuerySet[InDemandSpeciality]:
    """The region's in-demand specialities on a date (p8), by code."""
    return InDemandSpeciality.objects.filter(rules.in_demand_on(on)).order_by("code", "pk")
