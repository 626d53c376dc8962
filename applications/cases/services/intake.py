"""Writes of intake: people, families with members and incomes, applications (p16)."""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.reference import rules
from applications.reference.models import Bank, Category
from applications.reference.validators import (
    iban_bank_code,
    normalize_iban,
    normalize_kz_phone,
    parse_iin,
)
from zhanakorgan_aid.audit import create_with_history

from .. import transition_messages
from ..exceptions import (
    AidGrantedThisYear,
    AlreadySubmitted,
    ApplicantHeadsAnotherFamily,
    ApplicationError,
    UndecidedApplicationExists,
)
from ..models import (
    UNDECIDED_STATUSES,
    Application,
    ApplicationTransition,
    Decision,
    Family,
    FamilyMember,
    Income,
    Person,
)


@dataclass
class MemberData:
    person: Person
    relation: str
    occupation: str = ""
    unemployment_reason: str = ""
    employment_measures: str = ""
    own_hardship: str = ""


@dataclass
class IncomeData:
    person: Person
    kind: str
    year: int
    quarter: int
    amount: Decimal


@transaction.atomic
def person_create(
    *,
    iin: str,
    surname: str,
    name: str,
    patronymic: str = "",
    address: str = "",
    phone: str = "",
    iban: str = "",
    created_by=None,
) -> Person:
    """Register a citizen; birth date and sex come from the IIN, the bank from the IBAN, the
    phone kept as +7 7xx xxx xx xx. `created_by` lets an akim's office find the citizen it
    registered before any family (access.scope_persons)."""
    facts = parse_iin(iin)
    iban = normalize_iban(iban)
    bank = Bank.objects.filter(code=iban_bank_code(iban)).first() if iban else None
    return Person.objects.create(
        iin=iin,
        surname=surname,
        name=name,
        patronymic=patronymic,
        birth_date=facts.birth_date,
        sex=facts.sex,
        address=address,
        phone=normalize_kz_phone(phone),
        iban=iban,
        bank=bank,
        created_by=created_by,
    )


def next_family_reg_number(okrug) -> str:
    prefix = f"{okrug.kato[:6]}-"
    count = Family.objects.filter(reg_number__startswith=prefix).count()
    return f"{prefix}{count + 1:05d}"


@transaction.atomic
def family_create(
    *,
    applicant: Person,
    okrug,
    address: str,
    members: Iterable[MemberData] = (),
    incomes: Iterable[IncomeData] = (),
    reg_number: str = "",
    **fields,
) -> Family:
    """A family with the applicant as its one APPLICANT member, other members and incomes; a
    citizen heads one family only."""
    _check_heads_no_family(applicant)
    family = Family.objects.create(
        applicant=applicant,
        okrug=okrug,
        address=address,
        reg_number=reg_number or next_family_reg_number(okrug),
        **fields,
    )
    by_person = _members_create(family, applicant=applicant, members=members)
    _incomes_create(by_person, incomes)
    return family


def _check_heads_no_family(applicant: Person) -> None:
    """A citizen already heading a family is not registered as the head of another: the family
    they head is the one to apply from (issue 20). The citizen's row is locked so that two
    registrations at the same moment see each other."""
    Person.objects.select_for_update().filter(pk=applicant.pk).exists()
    existing = Family.objects.filter(applicant=applicant).first()
    if existing is not None:
        raise ApplicantHeadsAnotherFamily(
            _(
                "%(person)s уже является заявителем семьи № %(family)s. Новая семья не "
                "зарегистрирована: подайте заявление от существующей семьи."
            )
            % {"person": applicant, "family": existing.reg_number},
            existing=existing,
        )


def _members_create(
    family: Family, *, applicant: Person, members: Iterable[MemberData]
) -> dict[int, FamilyMember]:
    """The applicant and the other members, each person once; their rows by person."""
    by_person = {
        applicant.pk: FamilyMember.objects.create(
            family=family, person=applicant, relation=FamilyMember.Relation.APPLICANT
        )
    }
    for m in members:
        if m.person.pk in by_person:
            raise ApplicationError(
                _("%(name)s указан(а) в составе семьи дважды.") % {"name": m.person}
            )
        by_person[m.person.pk] = FamilyMember.objects.create(
            family=family,
            person=m.person,
            relation=m.relation,
            occupation=m.occupation,
            unemployment_reason=m.unemployment_reason,
            employment_measures=m.employment_measures,
            own_hardship=m.own_hardship,
        )
    return by_person


def _incomes_create(by_person: dict[int, FamilyMember], incomes: Iterable[IncomeData]) -> None:
    """Each income on its member's row, with history rows (and the request's user) like every
    other change (issue 7)."""
    create_with_history(
        [
            Income(
                member=by_person[i.person.pk],
                kind=i.kind,
                year=i.year,
                quarter=i.quarter,
                amount=i.amount,
            )
            for i in incomes
        ],
        Income,
    )


