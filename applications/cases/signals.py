"""Caches of what a change makes out of date: the okrug select of the application list, and the
change logs an application page keeps (applications.cases.history)."""

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from applications.reference.models import Okrug
from zhanakorgan_aid.audit import history_written

from .filters import okrug_filter_keys
from .history import applications_touched, forget_change_logs


@receiver(post_save, sender=Okrug, dispatch_uid="okrug_saved")
@receiver(post_delete, sender=Okrug, dispatch_uid="okrug_deleted")
def forget_okrug_filter(instance, **kwargs) -> None:
    """Forget the okrug select the list keeps as a template fragment, in every language and
    scope: at once on every host that shares the fragment cache (Redis), within
    filters.OKRUG_FILTER_SECONDS on another (a process's own memory)."""
    okrugs = {instance.pk, *Okrug.objects.values_list("pk", flat=True)}
    caches["fragments"].delete_many(okrug_filter_keys(sorted(okrugs)))


@receiver(post_create_historical_record, dispatch_uid="change_log_on_save")
def forget_change_log_on_save(instance, **kwargs) -> None:
    """A record saved with its history row: the change logs that show it are out of date."""
    _forget(type(instance), [instance])


@receiver(history_written, dispatch_uid="change_log_on_bulk_write")
def forget_change_log_on_bulk_write(sender, instances, **kwargs) -> None:
    """Records written in bulk with their history rows (zhanakorgan_aid.audit)."""
    _forget(sender, instances)


def _forget(model, instances: list) -> None:
    """Now, and again once the transaction commits: a page viewed in between could keep the
    log as it was before the change."""
    ids = applications_touched(model, instances)
    if ids:
        forget_change_logs(ids)
        transaction.on_commit(lambda: forget_change_logs(ids))
