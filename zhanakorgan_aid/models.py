"""Users of the office and the record of who looked at personal data. A role is a group (see
roles.py); akims' offices and local commission members belong to one okrug, which scopes
everything they see."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    okrug = models.ForeignKey(
        "reference.Okrug",
        verbose_name=_("округ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Для аппарата акима и участковой комиссии: округ, которым ограничен доступ."),
    )
    language = models.CharField(_("язык интерфейса"), max_length=5, default="ru")
    must_change_password = models.BooleanField(
        _("сменить пароль при входе"),
        default=False,
        help_text=_(
            "Ставится, когда пароль задал администратор: пока пользователь не сменит его сам, "
            "он видит только страницу смены пароля."
        ),
    )
    # Who changed whose okrug or activity; the password hash and log-in times stay out.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class PersonalDataAccess(models.Model):
    """One view, download, print or export of a page or document holding personal data: who,
    when, which. Written by zhanakorgan_aid.audit.personal_data_access_record; never edited."""

    class Action(models.TextChoices):
        VIEW = "view", _("просмотр")
        DOWNLOAD = "download", _("скачивание")
        PRINT = "print", _("печатная форма")
        EXPORT = "export", _("выгрузка")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто"),
        on_delete=models.PROTECT,
        related_name="personal_data_accesses",
    )
    at = models.DateTimeField(_("когда"), default=timezone.now)
    action = models.CharField(_("действие"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("вид записи"), on_delete=models.PROTECT
    )
    object_id = models.CharField(_("номер записи"), max_length=64)
    object_repr = models.CharField(_("что"), max_length=300)
    path = models.CharField(_("адрес страницы"), max_length=500)
    ip_address = models.GenericIPAddressField(_("IP-адрес"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("доступ к персональным данным")
        verbose_name_plural = _("журнал доступа к персональным данным")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["user", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_action_display()}: {self.object_repr}"
