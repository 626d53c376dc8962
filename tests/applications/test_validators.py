import datetime

import pytest
from django.core.exceptions import ValidationError

from applications.reference.testdata import make_iin, make_kz_iban
from applications.reference.validators import parse_iin, validate_kz_iban


@pytest.mark.parametrize(
    "iin, birth, sex",
    [
        ("850315301205", datetime.date(1985, 3, 15), "M"),
        ("850315301801", datetime.date(1985, 3, 15), "M"),  # second pass of weights
        ("771224311104", datetime.date(1977, 12, 24), "M"),
        ("550701430002", datetime.date(1955, 7, 1), "F"),
        ("000713500108", datetime.date(2000, 7, 13), "M"),
        ("010625600207", datetime.date(2001, 6, 25), "F"),
        ("061211600012", datetime.date(2006, 12, 11), "F"),
    ],
)
def test_valid_iins_give_birth_date_and_sex(iin, birth, sex):
    facts = parse_iin(iin)
    assert facts.birth_date == birth
    assert facts.sex == sex


@pytest.mark.parametrize(
    "iin, code",
    [
        ("850315301206", "iin_checksum"),
        ("850315301200", "iin_checksum"),
        ("851315301208", "iin_date"),  # month 13, check digit fine
        ("850315701200", "iin_century"),  # digit 7 = 7
        ("85031530120", "iin_format"),
        ("8503153012050", "iin_format"),
        ("85031530120A", "iin_format"),
        ("", "iin_format"),
    ],
)
def test_invalid_iins_are_refused_with_their_reason(iin, code):
    with pytest.raises(ValidationError) as info:
        parse_iin(iin)
    assert info.value.code == code


def test_prefix_with_no_possible_check_digit():
    assert make_iin(datetime.date(1950, 1, 1), "M", 48) is None  # 50010130048: both passes give 10


@pytest.mark.parametrize(
    "iban", ["KZ86125KZT5004100100", make_kz_iban("601", 42), "kz86 125k zt50 0410 0100"]
)
def test_valid_ibans(iban):
    validate_kz_iban(iban)


@pytest.mark.parametrize(
    "iban",
    [
        "KZ87125KZT5004100100",
        "KZ86125KZT500410010",
        "DE89370400440532013000",
        "KZ8612AKZT5004100100",
        "",
    ],
)
def test_invalid_ibans(iban):
    with pytest.raises(ValidationError):
        validate_kz_iban(iban)
