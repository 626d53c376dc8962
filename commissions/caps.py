"""The cap of a category's aid in tenge at the MRP in force (p7, p14, p30): what the special
commission's amount may not exceed."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from applications.reference import rules
from applications.reference.models import Category
from applications.reference.selectors import mrp_on
from zhanakorgan_aid.templatetags.aid import format_money

from .exceptions import CommissionError

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Cap:
    """A cap in tenge, and, for MRP-based rules, the multiple and the MRP value behind it."""

    amount: Decimal
    mrp_multiple: Decimal | None = None
    mrp_value: Decimal | None = None

    def describe(self) -> str:
        """«не более 43 250,00 ₸ (10 МРП × 4 325 ₸)» — the cap in tenge and in MRP."""
        if self.mrp_multiple is None:
            return _("не более %(amount)s") % {"amount": format_money(self.amount)}
        return _("не более %(amount)s (%(multiple)s МРП × %(mrp)s)") % {
            "amount": format_money(self.amount),
            "multiple": plain_number(self.mrp_multiple),
            "mrp": plain_number(self.mrp_value) + "\u00a0₸",
        }


def plain_number(value: Decimal) -> str:
    """4325 → «4 325», 7.60 → «7,6»: how a multiple or an MRP is written in the Rules."""
    text = f"{value.normalize():f}"
    whole, _dot, fraction = text.partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return "\u00a0".join(groups) + (f",{fraction}" if fraction else "")


def category_cap(*, category: Category, members: int, on: datetime.date) -> Cap:
    """The cap of the category's rule in force on the date, at the MRP in force that day."""
    rule = category.rule_on(on)
    if rule is None:
        raise CommissionError(
            _("Для категории «%(c)s» нет правила, действующего на %(d)s.")
            % {"c": category.name, "d": on.strftime("%d.%m.%Y")}
        )
    multiple = rules.cap_multiple(rule, members=members)
    if multiple is None:
        return Cap(amount=(rule.amount_tenge or Decimal("0")).quantize(CENT))
    mrp = mrp_on(on).value
    return Cap(amount=rules.mrp_amount(multiple, mrp), mrp_multiple=multiple, mrp_value=mrp)
