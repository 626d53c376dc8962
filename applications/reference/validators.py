"""Validators for Kazakhstan identifiers: the IIN (decree 565 of 11.06.2003) and the KZ IBAN."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IIN_WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
IIN_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


@dataclass(frozen=True)
class IINFacts:
    birth_date: datetime.date
    sex: str  # "M" or "F"


def iin_check_digit(first_eleven: str) -> int | None:
    """Σ dᵢwᵢ mod 11 with w = 1..11; on 10 a second pass with w = 3..11,1,2; None if 10 again."""
    digits = [int(c) for c in first_eleven]
    for weights in (IIN_WEIGHTS_FIRST, IIN_WEIGHTS_SECOND):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return check
    return None


def parse_iin(value: str) -> IINFacts:
    """Return the birth date and sex an IIN encodes, or raise ValidationError saying what is wrong."""
    value = (value or "").strip()
    if not re.fullmatch(r"\d{12}", value):
        raise ValidationError(_("ИИН должен состоять ровно из 12 цифр."), code="iin_format")
    century_digit = int(value[6])
    if century_digit not in CENTURY_BY_DIGIT:
        raise ValidationError(
            _("7-я цифра ИИН (век и пол) должна быть от 1 до 6."), code="iin_century"
        )
    year = CENTURY_BY_DIGIT[century_digit] + int(value[0:2])
    try:
        birth_date = datetime.date(year, int(value[2:4]), int(value[4:6]))
    except ValueError:
        raise ValidationError(
            _("Первые 6 цифр ИИН не составляют существующую дату рождения."), code="iin_date"
        ) from None
    if iin_check_digit(value[:11]) != int(value[11]):
        raise ValidationError(_("Неверная контрольная цифра ИИН."), code="iin_checksum")
    return IINFacts(birth_date=birth_date, sex="M" if century_digit % 2 else "F")


def validate_iin(value: str) -> None:
    parse_iin(value)


def normalize_iban(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def validate_kz_iban(value: str) -> None:
    """KZ IBAN: 'KZ', 2 check digits, 3-digit bank code, 13 characters; 20 in all; mod-97 = 1."""
    iban = normalize_iban(value)
    if not re.fullmatch(r"KZ\d{2}\d{3}[0-9A-Z]{13}", iban):
        raise ValidationError(
            _("IBAN должен иметь вид KZ + 2 цифры + 3 цифры кода банка + 13 знаков (20 знаков)."),
            code="iban_format",
        )
    rearranged = iban[4:] + iban[:4]
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    if int(numeric) % 97 != 1:
        raise ValidationError(_("Неверные контрольные цифры IBAN."), code="iban_checksum")


def iban_bank_code(value: str) -> str:
    return normalize_iban(value)[4:7]


# A telephone number of Kazakhstan as the office dials it for notices: +7, then ten digits of
# which the first is 7 (the operators' and the regions' codes 7xx). Typed with or without +7
# or the domestic 8, with spaces, hyphens or brackets; kept as +7 7xx xxx xx xx.
KZ_PHONE_DIGITS = re.compile(r"(?:\+?7|8)?(7\d{9})")


def normalize_kz_phone(value: str) -> str:
    """The number as +7 7xx xxx xx xx, or ValidationError; an empty value stays empty."""
    value = (value or "").strip()
    if not value:
        return ""
    if re.search(r"[^\d\s()+-]", value) or not (
        match := KZ_PHONE_DIGITS.fullmatch(re.sub(r"[\s()-]", "", value))
    ):
        raise ValidationError(
            _("Телефон должен быть номером Казахстана: +7 7xx xxx xx xx."), code="kz_phone"
        )
    d = match.group(1)
    return f"+7 {d[:3]} {d[3:6]} {d[6:8]} {d[8:]}"


def validate_kz_phone(value: str) -> None:
    normalize_kz_phone(value)


# A person's name as the identity documents of Kazakhstan print it: letters of any alphabet in
# use (Cyrillic with the Kazakh letters, Latin), with hyphens, apostrophes and spaces between
# them. No digits, no markup, nothing a spreadsheet would take for a formula.
PERSON_NAME = re.compile(r"[^\W\d_]+(?:[-'’ ʼ][^\W\d_]+)*")


def validate_person_name(value: str) -> None:
    """A surname, first name or patronymic: letters, hyphens, apostrophes and spaces only."""
    value = (value or "").strip()
    if value and not PERSON_NAME.fullmatch(value):
        raise ValidationError(
            _("Имя может содержать только буквы, дефис, апостроф и пробел."),
            code="person_name",
        )


# The name under a signature on a commission's paper: a surname with initials ("Бекова А.",
# "Членов Ч.Ч."), or names in full. The letters of PERSON_NAME, with a dot after an initial.
SIGNATORY_NAME = re.compile(r"[^\W\d_]+(?:(?:\. ?|[-'’ʼ ])[^\W\d_]+)*\.?")


def validate_signatory_name(value: str) -> None:
    """A name as signed on an act or a conclusion: letters, hyphens, apostrophes, spaces and
    the dots of initials only."""
    value = (value or "").strip()
    if value and not SIGNATORY_NAME.fullmatch(value):
        raise ValidationError(
            _("Ф.И.О. может содержать только буквы, точки инициалов, дефис, апостроф и пробел."),
            code="signatory_name",
        )
