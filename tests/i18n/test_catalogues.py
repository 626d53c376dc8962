"""Every message the code and templates use has a Kazakh translation, and the catalogues
compile. The extraction runs into a temporary copy, so the tree is not changed."""

import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

IGNORE = [".venv/*", "tests/*", "bench/*", "artifacts/*", "staticfiles/*", "*.egg-info/*"]


SOURCES = ["applications", "benefits", "commissions", "zhanakorgan_aid", "templates", "locale"]


def extract(tmp_path: Path, monkeypatch) -> Path:
    """Run makemessages over a copy of the sources: makemessages writes into the locale folder
    beside the files it reads, so working on a copy is the only way to leave the tree alone."""
    root = Path(settings.BASE_DIR)
    for name in SOURCES:
        shutil.copytree(
            root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
        )
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command(
            "makemessages", locale=["kk"], ignore_patterns=IGNORE, no_obsolete=True, verbosity=0
        )
    return tmp_path / "locale" / "kk" / "LC_MESSAGES" / "django.po"


def test_no_used_message_lacks_a_kazakh_translation(tmp_path, monkeypatch):
    po = extract(tmp_path, monkeypatch)
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    missing = [line for line in untranslated.splitlines() if line.startswith("msgid ")][1:]
    fuzzy_ids = [line for line in fuzzy.splitlines() if line.startswith("msgid ")][1:]
    assert not missing, f"{len(missing)} messages without Kazakh translation, e.g. {missing[:10]}"
    assert not fuzzy_ids, f"{len(fuzzy_ids)} fuzzy Kazakh translations, e.g. {fuzzy_ids[:10]}"


def test_catalogues_compile(tmp_path):
    for lang in ("kk", "ru"):
        po = Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.po"
        subprocess.run(
            ["msgfmt", "--check", "-o", str(tmp_path / f"{lang}.mo"), str(po)], check=True
        )
