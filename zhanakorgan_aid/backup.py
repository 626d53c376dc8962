"""Backup and restore of the office's data: the database and the media folders in one dated tar
archive with a manifest (`manage.py backup`, `manage.py restore`; README, "Backup and restore").

The archive holds

    database/db.dump       on PostgreSQL: `pg_dump --format=custom`, taken in the snapshot in
                           which the rows are counted, so the counts describe the dump exactly
    database/db.sqlite3    on SQLite: a copy made with SQLite's online backup API
    private_media/…        settings.PRIVATE_MEDIA_ROOT: the scans attached to applications
    media/…                settings.MEDIA_ROOT, when it is set and is another folder
    manifest.json          every other member with its SHA-256 and size; when and by which
                           versions it was made, the database's vendor, each table's row count

The issued documents (annexes, notices, contracts) are kept in the database byte for byte with
their SHA-256 (commissions.IssuedDocument), so they travel in the dump.

Restore is safe only: it checks every member of the archive against the manifest before it
touches anything, and loads only into an EMPTY database — one without any table (as `createdb`
leaves it, before `migrate`; a missing SQLite file counts as empty) — and into media folders
that are absent or empty. It never overwrites. Afterwards it reads the restored files back
against their hashes and counts each table's rows against the manifest.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import ConnectionHandler
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
ARCHIVE_PREFIX = "zhanakorgan-aid-backup-"
DATABASE_FILES = {"postgresql": "database/db.dump", "sqlite": "database/db.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused or failed: the message says why, for the administrator."""


@dataclass(frozen=True)
class RestoreResult:
    vendor: str
    created_at: str
    tables: int
    rows: int
    files: int


def media_folders() -> dict[str, Path]:
    """The folders a backup takes, by their name in the archive: the private media always,
    MEDIA_ROOT when it is set and is not the same folder."""
    folders = {"private_media": Path(settings.PRIVATE_MEDIA_ROOT)}
    media_root = getattr(settings, "MEDIA_ROOT", "")
    if media_root and Path(media_root).resolve() != folders["private_media"].resolve():
        folders["media"] = Path(media_root)
    return folders


# --- backup ------------------------------------------------------------------------------------


def backup_create(
    *, output_dir: Path, alias: str = DEFAULT_DB_ALIAS, folders: dict[str, Path] | None = None
) -> Path:
    """Write one archive zhanakorgan-aid-backup-<local date and time>.tar into output_dir and
    return its path. It appears under its name only when complete."""
    folders = media_folders() if folders is None else folders
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    for folder in folders.values():
        if output_dir.resolve().is_relative_to(folder.resolve()):
            raise BackupError(
                _(
                    "Папка архива %(output)s лежит внутри папки документов %(folder)s: выберите другую."
                )
                % {"output": output_dir, "folder": folder}
            )
    connection = connections[alias]
    now = timezone.localtime()
    archive = output_dir / f"{ARCHIVE_PREFIX}{now:%Y-%m-%dT%H%M%S}.tar"
    if archive.exists():
        raise BackupError(_("Архив %(archive)s уже существует.") % {"archive": archive})
    partial = output_dir / f".{archive.name}.partial"
    try:
        with (
            tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as work,
            tarfile.open(partial, "w") as tar,
        ):
            dump = Path(work) / "db"
            if connection.vendor == "postgresql":
                database, counts = _dump_postgresql(connection, dump)
            elif connection.vendor == "sqlite":
                database, counts = _copy_sqlite(connection, dump)
            else:
                raise BackupError(
                    _("Резервное копирование базы %(vendor)s не поддерживается.")
                    % {"vendor": connection.vendor}
                )
            database["file"] = DATABASE_FILES[connection.vendor]
            files = [_add_file(tar, dump, database["file"])]
            for key, folder in folders.items():
                for path in _files_under(folder):
                    files.append(
                        _add_file(tar, path, f"{key}/{path.relative_to(folder).as_posix()}")
                    )
            manifest = {
                "format": FORMAT,
                "created_at": now.isoformat(timespec="seconds"),
                "application": "zhanakorgan-aid",
                "application_version": _app_version(),
                "django_version": django.get_version(),
                "database": database,
                "media": {key: str(folder) for key, folder in folders.items()},
                "tables": counts,
                "files": files,
            }
            _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        partial.replace(archive)
    finally:
        partial.unlink(missing_ok=True)
    return archive


