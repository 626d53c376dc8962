"""manage.py restore ARCHIVE: an archive of manage.py backup into an empty database and empty
media folders, checked against its manifest before and after (zhanakorgan_aid.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhanakorgan_aid.backup import BackupError, archive_verify, backup_restore


class Command(BaseCommand):
    help = (
        "Восстановление из архива manage.py backup в ПУСТУЮ базу данных (без таблиц, до migrate) "
        "и пустые папки документов. Архив сначала сверяется с описью; после восстановления "
        "сверяются SHA-256 файлов и число строк каждой таблицы."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="архив zhanakorgan-aid-backup-….tar")
        parser.add_argument(
            "--check",
            action="store_true",
            help="только сверить архив с описью, ничего не восстанавливая",
        )

    def handle(self, *args, archive: Path, check: bool, **options):
        try:
            if check:
                manifest = archive_verify(archive)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Архив цел: {len(manifest['files'])} файлов совпадают с описью "
                        f"(создан {manifest['created_at']}, база {manifest['database']['vendor']})."
                    )
                )
                return
            result = backup_restore(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Восстановлено из архива от {result.created_at}: таблиц {result.tables}, "
                f"строк {result.rows}, файлов документов {result.files}; всё совпадает с описью."
            )
        )
