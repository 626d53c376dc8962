"""The terms already set for open applications are counted again on the corrected calendar once
a change of a calendar override commits (the reference layer cannot call up into the workflow,
so the workflow listens)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from applications.reference import workdays
from applications.reference.models import CalendarOverride

from .services.terms import terms_recompute


@receiver(post_save, sender=CalendarOverride, dispatch_uid="terms_recount_override_saved")
@receiver(post_delete, sender=CalendarOverride, dispatch_uid="terms_recount_override_deleted")
def recount_after_calendar_change(*, raw: bool = False, **kwargs) -> None:
    if not raw:  # not while fixtures load: loaddata is no edit of the calendar
        transaction.on_commit(recount_open_terms)


def recount_open_terms() -> None:
    workdays.clear_cache()  # other workers' caches expire on their own (workdays.CACHE_SECONDS)
    terms_recompute()
