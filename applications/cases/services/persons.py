"""Writes of a citizen's record after registration: names and contact details corrected, and the
IIN corrected by a caseworker with the reason kept (issue 20, item 2)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.reference.models import Bank
from applications.reference.validators import (
    iban_bank_code,
    normalize_iban,
    normalize_kz_phone,
    parse_iin,
)

from ..exceptions import ApplicationError
from ..models import IinCorrection, Person

# The fields a person's edit page changes; the IIN (and the birth date and sex it carries) only
# through person_iin_correct.
EDITABLE_FIELDS = ("surname", "name", "patronymic", "address", "phone", "iban")
# django-simple-history keeps a change's reason in 100 characters; the correction keeps it all.
HISTORY_REASON_LENGTH = 100


@transaction.atomic
def person_update(
    *,
    person: Person,
    surname: str,
    name: str,
    patronymic: str = "",
    address: str = "",
    phone: str = "",
    iban: str = "",
) -> Person:
    """Correct a citizen's names, address, phone and account; the bank follows the IBAN. Saved
    (and a history row written) only when something changed."""
    iban = normalize_iban(iban)
    values = {
        "surname": surname.strip(),
        "name": name.strip(),
        "patronymic": patronymic.strip(),
        "address": address.strip(),
        "phone": normalize_kz_phone(phone),
        "iban": iban,
        "bank": Bank.objects.filter(code=iban_bank_code(iban)).first() if iban else None,
    }
    changed = [field for field, value in values.items() if getattr(person, field) != value]
    if changed:
        for field in changed:
            setattr(person, field, values[field])
        person.save()
    return person


@transaction.atomic
def person_iin_correct(*, person: Person, new_iin: str, reason: str, actor) -> IinCorrection:
    """Replace a wrongly entered IIN; the birth date and sex are read from the new one. The
    reason is required and kept with the old and the new number; a number another citizen
    holds is refused (the unique IIN)."""
    new_iin, reason = (new_iin or "").strip(), (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Укажите основание исправления ИИН."))
    if new_iin == person.iin:
        raise ApplicationError(_("Новый ИИН совпадает с прежним."))
    facts = parse_iin(new_iin)
    old_iin, old_facts = person.iin, (person.birth_date, person.sex)
    person.iin, person.birth_date, person.sex = new_iin, facts.birth_date, facts.sex
    person._change_reason = reason[:HISTORY_REASON_LENGTH]
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        person.iin, (person.birth_date, person.sex) = old_iin, old_facts
        raise ApplicationError(
            _("ИИН %(iin)s уже принадлежит другому зарегистрированному гражданину.")
            % {"iin": new_iin}
        ) from None
    return IinCorrection.objects.create(
        person=person,
        old_iin=old_iin,
        new_iin=new_iin,
        reason=reason,
        corrected_by=actor,
        corrected_at=timezone.now(),
    )
