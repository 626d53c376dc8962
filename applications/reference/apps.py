from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    """Reference data and the working-day calendar: the bottom layer every app reads."""

    name = "applications.reference"
    label = "reference"
    verbose_name = "Справочники"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (the calendar's cache)
