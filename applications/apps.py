from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import signals  # noqa: F401  (calendar cache invalidation)
        from .selectors import add_unicode_upper

        connection_created.connect(add_unicode_upper, dispatch_uid="applications_unicode_upper")
