from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ZhanakorganAidConfig(AppConfig):
    name = "zhanakorgan_aid"
    verbose_name = "Zhanakorgan Aid"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import lookups  # noqa: F401 (registers field__among)
        from .permissions import on_post_migrate
        from .sessions import stamp_on_login

        user_logged_in.connect(stamp_on_login, dispatch_uid="zhanakorgan_aid_session_stamp")

        # For every app (no sender): each app's permissions exist only after its own
        # post_migrate, which auth handles first (auth is earlier in INSTALLED_APPS).
        post_migrate.connect(on_post_migrate, dispatch_uid="zhanakorgan_aid_role_permissions")
