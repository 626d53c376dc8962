"""A changed calendar override is seen by the next term counted in this process at once."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import workdays
from .models import CalendarOverride


@receiver(post_save, sender=CalendarOverride, dispatch_uid="workdays_override_saved")
@receiver(post_delete, sender=CalendarOverride, dispatch_uid="workdays_override_deleted")
def forget_calendar(**kwargs) -> None:
    workdays.clear_cache()
