"""Valid IINs and IBANs for demo data and tests (computed with the real check algorithms)."""

import datetime
import itertools

from .validators import iin_check_digit


def make_iin(birth_date: datetime.date, sex: str, serial: int) -> str | None:
    """An IIN for a birth date, sex and serial, or None when that serial has no check digit."""
    century = {1800: 1, 1900: 3, 2000: 5}[birth_date.year // 100 * 100]
    digit7 = century + (0 if sex == "M" else 1)
    first = f"{birth_date:%y%m%d}{digit7}{serial:04d}"
    check = iin_check_digit(first)
    return None if check is None else first + str(check)


def iin_sequence(birth_date: datetime.date, sex: str, start: int = 1):
    for serial in itertools.count(start):
        iin = make_iin(birth_date, sex, serial % 10000)
        if iin:
            yield iin


def make_kz_iban(bank_code: str, account: int) -> str:
    """A KZ IBAN with correct check digits: KZ + cc + bank code + 13 characters."""
    bban = f"{bank_code}{account:013d}"
    numeric = "".join(str(int(ch, 36)) for ch in bban + "KZ00")
    check = 98 - int(numeric) % 97
    return f"KZ{check:02d}{bban}"
