"""Backup and restore (issue 22, item 5): `manage.py backup` writes one dated archive; restored
into a fresh empty database and an empty media folder it gives back every table's rows, every
issued document byte for byte and every scan; a tampered archive and a database in use are
refused before anything is touched.

The round trip runs on the database of the run (SQLite by default, PostgreSQL with
DATABASE_URL); the restored database is read back through the database's own driver, not
through the code under test."""

import datetime
import hashlib
import io
import json
import os
import re
import secrets
import sqlite3
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from psycopg import sql

from applications.cases.models import ApplicationDocument
from commissions.models import IssuedDocument
from commissions.services.documents import documents_issue
from tests.conftest import login
from zhanakorgan_aid.backup import BackupError, backup_restore

from .conftest import MINIMAL_PDF

# pg_dump sees only committed rows: each test commits its data (and the database is flushed
# after it).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    """This test's own private media folder, so the archive holds only what the test uploads."""
    folder = tmp_path / "private_media"
    folder.mkdir()
    settings.PRIVATE_MEDIA_ROOT = folder
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": folder}},
    }
    return folder


@pytest.fixture
def office(media, application_factory, caseworker, client):
    """Two applications whose family composition (annex 3) was issued in Russian and Kazakh,
    and a scan attached to the first through its page."""
    applications = [application_factory(year=2024, quarter=1) for _ in range(2)]
    for application in applications:
        documents_issue(
            application=application, kinds=[IssuedDocument.Kind.FAMILY], actor=caseworker
        )
    login(client, caseworker)
    client.post(
        reverse("applications:document_upload", args=[applications[0].pk]),
        {"kind": "identity", "file": SimpleUploadedFile("udostoverenie.pdf", MINIMAL_PDF)},
    )
    assert IssuedDocument.objects.count() == 4 and ApplicationDocument.objects.count() == 1
    return applications


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database of the run's kind: a file on SQLite, a database created on the same
    PostgreSQL server (dropped afterwards; never the test database)."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        yield {"ENGINE": source["ENGINE"], "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"{source['NAME']}_restore_{secrets.token_hex(4)}"
    with _pg_connect(source, "postgres") as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield {**source, "NAME": name}
    with _pg_connect(source, "postgres") as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _pg_connect(database: dict, name: str) -> psycopg.Connection:
    return psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        dbname=name,
        autocommit=True,
    )


