"""A changed calendar override is seen by the next term counted, and the terms already set
for open applications are counted again on the corrected calendar once the change commits. A
changed okrug is what the application list's filter offers next."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import override

from . import workdays
from .forms import okrugs_key
from .models import CalendarOverride, Okrug


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


@receiver(post_save, sender=Okrug, dispatch_uid="okrug_saved")
@receiver(post_delete, sender=Okrug, dispatch_uid="okrug_deleted")
def forget_okrugs(**kwargs) -> None:
    """The list's filter offers the okrugs as they are now on its next page, on every host."""
    keys = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            keys.append(okrugs_key())
    cache.delete_many(keys)
