"""A family kept up to date (issue 20, item 1): its address, housing and farm, its members, their
incomes by quarter and who is the applicant. Every saved row keeps its history row
(django-simple-history, with the reason given); a change while an application of the family
waits for its decision after the survey needs a reason, written into that application's steps."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from zhanakorgan_aid.templatetags.aid import format_money

from .. import transition_messages
from ..exceptions import ApplicationError
from ..models import Application, ApplicationTransition, Family, FamilyMember, Income, Person
from .intake import IncomeData, MemberData

FAMILY_FIELDS = Family.FACTS
MEMBER_FIELDS = (
    "relation",
    "occupation",
    "unemployment_reason",
    "employment_measures",
    "own_hardship",
)

# From the act of survey to the decision the family's records are what the commissions judge:
# a change then must say why (the act's findings and the per-capita income may be read again).
SURVEYED_UNDECIDED = (
    Application.Status.SURVEYED,
    Application.Status.AT_AUTHORITY,
    Application.Status.AT_SPECIAL_COMMISSION,
    Application.Status.CONCLUDED,
)


class ReasonRequired(ApplicationError):
    """A change of the family while one of its applications is between survey and decision."""


def applications_awaiting_decision(family: Family):
    """The family's applications surveyed and not yet decided: a change needs a reason."""
    return family.applications.filter(status__in=SURVEYED_UNDECIDED).order_by("id")


@transaction.atomic
def family_update(
    *,
    family: Family,
    actor,
    applicant: Person,
    members: Iterable[MemberData],
    incomes: Iterable[IncomeData],
    reason: str = "",
    **fields,
) -> list[str]:
    """Bring the family to what the caseworker entered: its fields, members (added, changed,
    removed; `applicant` heads it, the others are `members`) and their incomes by quarter (a
    quarter not listed is removed, the others kept or changed). Returns what changed, in words;
    each change is a history row. A decision's frozen basis (Decision.basis) is not touched."""
    family = Family.objects.select_for_update().get(pk=family.pk)
    reason = reason.strip()
    changes = _fields_update(family, applicant=applicant, fields=fields, reason=reason)
    by_person, member_changes = _members_sync(
        family, applicant=applicant, members=list(members), reason=reason
    )
    changes += member_changes
    changes += _incomes_sync(by_person, list(incomes), reason=reason)
    if changes:
        _note_on_waiting_applications(family, actor=actor, reason=reason, changes=changes)
    return changes


def _fields_update(family: Family, *, applicant: Person, fields: dict, reason: str) -> list[str]:
    changes = []
    for name in FAMILY_FIELDS:
        if name in fields and getattr(family, name) != fields[name]:
            label = Family._meta.get_field(name).verbose_name
            old, new = (_shown(family, name, v) for v in (getattr(family, name), fields[name]))
            changes.append(f"{label}: {old} → {new}")
            setattr(family, name, fields[name])
    if family.applicant_id != applicant.pk:
        changes.append(
            _("заявитель: %(old)s → %(new)s") % {"old": family.applicant, "new": applicant}
        )
        family.applicant = applicant
    if changes:
        family._change_reason = reason
        family.save()
    return changes


def _shown(family: Family, name: str, value) -> str:
    field = Family._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value) if value not in (None, "") else "—"


def _members_sync(
    family: Family, *, applicant: Person, members: list[MemberData], reason: str
) -> tuple[dict[int, FamilyMember], list[str]]:
    """Members removed first, then the others saved, the applicant's row last (a family has one
    APPLICANT row at any moment: the former applicant is another member or gone by then)."""
    wanted = [m for m in members if m.person.pk != applicant.pk]
    persons = [m.person.pk for m in wanted]
    if len(set(persons)) != len(persons):
        raise ApplicationError(_("Один и тот же ИИН указан в составе семьи дважды."))
    existing = {m.person_id: m for m in family.members.select_related("person")}
    changes = []
    for person_id, member in list(existing.items()):
        if person_id not in persons and person_id != applicant.pk:
            member._change_reason = reason
            member.delete()
            del existing[person_id]
            changes.append(_("из состава семьи исключён(а): %(p)s") % {"p": member.person})
    applicant_row = MemberData(person=applicant, relation=FamilyMember.Relation.APPLICANT)
    for data in [*wanted, applicant_row]:
        member, change = _member_save(family, existing.get(data.person.pk), data, reason)
        existing[data.person.pk] = member
        if change:
            changes.append(change)
    return existing, changes


