"""An application's change log (issue 7): every recorded change of the application, its family,
members, their incomes and personal data, and of the records that hang on the application
(commission acts and conclusions, the decision, awards …), read back from
django-simple-history with the old and new value of each field."""

import datetime
import functools
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from django.core.cache import cache
from django.db import models
from django.db.models import Q, Value
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import registered_models

from zhanakorgan_aid.templatetags.aid import format_money

from .access import sees_full_iin
from .models import Application, Family, FamilyMember, Income, Person


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class ChangeEntry:
    at: datetime.datetime
    user: object
    action: str
    subject: str
    changes: list[FieldChange] = field(default_factory=list)


ACTIONS = {
    "+": gettext_lazy("создание"),
    "~": gettext_lazy("изменение"),
    "-": gettext_lazy("удаление"),
}
MASKED_FIELDS = {"iin"}


def application_change_history(*, application: Application, user) -> list[ChangeEntry]:
    """Every recorded change of the application, its family, members, their incomes and
    personal data, and of the documents that hang on the application (commission acts and
    conclusions, decision, awards …), newest first, with old → new values per field."""
    full_iin = sees_full_iin(user)
    entries = []
    for records in _history_records(application):
        by_object: dict = {}
        for record in records:
            by_object.setdefault(record.id, []).append(record)
        for versions in by_object.values():
            entries.extend(_entries_for(versions, full_iin=full_iin))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


CHANGE_LOG_SECONDS = 60 * 60


def application_change_log(*, application: Application, user) -> SimpleLazyObject:
    """The application page's change log (application_change_history), built only when the
    page's kept copy is missing (the template keeps it under change_log_version)."""
    return SimpleLazyObject(lambda: application_change_history(application=application, user=user))


def change_log_version(application_id: int) -> str:
    """The version of the application's change log: the page keeps the rendered log under it
    (`{% cache %}`), and every change of a record the log shows gives it a new one
    (forget_change_logs). A version the cache has lost is a new one, never an old one again."""
    key = _version_key(application_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, 2 * CHANGE_LOG_SECONDS)
        version = cache.get(key) or "lost"
    return version


def forget_change_logs(application_ids) -> None:
    """The kept change logs of these applications are out of date."""
    cache.delete_many([_version_key(pk) for pk in application_ids])


def _version_key(application_id: int) -> str:
    return f"change-log-version:{application_id}"


# Ids in one statement of applications_touched: a memorial list confirmed in bulk registers tens
# of thousands of persons at once, and a look-up naming each of them twice would pass
# PostgreSQL's limit of 65 535 parameters a statement.
IDS_A_STATEMENT = 10_000

# For each model whose records show in the change log of the applications they belong to: what
# of a record names them (its key) and which applications those keys name.
_WHOSE = {
    Family: (lambda obj: obj.pk, lambda keys: Q(family_id__in=keys)),
    FamilyMember: (lambda obj: obj.family_id, lambda keys: Q(family_id__in=keys)),
    Income: (lambda obj: obj.member_id, lambda keys: Q(family__members__in=keys)),
    Person: (
        lambda obj: obj.pk,
        lambda keys: (
            Q(applicant_id__in=keys)
            | Q(family_id__in=FamilyMember.objects.filter(person_id__in=keys).values("family_id"))
        ),
    ),
}


def applications_touched(model, instances: list) -> set[int]:
    """The applications whose change log shows the history of these objects of `model`: the
    application itself, its family, members, their incomes and persons, and the records that
    hang on it (a query for each IDS_A_STATEMENT objects)."""
    if model is Application:
        return {obj.pk for obj in instances}
    if model not in _WHOSE:
        return _attached_applications(model, instances)
    key_of, condition = _WHOSE[model]
    found = set()
    for keys in in_batches(sorted({key_of(obj) for obj in instances})):
        found.update(Application.objects.filter(condition(keys)).values_list("pk", flat=True))
    return found


def in_batches(keys: list) -> list[list]:
    """`keys` cut into lists of at most IDS_A_STATEMENT."""
    return [keys[i : i + IDS_A_STATEMENT] for i in range(0, len(keys), IDS_A_STATEMENT)]


def _attached_applications(model, instances: list) -> set[int]:
    """For a record that hangs on an application (an act, a decision, an award) or on such a
    record (an act's row, an award's payment): the applications they hang on."""
    first, second = _attached_links()
    found = set()
    for attached, fk in first:
        if attached is model:
            found.update(getattr(obj, fk.attname) for obj in instances)
    for attached, fk in second:
        if attached is model:
            parents = sorted({getattr(obj, fk.attname) for obj in instances} - {None})
            for parent, parent_fk in first:
                if parent is fk.related_model:
                    for keys in in_batches(parents):
                        found.update(
                            parent._default_manager.filter(pk__in=keys).values_list(
                                parent_fk.attname, flat=True
                            )
                        )
    return found - {None}


def _fetch(records: models.QuerySet) -> list:
    """One query per history table: the ids the next level needs come from these rows."""
    return list(records.select_related("history_user").order_by("history_date", "history_id"))