def _dump_postgresql(connection: BaseDatabaseWrapper, target: Path) -> tuple[dict, dict]:
    """pg_dump in an exported snapshot; the rows are counted in the same snapshot."""
    pg_dump = _client("pg_dump")
    client_major = _client_major(pg_dump)
    server_major = connection.pg_version // 10000
    if client_major < server_major:
        raise BackupError(
            _(
                "pg_dump версии %(client)s старше сервера PostgreSQL %(server)s: установите "
                "клиент PostgreSQL %(server)s (postgresql-client-%(server)s) и поставьте его "
                "первым в PATH."
            )
            % {"client": client_major, "server": server_major}
        )
    if connection.in_atomic_block:
        raise BackupError(_("Резервная копия не делается внутри открытой транзакции."))
    args, env = _pg_connection_args(connection.settings_dict)
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        _run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}", *args],
            env=env,
        )
        counts = _row_counts(connection)
    return {
        "vendor": "postgresql",
        "server_version": server_major,
        "pg_dump_version": client_major,
    }, counts


def _copy_sqlite(connection: BaseDatabaseWrapper, target: Path) -> tuple[dict, dict]:
    """A copy through SQLite's online backup API, its rows counted in the copy itself."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
    return {"vendor": "sqlite", "sqlite_version": sqlite3.sqlite_version}, _count_in(
        {"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)}
    )


class _HashingReader:
    """Reads a file for tarfile, hashing exactly the bytes that go into the archive."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar: tarfile.TarFile, source: Path, name: str) -> dict:
    info = tar.gettarinfo(source, arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with source.open("rb") as raw:
        reader = _HashingReader(raw)
        tar.addfile(info, reader)
    return {"path": name, "sha256": reader.sha256.hexdigest(), "size": info.size}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    with tempfile.TemporaryFile() as buffer:
        buffer.write(data)
        buffer.seek(0)
        tar.addfile(info, buffer)


def _files_under(folder: Path) -> list[Path]:
    """The regular files of a folder, in a stable order; links are not followed."""
    if not folder.is_dir():
        return []
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def _app_version() -> str:
    try:
        return metadata.version("zhanakorgan-aid")
    except metadata.PackageNotFoundError:
        return "unknown"


# --- verification ------------------------------------------------------------------------------


def archive_verify(archive: Path) -> dict:
    """Check every member of an archive against its manifest; return the manifest."""
    with _open_archive(archive) as tar:
        return _verify(tar)


def _open_archive(archive: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(archive, "r:*")
    except FileNotFoundError as error:
        raise BackupError(_("Архив %(archive)s не найден.") % {"archive": archive}) from error
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            _("%(archive)s не читается как архив tar: %(error)s")
            % {"archive": archive, "error": error}
        ) from error


def _verify(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(tar.getmember(MANIFEST)))
        listed = {entry["path"]: entry for entry in manifest["files"]}
        database_file = manifest["database"]["file"]
        manifest["tables"].items()
    except (KeyError, TypeError, AttributeError, ValueError, tarfile.TarError) as error:
        raise BackupError(
            _("В архиве нет описи manifest.json или она не читается: это не резервная копия.")
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Формат архива %(format)s не поддерживается этой версией.")
            % {"format": manifest.get("format")}
        )
    if database_file not in listed:
        raise BackupError(_("В описи архива нет файла базы данных."))
    seen = set()
    try:
        for member in tar:
            if member.name == MANIFEST:
                continue
            entry = listed.get(member.name)
            if entry is None or member.name in seen or not _safe_member(member):
                raise BackupError(
                    _("Файла %(name)s нет в описи архива: архив изменён после создания.")
                    % {"name": member.name}
                )
            seen.add(member.name)
            sha256, size = _digest(tar.extractfile(member))
            if (sha256, size) != (entry["sha256"], entry["size"]):
                raise BackupError(
                    _(
                        "Файл %(name)s в архиве не совпадает с описью (SHA-256 или размер): "
                        "архив повреждён или изменён. Ничего не восстановлено."
                    )
                    % {"name": member.name}
                )
    except tarfile.TarError as error:
        raise BackupError(
            _("Архив повреждён: %(error)s. Ничего не восстановлено.") % {"error": error}
        ) from error
    missing = sorted(set(listed) - seen)
    if missing:
        raise BackupError(
            _("В архиве нет файлов, названных в описи: %(names)s.")
            % {"names": ", ".join(missing[:5])}
        )
    return manifest


def _safe_member(member: tarfile.TarInfo) -> bool:
    path = PurePosixPath(member.name)
    return (
        member.isfile()
        and not path.is_absolute()
        and ".." not in path.parts
        and path.parts[0] in {"database", "private_media", "media"}
    )


def _digest(stream) -> tuple[str, int]:
    sha256, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        sha256.update(chunk)
        size += len(chunk)
    return sha256.hexdigest(), size


# --- restore -----------------------------------------------------------------------------------


def backup_restore(
    *, archive: Path, database: dict | None = None, folders: dict[str, Path] | None = None
) -> RestoreResult:
    """Restore an archive into an empty database and empty media folders (by default this
    installation's), then check the files' hashes and the tables' row counts."""
    database = dict(settings.DATABASES[DEFAULT_DB_ALIAS] if database is None else database)
    folders = media_folders() if folders is None else folders
    vendor = _vendor(database)
    with _open_archive(Path(archive)) as tar:
        manifest = _verify(tar)
        if manifest["database"]["vendor"] != vendor:
            raise BackupError(
                _("Архив сделан с базы %(archived)s, а эта установка работает на %(vendor)s.")
                % {"archived": manifest["database"]["vendor"], "vendor": vendor}
            )
        unknown = sorted(set(manifest["media"]) - set(folders))
        if unknown:
            raise BackupError(
                _("В архиве есть папка %(names)s, а в настройках её нет (MEDIA_ROOT).")
                % {"names": ", ".join(unknown)}
            )
        pg_restore = _check_restore_client(manifest) if vendor == "postgresql" else None
        _check_empty(database, folders)
        with tempfile.TemporaryDirectory(prefix="zhanakorgan-aid-restore-") as work:
            tar.extract(manifest["database"]["file"], work, filter="data")
            dump = Path(work) / manifest["database"]["file"]
            if vendor == "postgresql":
                _load_postgresql(pg_restore, dump, database)
            else:
                _load_sqlite(dump, database)
        for key in manifest["media"]:
            _unpack(tar, key, folders[key])
    files = _check_files(manifest, folders)
    counts = _count_in(database)
    differ = sorted(
        table
        for table in set(counts) | set(manifest["tables"])
        if counts.get(table) != manifest["tables"].get(table)
    )
    if differ:
        raise BackupError(
            _("После восстановления число строк не совпадает с описью в таблицах: %(tables)s.")
            % {
                "tables": ", ".join(
                    f"{t} ({manifest['tables'].get(t)} → {counts.get(t)})" for t in differ[:10]
                )
            }
        )
    return RestoreResult(
        vendor=vendor,
        created_at=manifest["created_at"],
        tables=len(counts),
        rows=sum(counts.values()),
        files=files,
    )


def _vendor(database: dict) -> str:
    engine = database["ENGINE"]
    for vendor in DATABASE_FILES:
        if engine.endswith(vendor) or engine.endswith(f"{vendor}3"):
            return vendor
    raise BackupError(_("Восстановление в базу %(engine)s не поддерживается.") % {"engine": engine})


def _check_empty(database: dict, folders: dict[str, Path]) -> None:
    """Refuse unless the database has no table and each media folder is absent or empty."""
    target = _connect(database)
    if (
        target.vendor == "sqlite"
        and not target.is_in_memory_db()
        and not Path(target.settings_dict["NAME"]).exists()
    ):
        tables = []
    else:
        try:
            with closing(target), target.cursor() as cursor:
                tables = target.introspection.table_names(cursor)
        except DatabaseError as error:
            raise BackupError(
                _("Нет доступа к базе данных %(name)s: %(error)s")
                % {"name": database["NAME"], "error": error}
            ) from error
    if tables:
        raise BackupError(
            _(
                "База данных %(name)s не пуста (таблиц: %(count)s, например %(table)s). "
                "Восстановление делается только в пустую базу: создайте новую (createdb) и не "
                "запускайте migrate до восстановления."
            )
            % {"name": database["NAME"], "count": len(tables), "table": tables[0]}
        )
    for folder in folders.values():
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise BackupError(
                _("Папка %(folder)s не пуста: документы восстанавливаются только в пустую папку.")
                % {"folder": folder}
            )


def _load_postgresql(pg_restore: str, dump: Path, database: dict) -> None:
    args, env = _pg_connection_args(database)
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            *args,
            str(dump),
        ],
        env=env,
    )


