"""Uploads: PDF, JPEG and PNG only, judged by content; a size limit; files served only through
the view that checks access, never from a public URL (issue 7, item 6)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.cases.models import ApplicationDocument
from tests.conftest import login

from .conftest import MINIMAL_PDF

# The first bytes of a Windows executable (MZ header, PE offset) and of a PNG image.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 240
PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def upload(client, case, name, content):
    return client.post(
        reverse("applications:document_upload", args=[case.pk]),
        {"kind": "identity", "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_executable_renamed_to_pdf_is_refused_with_a_russian_message(client, caseworker, case):
    login(client, caseworker)
    response = upload(client, case, "spravka.pdf", EXECUTABLE)
    assert "Допускаются только сканы в формате PDF, JPEG или PNG" in response.content.decode()
    assert not ApplicationDocument.objects.exists()


def test_text_named_jpg_is_refused(client, caseworker, case):
    login(client, caseworker)
    response = upload(client, case, "photo.jpg", b"<script>alert(1)</script>")
    assert "проверяется содержимое файла" in response.content.decode()
    assert not ApplicationDocument.objects.exists()


def test_small_real_pdf_is_accepted_and_read_back_through_the_view(client, caseworker, case):
    login(client, caseworker)
    response = upload(client, case, "udostoverenie.pdf", MINIMAL_PDF)
    assert "прикреплён" in response.content.decode()
    document = ApplicationDocument.objects.get()
    assert (document.content_type, document.size) == ("application/pdf", len(MINIMAL_PDF))
    download = client.get(reverse("applications:document_download", args=[case.pk, document.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == MINIMAL_PDF


def test_png_named_anything_is_accepted_as_png(client, caseworker, case):
    login(client, caseworker)
    upload(client, case, "scan.dat", PNG_1x1)
    assert ApplicationDocument.objects.get().content_type == "image/png"


def test_oversize_scan_is_refused(client, caseworker, case, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    login(client, caseworker)
    big = MINIMAL_PDF + b"%" + b"0" * (1024 * 1024)
    response = upload(client, case, "big.pdf", big)
    assert "Файл больше 1 МБ" in response.content.decode()
    assert not ApplicationDocument.objects.exists()


@pytest.mark.parametrize("prefix", ["/documents/", "/media/", "/private_media/"])
def test_no_public_url_serves_a_stored_scan(client, caseworker, document, prefix):
    login(client, caseworker)
    stored = document.file.name  # applications/<id>/<time>-udostoverenie.pdf
    assert client.get(f"{prefix}{stored}").status_code == 404


def test_the_storage_url_of_a_scan_is_not_served(client, caseworker, document):
    login(client, caseworker)
    assert client.get(document.file.url).status_code == 404
