from django.apps import AppConfig


class CasesConfig(AppConfig):
    """People, families, incomes, applications and decisions. The label stays "applications",
    the app's name before it became a layer of its own: tables, migrations and permissions keep
    their names."""

    name = "applications.cases"
    label = "applications"
    verbose_name = "Заявления"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import signals  # noqa: F401  (the okrug filter kept as a fragment)
        from .selectors import add_unicode_upper

        connection_created.connect(add_unicode_upper, dispatch_uid="applications_unicode_upper")