def next_application_number(year: int) -> str:
    prefix = f"{year}-"
    last = (
        Application.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    seq = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{seq:06d}"


def check_event_window(*, category: Category, event_date, registered_on: datetime.date) -> None:
    """p16: after a natural disaster or fire, apply no later than 3 months after the event."""
    rule = category.rule_on(registered_on)
    months = rule.application_window_months if rule else None
    if not months:
        return
    if event_date is None:
        raise ApplicationError(_("Укажите дату наступления трудной жизненной ситуации."))
    if event_date > registered_on:
        raise ApplicationError(_("Дата события не может быть позже даты обращения."))
    if not rules.within_disaster_window(
        event_date=event_date, applied_on=registered_on, months=months
    ):
        raise ApplicationError(
            _(
                "Заявление не принимается: обращение позднее %(months)s месяцев с момента "
                "наступления ТЖС (событие %(event)s, последний день обращения %(last)s)."
            )
            % {
                "months": months,
                "event": event_date.strftime("%d.%m.%Y"),
                "last": rules.disaster_last_day(event_date, months).strftime("%d.%m.%Y"),
            }
        )


@transaction.atomic
def application_register(
    *,
    family: Family,
    category: Category,
    actor,
    channel: str = Application.Channel.AUTHORITY,
    kind: str = Application.Kind.HARDSHIP,
    event_date: datetime.date | None = None,
    situation: str = "",
    registered_at: datetime.datetime | None = None,
    intake_token: uuid.UUID | None = None,
) -> Application:
    """Register an application of the family's applicant (p16) and record its first step.
    The same intake form (`intake_token`) registers one application; a family has one undecided
    application of a category, and low-income aid (p7.4) once a year."""
    registered_at = registered_at or timezone.now()
    registered_on = timezone.localdate(registered_at)
    # The family's row is locked: two registrations at the same moment wait for each other and
    # the second sees the first's application.
    Family.objects.select_for_update().filter(pk=family.pk).exists()
    _check_not_submitted(intake_token)
    _check_category_in_force(category, registered_on)
    check_event_window(category=category, event_date=event_date, registered_on=registered_on)
    if kind == Application.Kind.HARDSHIP:  # education cases are one per student (benefits)
        _check_no_undecided(family=family, category=category)
    _check_once_a_year(family=family, category=category, registered_on=registered_on)
    application = _insert_numbered(
        year=registered_on.year,
        kind=kind,
        category=category,
        applicant=family.applicant,
        family=family,
        okrug=family.okrug,
        channel=channel,
        event_date=event_date,
        situation=situation,
        registered_at=registered_at,
        registered_by=actor,
        intake_token=intake_token,
        **_registered_state(registered_at),
    )
    _registration_record(application, actor=actor)
    return application


def _check_not_submitted(intake_token: uuid.UUID | None) -> None:
    """The intake form posted again (a double click, the browser's back and resubmit): its
    application is already registered."""
    if intake_token is None:
        return
    existing = Application.objects.filter(intake_token=intake_token).first()
    if existing is not None:
        raise AlreadySubmitted(
            _("Эта форма уже отправлена: заявление № %(n)s зарегистрировано, второе не создано.")
            % {"n": existing.number},
            existing=existing,
        )


def _check_no_undecided(*, family: Family, category: Category) -> None:
    """A family has one undecided application of a category of hardship at a time (issue 20);
    an education case is the student's, and two students of a family may apply together."""
    existing = (
        Application.objects.filter(family=family, category=category, status__in=UNDECIDED_STATUSES)
        .order_by("registered_at", "id")
        .first()
    )
    if existing is not None:
        raise UndecidedApplicationExists(
            _(
                "У семьи № %(f)s уже есть заявление № %(n)s по категории «%(c)s», решение по "
                "нему не принято (%(s)s). Второе заявление не зарегистрировано."
            )
            % {
                "f": family.reg_number,
                "n": existing.number,
                "c": category.name,
                "s": existing.get_status_display(),
            },
            existing=existing,
        )


def _check_once_a_year(*, family: Family, category: Category, registered_on: datetime.date):
    """p7.4: low-income aid is given once a year per family. An application registered today
    counts against this year (rules.once_a_year_occasion); one granted to the family in that
    year already is the link the user is given."""
    rule = category.rule_on(registered_on)
    year = rules.once_a_year_occasion(periodicity=rule.periodicity, decided_on=registered_on)
    if year is None:
        return
    granted = (
        Application.objects.filter(
            family=family,
            category=category,
            decision__outcome=Decision.Outcome.GRANTED,
            decision__decided_on__year=year,
        )
        .order_by("decision__decided_on", "id")
        .first()
    )
    if granted is not None:
        raise AidGrantedThisYear(
            _(
                "Семье № %(f)s уже оказана помощь «%(c)s» в %(y)s году (заявление № %(n)s): "
                "она оказывается один раз в год (п. 7, подпункт 4)."
            )
            % {"f": family.reg_number, "c": category.name, "y": year, "n": granted.number},
            existing=granted,
        )


def _registration_record(application: Application, *, actor) -> None:
    """The first row of the application's history: registered, by whom and when."""
    ApplicationTransition.objects.create(
        application=application,
        from_status="",
        to_status=Application.Status.REGISTERED,
        actor=actor,
        at=application.registered_at,
        message_code=transition_messages.REGISTERED,
    )


def _check_category_in_force(category: Category, registered_on: datetime.date) -> None:
    if category.rule_on(registered_on) is None:
        raise ApplicationError(
            _("Категория «%(c)s» не действует на %(d)s.")
            % {"c": category.name, "d": registered_on.strftime("%d.%m.%Y")}
        )


def _registered_state(registered_at: datetime.datetime) -> dict:
    """A new application is registered; its documents go to the local commission within 1
    working day (p18) and the decision is due in 8 working days until documents are requested
    (p24)."""
    registered_on = timezone.localdate(registered_at)
    return {
        "status": Application.Status.REGISTERED,
        "status_changed_at": registered_at,
        "due_date": rules.send_to_local_due(registered_on),
        "decision_due": rules.decision_due(registered_on=registered_on, documents_requested=False),
    }


def _insert_numbered(*, year: int, **fields) -> Application:
    """Insert the application under the year's next number. Two registrations at the same
    moment may take the same number: the unique number refuses the second, which tries again."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Application.objects.create(number=next_application_number(year), **fields)
        except IntegrityError:
            # the same form posted at the same moment: the other post registered it
            _check_not_submitted(fields.get("intake_token"))
            continue
    raise ApplicationError(_("Не удалось присвоить номер заявлению, повторите попытку."))
