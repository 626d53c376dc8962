"""Fixtures of the security tests: a case of the akim's okrug with a scanned document."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.models import ApplicationDocument

# The smallest well-formed PDF: what filetype recognises as application/pdf.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def case(application_factory):
    """An application registered by a caseworker in the akim's okrug (Zhanakorgan)."""
    return application_factory(year=2024, quarter=1)


@pytest.fixture
def other_case(application_factory, other_okrug):
    """An application of another okrug (Shalkiya)."""
    return application_factory(okrug_obj=other_okrug, surname="Сейтов")


@pytest.fixture
def document(case, caseworker):
    return ApplicationDocument.objects.create(
        application=case, kind="identity", content_type="application/pdf",
        file=SimpleUploadedFile("udostoverenie.pdf", MINIMAL_PDF), size=len(MINIMAL_PDF),
        uploaded_by=caseworker,
    )


@pytest.fixture
def other_document(other_case, caseworker):
    return ApplicationDocument.objects.create(
        application=other_case, kind="identity", content_type="application/pdf",
        file=SimpleUploadedFile("chuzhoi.pdf", MINIMAL_PDF), size=len(MINIMAL_PDF),
        uploaded_by=caseworker,
    )
