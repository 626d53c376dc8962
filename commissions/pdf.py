"""Printed documents: HTML templates rendered to A4 PDF by WeasyPrint, with DejaVu Sans embedded
so that Russian and Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І) print; and the issued copies kept as
signed off (p19, p23, p25)."""

import datetime
import functools
import hashlib
import shutil
import subprocess
import threading
from pathlib import Path

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .models import IssuedDocument

FONT_FAMILY = "DejaVu Sans"
FONT_FACES = {("normal", "normal"): "DejaVuSans.ttf", ("bold", "normal"): "DejaVuSans-Bold.ttf"}
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts",
    "/Library/Fonts",
)


def _fc_match(file_name: str) -> Path | None:
    """Ask fontconfig where DejaVu Sans lives (Debian's fonts-dejavu-core)."""
    if not shutil.which("fc-match"):
        return None
    style = "Bold" if "Bold" in file_name else "Book"
    found = subprocess.run(
        ["fc-match", "--format=%{file}", f"{FONT_FAMILY}:style={style}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return Path(found) if found.endswith(file_name) else None


@functools.cache
def font_file(file_name: str) -> Path | None:
    """The path of a DejaVu Sans file on this machine, found once per process."""
    for folder in FONT_DIRS:
        path = Path(folder) / file_name
        if path.is_file():
            return path
    return _fc_match(file_name)


PRINT_CSS = "documents/print.css"


@functools.cache
def stylesheets() -> tuple[list[CSS], FontConfiguration]:
    """The fonts (@font-face rules pointing at the files, so the font is embedded whatever the
    machine's default; a missing file is left to fontconfig by family name) and the print
    stylesheet, parsed once per process rather than on every render."""
    config = FontConfiguration()
    rules = []
    for (weight, style), file_name in FONT_FACES.items():
        path = font_file(file_name)
        if path is not None:
            rules.append(
                f"@font-face {{ font-family: '{FONT_FAMILY}'; font-weight: {weight}; "
                f"font-style: {style}; src: url('{path.as_uri()}'); }}"
            )
    fonts = CSS(string="\n".join(rules), font_config=config, url_fetcher=url_fetcher())
    layout = CSS(string=render_to_string(PRINT_CSS), font_config=config)
    return [fonts, layout], config


_local = threading.local()


def url_fetcher() -> URLFetcher:
    """One fetcher per thread, kept: building one costs an SSL context (~50 ms) per render,
    and a printed form needs only local files (the fonts), never the network."""
    fetcher = getattr(_local, "fetcher", None)
    if fetcher is None:
        fetcher = _local.fetcher = URLFetcher(allowed_protocols={"file", "data"})
    return fetcher


def render_document(template_name: str, context: dict) -> Document:
    """Lay out a template (extending documents/base.html) on A4 pages with the print
    stylesheet (templates/documents/print.css) and the embedded font."""
    html = render_to_string(template_name, context)
    sheets, config = stylesheets()
    document = HTML(string=html, base_url=".", url_fetcher=url_fetcher())
    return document.render(stylesheets=sheets, font_config=config)


def render_pdf(template_name: str, context: dict) -> bytes:
    """The laid-out template as PDF bytes."""
    return render_document(template_name, context).write_pdf()


def issue_document(
    *,
    application,
    kind: str,
    lang: str,
    template_name: str,
    context: dict,
    actor,
    issued_on: datetime.date | None = None,
) -> IssuedDocument:
    """Sign off a document: render it once and keep its bytes and SHA-256. A document already
    issued for the application, kind and language is returned unchanged."""
    existing = IssuedDocument.objects.filter(application=application, kind=kind, lang=lang).first()
    if existing is not None:
        return existing
    pdf = render_pdf(template_name, {**context, "draft": False})
    try:
        with transaction.atomic():
            return IssuedDocument.objects.create(
                application=application,
                kind=kind,
                lang=lang,
                pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
                size=len(pdf),
                issued_on=issued_on or timezone.localdate(),
                issued_by=actor,
            )
    except IntegrityError:
        # Issued by someone else a moment ago: theirs is the issued copy.
        return IssuedDocument.objects.get(application=application, kind=kind, lang=lang)