def _member_save(family, member: FamilyMember | None, data: MemberData, reason: str):
    values = {name: getattr(data, name) for name in MEMBER_FIELDS}
    if member is None:
        member = FamilyMember(family=family, person=data.person, **values)
        change = _("в состав семьи включён(а): %(p)s (%(r)s)") % {
            "p": data.person,
            "r": member.get_relation_display(),
        }
    elif any(getattr(member, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(member, name, value)
        change = _("изменены сведения о члене семьи: %(p)s") % {"p": data.person}
    else:
        return member, ""
    member._change_reason = reason
    member.save()
    return member, change


def _incomes_sync(
    by_person: dict[int, FamilyMember], incomes: list[IncomeData], *, reason: str
) -> list[str]:
    """Incomes by (member, kind, year, quarter): new ones added, changed amounts saved, those no
    longer listed removed; the quarters not touched stay as they were."""
    wanted = {}
    for i in incomes:
        if i.person.pk not in by_person:
            raise ApplicationError(
                _("%(p)s не входит в состав семьи: доход не принят.") % {"p": i.person}
            )
        key = (by_person[i.person.pk].pk, i.kind, i.year, i.quarter)
        if key in wanted:
            raise ApplicationError(
                _("Доход «%(k)s» за %(q)s кв. %(y)s указан у %(p)s дважды.")
                % {"k": Income.Kind(i.kind).label, "q": i.quarter, "y": i.year, "p": i.person}
            )
        wanted[key] = i.amount
    members = {m.pk: m for m in by_person.values()}
    changes = []
    for income in Income.objects.filter(member__in=list(members)).order_by("id"):
        key = (income.member_id, income.kind, income.year, income.quarter)
        amount = wanted.pop(key, None)
        if amount is None:
            income._change_reason = reason
            income.delete()
            changes.append(_income_words(_("доход удалён"), income, members))
        elif amount != income.amount:
            income.amount, income._change_reason = amount, reason
            income.save()
            changes.append(_income_words(_("доход изменён"), income, members))
    for (member_id, kind, year, quarter), amount in wanted.items():
        income = Income(member=members[member_id], kind=kind, year=year, quarter=quarter)
        income.amount, income._change_reason = amount, reason
        income.save()
        changes.append(_income_words(_("доход добавлен"), income, members))
    return changes


def _income_words(what: str, income: Income, members: dict) -> str:
    return _("%(what)s: %(p)s, %(k)s, %(q)s кв. %(y)s — %(a)s") % {
        "what": what,
        "p": members[income.member_id].person,
        "k": income.get_kind_display(),
        "q": income.quarter,
        "y": income.year,
        "a": format_money(income.amount),
    }


def _note_on_waiting_applications(family: Family, *, actor, reason: str, changes: list[str]):
    """On each application surveyed and not yet decided, a step that stays where it is, with
    the reason and what changed: the caseworker and the commissions see it on its page."""
    waiting = list(applications_awaiting_decision(family))
    if waiting and not reason:
        raise ReasonRequired(
            _("Заявление № %(n)s семьи обследовано и ждёт решения: укажите причину изменения.")
            % {"n": waiting[0].number}
        )
    note = transition_messages.said(
        transition_messages.FAMILY_CHANGED, family=family.reg_number, count=len(changes)
    )
    for application in waiting:
        ApplicationTransition.objects.create(
            application=application,
            from_status=application.status,
            to_status=application.status,
            actor=actor,
            message_code=note.code,
            message_params=note.params,
            comment=reason,
        )
