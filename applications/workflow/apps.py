from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    """The path of an application (p18–p25), orchestrating cases, commissions and benefits."""

    name = "applications.workflow"
    label = "workflow"
    verbose_name = "Ход рассмотрения"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (terms counted again after a calendar change)
