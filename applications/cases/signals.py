"""A changed okrug is what the application list's okrug filter offers on its next page."""

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from applications.reference.models import Okrug

from .filters import okrug_filter_keys


@receiver(post_save, sender=Okrug, dispatch_uid="okrug_saved")
@receiver(post_delete, sender=Okrug, dispatch_uid="okrug_deleted")
def forget_okrug_filter(instance, **kwargs) -> None:
    """Forget the okrug select the list keeps as a template fragment, in every language and
    scope: at once on every host that shares the fragment cache (Redis), within
    filters.OKRUG_FILTER_SECONDS on another (a process's own memory)."""
    okrugs = {instance.pk, *Okrug.objects.values_list("pk", flat=True)}
    caches["fragments"].delete_many(okrug_filter_keys(sorted(okrugs)))
