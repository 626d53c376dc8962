"""Users of the office. A role is a group (see roles.py); akims' offices and local commission
members belong to one okrug, which scopes everything they see."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    okrug = models.ForeignKey(
        "applications.Okrug",
        verbose_name=_("округ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Для аппарата акима и участковой комиссии: округ, которым ограничен доступ."),
    )
    language = models.CharField(_("язык интерфейса"), max_length=5, default="ru")

    class Meta:
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