def _history_records(application: Application) -> list[list]:
    members = _fetch(_history(FamilyMember).filter(family_id=application.family_id))
    member_ids = {r.id for r in members}
    person_ids = {r.person_id for r in members} | {application.applicant_id}
    records = [
        _fetch(_history(Application).filter(id=application.pk)),
        _fetch(_history(Family).filter(id=application.family_id)),
        members,
        _fetch(_history(Income).filter(member_id__in=member_ids)) if member_ids else [],
        _fetch(_history(Person).filter(id__in=person_ids)),
    ]
    return records + _attached_records(application)


@functools.cache
def _attached_links() -> tuple[list, list]:
    """(model, foreign key) pairs of tracked models pointing at an application, and of tracked
    models pointing at those (a survey act's rows, an award's payments). Models with history
    are found at run time, so a model another part adds later is covered without touching
    this module; the answer does not change while the process runs."""
    tracked = [
        m
        for m in registered_models.values()
        if hasattr(m._meta, "simple_history_manager_attribute")
        and m not in (Application, Family, FamilyMember, Income, Person)
    ]
    first = [(m, fk) for m in tracked for fk in _foreign_keys_to(m, {Application})]
    targets = {m for m, _fk in first}
    second = [(m, fk) for m in tracked for fk in _foreign_keys_to(m, targets)]
    return first, second


@functools.cache
def _history(model) -> models.Manager:
    """The manager of the model's history rows. The model's `history` attribute builds a new
    manager class on every access (django-simple-history), which the page paid for each of
    its sixteen tables: the historical model's own manager reads the same rows."""
    return getattr(model, model._meta.simple_history_manager_attribute).model._default_manager


def _foreign_keys_to(model, targets) -> list[models.ForeignKey]:
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.ForeignKey) and f.related_model in targets and not f.auto_created
    ]


def _attached_records(application: Application) -> list[list]:
    first, second = _attached_links()
    result, ids = [], defaultdict(set)
    for model, fk in _with_history(first, application):
        rows = _fetch(_history(model).filter(**{fk.attname: application.pk}))
        result.append(rows)
        ids[model].update(r.id for r in rows)
    for model, fk in second:
        if ids[fk.related_model]:
            result.append(
                _fetch(_history(model).filter(**{f"{fk.attname}__in": ids[fk.related_model]}))
            )
    return result


def _with_history(links: list, application: Application) -> list:
    """The (model, foreign key) pairs whose history holds rows for the application, found by
    one UNION ALL query: most cases have no award, no education case, no uploaded scan, and a
    query per empty history table cost the application page more than its own data."""
    probes = [
        _history(model)
        .filter(**{fk.attname: application.pk})
        .order_by()
        .values_list(Value(n, output_field=models.IntegerField()))
        for n, (model, fk) in enumerate(links)
    ]
    if not probes:
        return []
    found = {n for (n,) in probes[0].union(*probes[1:], all=True).order_by()}
    return [link for n, link in enumerate(links) if n in found]


def _entries_for(versions: list, *, full_iin: bool) -> list[ChangeEntry]:
    first = versions[0]
    entries = [
        ChangeEntry(
            first.history_date,
            first.history_user,
            str(ACTIONS[first.history_type]),
            _subject(first),
        )
    ]
    for old, new in pairwise(versions):
        changes = [
            _field_change(new, change, full_iin=full_iin)
            for change in new.diff_against(old).changes
        ]
        if changes or new.history_type != "~":
            entries.append(
                ChangeEntry(
                    new.history_date,
                    new.history_user,
                    str(ACTIONS[new.history_type]),
                    _subject(new),
                    changes,
                )
            )
    return entries


def _subject(record) -> str:
    """What the record is, in words an officer recognises, from the record's own columns."""
    model = record.instance_type
    name = str(model._meta.verbose_name).capitalize()
    if model is Person:
        return f"{name}: {record.surname} {record.name}"
    if model is Income:
        return f"{name}: {record.get_kind_display()}, {record.quarter} {_('кв.')} {record.year}"
    if model is FamilyMember:
        return f"{name}: {record.get_relation_display()}"
    for attr in ("number", "reg_number"):
        if getattr(record, attr, ""):
            return f"{name} № {getattr(record, attr)}"
    return name


def _field_change(record, change, *, full_iin: bool) -> FieldChange:
    model_field = record.instance_type._meta.get_field(change.field)
    old, new = (_display(model_field, v) for v in (change.old, change.new))
    if change.field in MASKED_FIELDS and not full_iin:
        old, new = (f"{v[:4]}******{v[-2:]}" if len(v) == 12 else v for v in (old, new))
    return FieldChange(str(model_field.verbose_name), old, new)


def _display(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"№ {value}"
    if isinstance(value, bool):
        return _("да") if value else _("нет")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return (
            format_money(value)
            if "₸" in str(model_field.verbose_name)
            else str(value).replace(".", ",")
        )
    return str(value)