def read_back(database: dict) -> tuple[dict[str, int], list[tuple[int, str, bytes]]]:
    """Each table's rows and the issued documents (id, stored SHA-256, PDF bytes), read from a
    database through its driver."""
    if "sqlite" in database["ENGINE"]:
        db = sqlite3.connect(database["NAME"])
        tables_sql = (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    else:
        db = _pg_connect(database, database["NAME"])
        tables_sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    try:
        tables = [row[0] for row in db.execute(tables_sql).fetchall()]
        counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
        documents = db.execute(
            "SELECT id, sha256, pdf FROM commissions_issueddocument ORDER BY id"
        ).fetchall()
    finally:
        db.close()
    return counts, [(pk, sha, bytes(pdf)) for pk, sha, pdf in documents]


def source_state() -> tuple[dict[str, int], list[tuple[int, str, bytes]]]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    documents = [(d.pk, d.sha256, bytes(d.pdf)) for d in IssuedDocument.objects.order_by("pk")]
    return counts, documents


def make_backup(output: Path) -> Path:
    out = io.StringIO()
    call_command("backup", output=output, stdout=out)
    assert "Резервная копия записана" in out.getvalue()
    (archive,) = output.glob("zhanakorgan-aid-backup-*.tar")
    return archive


def test_round_trip_gives_back_every_row_document_and_scan(office, fresh_database, tmp_path):
    archive = make_backup(tmp_path / "backups")
    today = timezone.localdate().isoformat()
    assert re.fullmatch(rf"zhanakorgan-aid-backup-{today}T\d{{6}}\.tar", archive.name)
    scan = ApplicationDocument.objects.get()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = sorted(tar.getnames())
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert sorted([*listed, "manifest.json"]) == names
    assert listed[f"private_media/{scan.file.name}"] == {
        "path": f"private_media/{scan.file.name}",
        "sha256": hashlib.sha256(MINIMAL_PDF).hexdigest(),
        "size": len(MINIMAL_PDF),
    }
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["tables"]["commissions_issueddocument"] == 4
    assert manifest["application_version"] == "0.1.0"
    counts, documents = source_state()
    assert manifest["tables"] == counts

    restored_media = tmp_path / "restored_media"
    result = backup_restore(
        archive=archive, database=fresh_database, folders={"private_media": restored_media}
    )

    assert (result.files, result.rows) == (1, sum(counts.values()))
    restored_counts, restored_documents = read_back(fresh_database)
    assert restored_counts == counts
    assert restored_documents == documents
    for _pk, stored_sha256, pdf in restored_documents:
        assert hashlib.sha256(pdf).hexdigest() == stored_sha256
        assert pdf.startswith(b"%PDF-")
    assert (restored_media / scan.file.name).read_bytes() == MINIMAL_PDF
    assert [p for p in restored_media.rglob("*") if p.is_file()] == [
        restored_media / scan.file.name
    ]


def test_a_byte_changed_in_a_scan_is_refused_before_anything_is_touched(
    office, fresh_database, tmp_path
):
    archive = make_backup(tmp_path / "backups")
    scan = ApplicationDocument.objects.get()
    with tarfile.open(archive) as tar:
        offset = tar.getmember(f"private_media/{scan.file.name}").offset_data
    with archive.open("r+b") as raw:
        raw.seek(offset + 3)
        byte = raw.read(1)
        raw.seek(offset + 3)
        raw.write(bytes([byte[0] ^ 0x01]))
    restored_media = tmp_path / "restored_media"

    with pytest.raises(BackupError, match="не совпадает с описью") as refused:
        backup_restore(
            archive=archive, database=fresh_database, folders={"private_media": restored_media}
        )

    assert scan.file.name in str(refused.value)
    assert not restored_media.exists()
    assert read_back_tables(fresh_database) == []
    with pytest.raises(CommandError, match="не совпадает с описью"):
        call_command("restore", archive, check=True)


def read_back_tables(database: dict) -> list[str]:
    if "sqlite" in database["ENGINE"]:
        if not Path(database["NAME"]).exists():
            return []
        with sqlite3.connect(database["NAME"]) as db:
            return [r[0] for r in db.execute("SELECT name FROM sqlite_master").fetchall()]
    with _pg_connect(database, database["NAME"]) as db:
        return [
            r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]


def test_a_database_in_use_is_refused(office, fresh_database, tmp_path):
    archive = make_backup(tmp_path / "backups")
    backup_restore(
        archive=archive, database=fresh_database, folders={"private_media": tmp_path / "first"}
    )
    documents_before = read_back(fresh_database)

    # Restoring again over the restored database (into an empty folder) is refused.
    with pytest.raises(BackupError, match="не пуста"):
        backup_restore(
            archive=archive, database=fresh_database, folders={"private_media": tmp_path / "second"}
        )
    assert read_back(fresh_database) == documents_before
    assert not (tmp_path / "second").exists()

    # So is this installation's own database, the one the command restores into by default.
    with pytest.raises(CommandError, match="не пуста"):
        call_command("restore", archive)
    assert IssuedDocument.objects.count() == 4


def test_a_media_folder_with_files_is_refused_and_the_database_left_empty(
    office, fresh_database, tmp_path
):
    archive = make_backup(tmp_path / "backups")
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "scan.pdf").write_bytes(b"someone's scan")

    with pytest.raises(BackupError, match="не пуста"):
        backup_restore(
            archive=archive, database=fresh_database, folders={"private_media": occupied}
        )

    assert read_back_tables(fresh_database) == []
    assert [p.name for p in occupied.iterdir()] == ["scan.pdf"]


@pytest.mark.postgresql
def test_postgresql_archive_is_a_pg_dump_and_restores_the_search(office, fresh_database, tmp_path):
    """On PostgreSQL the archive holds pg_dump's custom format, and the restored database keeps
    what only a dump carries: the pg_trgm extension and the triggers that keep applicant_key."""
    archive = make_backup(tmp_path / "backups")
    with tarfile.open(archive) as tar:
        assert tar.extractfile("database/db.dump").read(5) == b"PGDMP"
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["server_version"] == connection.pg_version // 10000

    backup_restore(
        archive=archive, database=fresh_database, folders={"private_media": tmp_path / "media"}
    )

    with _pg_connect(fresh_database, fresh_database["NAME"]) as db:
        assert db.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
        db.execute(
            "UPDATE applications_person SET surname = 'Restored' WHERE id = (SELECT MIN(id) FROM applications_person)"
        )
        keys = [r[0] for r in db.execute("SELECT applicant_key FROM applications_application")]
    assert any("RESTORED" in key.upper() for key in keys), keys
    assert datetime.date.fromisoformat(manifest["created_at"][:10]) == timezone.localdate()


@pytest.mark.postgresql
def test_a_pg_dump_older_than_the_server_is_named_and_nothing_is_written(
    media, tmp_path, monkeypatch
):
    """An old PostgreSQL client first in PATH: the backup says which versions differ and what
    to install, and leaves no archive behind."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 11.22'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    server = connection.pg_version // 10000

    with pytest.raises(CommandError) as refused:
        call_command("backup", output=tmp_path / "backups")

    assert str(refused.value) == (
        f"pg_dump версии 11 старше сервера PostgreSQL {server}: установите клиент PostgreSQL "
        f"{server} (postgresql-client-{server}) и поставьте его первым в PATH."
    )
    assert list((tmp_path / "backups").iterdir()) == []
