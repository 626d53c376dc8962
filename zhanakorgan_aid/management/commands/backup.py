"""manage.py backup [--output DIR]: the database and the media folders in one dated archive
with a manifest (zhanakorgan_aid.backup; README, "Backup and restore")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhanakorgan_aid.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Резервная копия: база данных (pg_dump или копия SQLite), папки документов и опись с "
        "SHA-256 каждого файла и числом строк каждой таблицы — в одном архиве tar."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path.cwd(),
            help="папка, куда положить архив (по умолчанию текущая)",
        )

    def handle(self, *args, output: Path, **options):
        try:
            archive = backup_create(output_dir=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Резервная копия записана: {archive}"))
