from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_role_groups(**kwargs) -> None:
    from django.contrib.auth.models import Group

    from .roles import ALL_ROLES

    for name in ALL_ROLES:
        Group.objects.get_or_create(name=name)


class ZhanakorganAidConfig(AppConfig):
    name = "zhanakorgan_aid"
    verbose_name = "Zhanakorgan Aid"

    def ready(self) -> None:
        post_migrate.connect(ensure_role_groups, sender=self)
