"""Uploaded scans: only PDF, JPEG and PNG, recognised by their content, within a size limit."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_TYPES = {"application/pdf", "image/jpeg", "image/png"}


def check_scan(upload) -> str:
    """Return the content type of an acceptable scan or raise ValidationError."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Файл больше %(mb)s МБ.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    head = upload.read(4096)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "Допускаются только сканы в формате PDF, JPEG или PNG (проверяется содержимое файла)."
            )
        )
    return kind.mime