def _load_sqlite(dump: Path, database: dict) -> None:
    with closing(sqlite3.connect(dump)) as source, closing(_connect(database)) as target:
        target.ensure_connection()
        source.backup(target.connection)


def _unpack(tar: tarfile.TarFile, key: str, folder: Path) -> None:
    """Unpack a media folder beside its target, then move it in (the target absent or empty)."""
    members = [m for m in tar.getmembers() if m.name.startswith(f"{key}/")]
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-restore-"))
    try:
        tar.extractall(staging, members=members, filter="data")
        unpacked = staging / key
        if unpacked.is_dir():
            for child in unpacked.iterdir():
                child.rename(folder / child.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_files(manifest: dict, folders: dict[str, Path]) -> int:
    """Read every restored media file back against the manifest; return how many there are."""
    checked = 0
    for entry in manifest["files"]:
        key, _sep, relative = entry["path"].partition("/")
        if key not in folders:
            continue
        path = folders[key] / relative
        try:
            with path.open("rb") as stream:
                found = _digest(stream)
        except FileNotFoundError:
            found = None
        if found != (entry["sha256"], entry["size"]):
            raise BackupError(
                _("Восстановленный файл %(path)s не совпадает с описью.") % {"path": path}
            )
        checked += 1
    return checked


def _check_restore_client(manifest: dict) -> str:
    pg_restore = _client("pg_restore")
    made_by = manifest["database"].get("pg_dump_version", 0)
    if _client_major(pg_restore) < made_by:
        raise BackupError(
            _(
                "Архив сделан pg_dump версии %(dump)s, а pg_restore здесь версии %(client)s: "
                "установите клиент PostgreSQL %(dump)s или новее."
            )
            % {"dump": made_by, "client": _client_major(pg_restore)}
        )
    return pg_restore


# --- helpers -----------------------------------------------------------------------------------


def _connect(database: dict) -> BaseDatabaseWrapper:
    """A Django connection to the database a settings dictionary names (not one of settings)."""
    return ConnectionHandler({DEFAULT_DB_ALIAS: dict(database)})[DEFAULT_DB_ALIAS]


def _count_in(database: dict) -> dict[str, int]:
    with closing(_connect(database)) as target:
        return _row_counts(target)


def _row_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Each table's rows, by the table's name."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_connection_args(database: dict) -> tuple[list[str], dict[str, str]]:
    """pg_dump's and pg_restore's connection options; the password goes in PGPASSWORD."""
    args = ["--no-password", f"--dbname={database['NAME']}"]
    if database.get("HOST"):
        args.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        args.append(f"--port={database['PORT']}")
    if database.get("USER"):
        args.append(f"--username={database['USER']}")
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    if sslmode := (database.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return args, env


def _client(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise BackupError(
            _("Программа %(program)s не найдена: установите клиент PostgreSQL (postgresql-client).")
            % {"program": program}
        )
    return path


def _client_major(program: str) -> int:
    output = _run([program, "--version"]).stdout
    match = re.search(r"\(PostgreSQL\) (\d+)", output)
    if match is None:
        raise BackupError(
            _("Не удалось узнать версию %(program)s: %(output)s")
            % {"program": program, "output": output.strip()}
        )
    return int(match[1])


def _run(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s завершился с ошибкой: %(error)s")
            % {"program": Path(command[0]).name, "error": result.stderr.strip()}
        )
    return result
