"""p5: aid for memorial dates: «ко Дню Победы-9 мая», «ко Дню памяти жертв политических
репрессий и голода – 31 мая», «ко Дню вывода советских войск из Афганистана – 15 февраля»,
«ко Дню памяти погибших на Чернобыльской АЭС – 26 апреля», «к Международному дню действий
против ядерных испытаний – 29 августа». The social support of p6 («раз в год») has no date of
its own: its list carries the date whose MRP it is paid at."""

import pytest

from applications.reference import rules
from benefits.memorial_forms import MemorialImportForm

from .conftest import D


@pytest.mark.parametrize(
    ("occasion", "day"),
    [
        ("victory_day", D(2025, 5, 9)),
        ("repression_day", D(2025, 5, 31)),
        ("afghanistan_day", D(2025, 2, 15)),
        ("chernobyl_day", D(2025, 4, 26)),
        ("nuclear_day", D(2025, 8, 29)),
    ],
)
def test_each_memorial_date(occasion, day):
    assert rules.memorial_date(occasion, 2025) == day


def test_social_support_has_no_date_of_its_own():
    assert rules.memorial_date("social_support", 2025) is None
    assert rules.memorial_date("", 2025) is None


def test_the_list_form_asks_for_a_date_only_for_social_support(db):
    support = MemorialImportForm(data={"occasion": "social_support", "year": "2025"})
    victory = MemorialImportForm(data={"occasion": "victory_day", "year": "2025"})
    assert not support.is_valid() and not victory.is_valid()  # no file in either
    assert support.errors["pay_date"] == ["Укажите дату выплаты социальной поддержки."]
    assert "pay_date" not in victory.errors
