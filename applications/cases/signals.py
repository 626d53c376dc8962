"""A changed okrug is what the application list's filter offers next."""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import override

from applications.reference.models import Okrug

from .forms import okrugs_key


@receiver(post_save, sender=Okrug, dispatch_uid="okrug_saved")
@receiver(post_delete, sender=Okrug, dispatch_uid="okrug_deleted")
def forget_okrugs(**kwargs) -> None:
    """The list's filter offers the okrugs as they are now on its next page, on every host."""
    keys = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            keys.append(okrugs_key())
    cache.delete_many(keys)
