"""The pages of a case as it goes through the commissions read the same number of queries
whatever it holds: a case with N of everything that repeats on them (family members, their
incomes, attached scans, moves, issued documents) and one with 2N read alike, for every role
that opens the application page, and on the survey, special-conclusion and decision pages."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.cases.models import ApplicationDocument, ApplicationTransition, Income
from applications.workflow.services.commissions import application_special_conclusion_record
from commissions.models import IssuedDocument
from tests.conftest import login

from .conftest import DAY

N = 2  # members of the smaller family; the larger one has 2N, and 2N of everything else


def grow(application, n: int, actor) -> None:
    """n incomes for each member (earlier quarters of 2025: the figure of p22 stays the same),
    n attached scans, n more moves, and up to n more kinds of issued documents (each in both
    languages), besides the members the family was built with."""
    for member in application.family.members.all():
        for quarter in range(1, n + 1):
            Income.objects.create(
                member=member, kind="allowance", year=2025, quarter=quarter, amount=Decimal(9000)
            )
    for k in range(n):
        ApplicationDocument.objects.create(
            application=application,
            kind="other",
            file=f"applications/{application.pk}/scan-{k}.pdf",
            content_type="application/pdf",
            size=2048,
            uploaded_by=actor,
        )
        ApplicationTransition.objects.create(
            application=application,
            from_status=application.status,
            to_status=application.status,
            actor=actor,
            comment=f"Примечание {k}",
        )
    issued = set(application.issued_documents.values_list("kind", flat=True))
    # copies as the panel reads them: one query for however many, whatever the stage
    for kind in [k for k in PRINTED if k not in issued][:n]:
        for lang in ("ru", "kk"):
            IssuedDocument.objects.create(
                application=application,
                kind=kind,
                lang=lang,
                pdf=b"%PDF-1.4",
                sha256="0" * 64,
                size=8,
                issued_on=DAY,
                issued_by=actor,
            )


PRINTED = (
    IssuedDocument.Kind.ACT,
    IssuedDocument.Kind.LOCAL_CONCLUSION,
    IssuedDocument.Kind.FAMILY,
    IssuedDocument.Kind.SPECIAL_CONCLUSION,
)


def pair(build, actor):
    """A case with N of everything and one with 2N, at the same step."""
    small = build(size=N, surname="Ахметов")
    large = build(size=2 * N, surname="Серікбаев")
    grow(small, N, actor)
    grow(large, 2 * N, actor)
    return small, large


def counts(client, user, name: str, cases) -> list[tuple[int, int]]:
    """For each case, the queries of its page with the change log built afresh, then with the
    log kept in the cache."""
    login(client, user)
    for case in cases:  # what a process reads once (the calendar, the roles' pages)
        assert client.get(reverse(name, args=[case.pk])).status_code == 200
    result = []
    for case in cases:
        url = reverse(name, args=[case.pk])
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(url)
        assert response.status_code == 200
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        result.append((len(cold), len(warm)))
    return result


@pytest.fixture
def concluded(at_special, special_member):
    """The special commission's conclusion recorded: the case waits for the decision (p24)."""

    def build(**kw):
        application = at_special(**kw)
        application_special_conclusion_record(
            application=application, actor=special_member, need=True, amount=Decimal("43250")
        )
        application.refresh_from_db()
        return application

    return build


@pytest.fixture
def granted(concluded, caseworker):
    from applications.workflow.services.steps import application_decide

    def build(**kw):
        application = concluded(**kw)
        application_decide(application=application, actor=caseworker, grant=True)
        application.refresh_from_db()
        return application

    return build


class TestApplicationPage:
    def test_for_a_caseworker(self, client, caseworker, granted):
        cases = pair(granted, caseworker)
        small, large = counts(client, caseworker, "workflow:application_detail", cases)
        assert small == large
        body = client.get(cases[1].get_absolute_url()).content.decode()
        assert f"Состав семьи ({2 * N})" in body and "Выдать уведомление о решении" in body
        assert body.count("Примечание") == 2 * N and body.count("2,0\xa0КБ") == 2 * N

    def test_for_an_akims_office(self, client, akim, caseworker, application_factory):
        def registered(**kw):
            return application_factory(channel="akim", year=2025, quarter=4, **kw)

        cases = pair(registered, caseworker)
        small, large = counts(client, akim, "workflow:application_detail", cases)
        assert small == large
        body = client.get(cases[1].get_absolute_url()).content.decode()
        assert "step/send_to_local" in body  # the akim's office received it, so sends it on

    def test_for_a_local_commission_member(self, client, local_member, caseworker, at_local):
        cases = pair(at_local, caseworker)
        small, large = counts(client, local_member, "workflow:application_detail", cases)
        assert small == large
        body = client.get(cases[1].get_absolute_url()).content.decode()
        assert reverse("workflow:survey", args=[cases[1].pk]) in body

    def test_for_the_special_commission(self, client, special_member, caseworker, at_special):
        cases = pair(at_special, caseworker)
        small, large = counts(client, special_member, "workflow:application_detail", cases)
        assert small == large
        body = client.get(cases[1].get_absolute_url()).content.decode()
        assert reverse("workflow:special_conclusion", args=[cases[1].pk]) in body


@pytest.mark.parametrize("stage", ["at_local", "surveyed"])
def test_survey_page(request, client, local_member, caseworker, stage):
    """The form with a row per member and the quarter's incomes; once recorded, the act with
    the printed documents."""
    cases = pair(request.getfixturevalue(stage), caseworker)
    small, large = counts(client, local_member, "workflow:survey", cases)
    assert small == large


@pytest.mark.parametrize("stage", ["at_special", "concluded"])
def test_special_conclusion_page(request, client, special_member, caseworker, stage):
    cases = pair(request.getfixturevalue(stage), caseworker)
    small, large = counts(client, special_member, "workflow:special_conclusion", cases)
    assert small == large


def test_decision_form(client, caseworker, concluded):
    cases = pair(concluded, caseworker)
    small, large = counts(client, caseworker, "workflow:application_decide", cases)
    assert small == large
