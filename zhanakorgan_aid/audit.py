"""The audit trail (issue 7): the log of views and downloads of personal data, and updates that
leave their history rows. Changes themselves are recorded by django-simple-history (every model
has `history`; the request's user is taken by HistoryRequestMiddleware); an application's
change log reads them back in applications.cases.history."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.dispatch import Signal
from django.http import HttpRequest
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .account import client_ip
from .models import PersonalDataAccess

# ---------------------------------------------------------------------------------------------
# Views and downloads of personal data


def personal_data_access_record(
    *, request: HttpRequest, obj: models.Model, action: str = PersonalDataAccess.Action.VIEW
) -> PersonalDataAccess:
    """Log that the request's user viewed, downloaded, printed or exported `obj` (a person, an
    application document, a printed form, an export). Call it from every view that shows a
    person's page or sends a file with personal data."""
    return PersonalDataAccess.objects.create(
        user=request.user,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        path=request.get_full_path()[:500],
        ip_address=client_ip(request),
    )


# ---------------------------------------------------------------------------------------------
# Changes written in bulk, with their history rows

# Sent after history rows were written in bulk, where django-simple-history sends no
# post_create_historical_record for each row: what keeps a view of those records (an
# application's change log, applications.cases.history) learns that `instances` of the model
# `sender` changed.
history_written = Signal()


def create_with_history(objs: list, model, **kwargs) -> list:
    """bulk_create_with_history (django-simple-history) that announces the rows it wrote."""
    created = bulk_create_with_history(objs, model, **kwargs)
    history_written.send(sender=model, instances=created)
    return created


def history_rows_create(model, objs: list, **kwargs) -> None:
    """History rows of objects changed by a plain UPDATE, announced as create_with_history does
    (kwargs as the history manager's bulk_history_create takes them)."""
    model.history.bulk_history_create(objs, **kwargs)
    history_written.send(sender=model, instances=objs)


def update_with_history(queryset: models.QuerySet, *, batch_size: int = 2000, **values) -> int:
    """`queryset.update(**values)` that leaves a history row for every changed object, in
    batches so that a list of 100 000 payments does not need memory that grows with it, and
    announces every batch. (A plain .update() bypasses django-simple-history and the change
    would go unrecorded.)"""
    model = queryset.model
    pks = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        objs = list(model.objects.filter(pk__in=pks[start : start + batch_size]))
        for obj in objs:
            for name, value in values.items():
                setattr(obj, name, value)
        bulk_update_with_history(objs, model, list(values), batch_size=batch_size)
        history_written.send(sender=model, instances=objs)
    return len(pks)
