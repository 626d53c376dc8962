"""A changed calendar override is seen by the next term counted, and the terms already set
for open applications are counted again on the corrected calendar once the change commits."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import workdays
from .models import CalendarOverride


@receiver(post_save, sender=CalendarOverride, dispatch_uid="workdays_override_saved")
@receiver(post_delete, sender=CalendarOverride, dispatch_uid="workdays_override_deleted")
def forget_calendar(*, raw: bool = False, **kwargs) -> None:
    workdays.clear_cache()
    if not raw:  # not while fixtures load: loaddata is no edit of the calendar
        transaction.on_commit(recount_open_terms)


def recount_open_terms() -> None:
    from .services.terms import terms_recompute

    workdays.clear_cache()  # other workers' caches expire on their own (workdays.CACHE_SECONDS)
    terms_recompute()
