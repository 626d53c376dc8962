"""Applications brought to the local or the special commission with the real services, on a
fixed day: 10 March 2026 (MRP 4 325 ₸; incomes of the 4th quarter of 2025 count)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from applications.cases.services import intake
from applications.reference import workdays
from applications.workflow.services.commissions import application_local_conclusion_record
from applications.workflow.services.steps import (
    application_send_to_local,
    application_send_to_special,
)
from commissions import selectors
from commissions.services.survey import survey_act_record

QYZYLORDA = ZoneInfo("Asia/Qyzylorda")
DAY = datetime.date(2026, 3, 10)


def travel(day: datetime.date, hour: int = 10):
    moment = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=QYZYLORDA)
    return time_machine.travel(moment, tick=False)


@pytest.fixture(autouse=True)
def clock():
    workdays.clear_cache()
    with travel(DAY):
        yield DAY
    workdays.clear_cache()


@pytest.fixture
def kazakh_family(db, okrug, person_factory):
    """A family whose names carry every Kazakh letter: Ә Ғ Қ Ң Ө Ұ Ү Һ І."""
    head = person_factory(surname="Қаһарманов", name="Әбдіғаппар")
    head.patronymic = "Өтегенұлы"
    head.save()
    wife = person_factory(datetime.date(1988, 6, 1), "F", "Үсенова", "Ұлжан")
    son = person_factory(datetime.date(2012, 9, 1), "M", "Қаһарманов", "Ерасың")
    return intake.family_create(
        applicant=head,
        okrug=okrug,
        address="Жаңақорған ауылы, Абай көшесі, 12",
        members=[
            intake.MemberData(person=wife, relation="spouse", occupation="ЖШС «Нұр», аспаз"),
            intake.MemberData(person=son, relation="son", occupation="№ 5 мектеп, 8 сынып"),
        ],
        incomes=[
            intake.IncomeData(
                person=head, kind="wages", year=2025, quarter=4, amount=Decimal("255000")
            ),
            intake.IncomeData(
                person=wife, kind="allowance", year=2025, quarter=4, amount=Decimal("60000")
            ),
        ],
        housing="rented",
        housing_cost=Decimal("35000"),
        livestock="2 овцы",
    )


@pytest.fixture
def at_local(application_factory, caseworker):
    """An application registered today and sent to the local commission (p18)."""

    def build(code="hardship-low-income", **kw):
        application = application_factory(code=code, **kw)
        return application_send_to_local(application=application, actor=caseworker)

    return build


@pytest.fixture
def surveyed(at_local, local_member):
    """The act and a positive conclusion recorded by the local commission (p19)."""

    def build(code="hardship-low-income", **kw):
        application = at_local(code=code, **kw)
        fields = selectors.survey_initial(application=application, on=DAY)
        fields.update(
            hardship="Доход ниже прожиточного минимума",
            able_bodied_count=2,
            sanitary_conditions="удовлетворительные",
            acknowledged=True,
        )
        survey_act_record(application=application, actor=local_member, **fields)
        application_local_conclusion_record(
            application=application,
            actor=local_member,
            need=True,
            number="17",
            concluded_on=DAY,
            documents_count=5,
            received_by="Сейтқали А., специалист",
        )
        application.refresh_from_db()
        return application

    return build


@pytest.fixture
def at_special(surveyed, caseworker):
    """Sent on to the special commission with the per-capita income computed (p22)."""

    def build(code="hardship-low-income", **kw):
        application = surveyed(code=code, **kw)
        return application_send_to_special(application=application, actor=caseworker)

    return build


@pytest.fixture
def decided(at_special, special_member, caseworker, kazakh_family):
    """A disaster-aid application of the Kazakh-named family, concluded at 300 000 ₸ and
    granted (p23, p24)."""
    from applications.workflow.services.commissions import application_special_conclusion_record
    from applications.workflow.services.steps import application_decide

    application = at_special(code="hardship-disaster-fire", family=kazakh_family)
    application_special_conclusion_record(
        application=application, actor=special_member, need=True, amount=Decimal("300000")
    )
    application_decide(application=application, actor=caseworker, grant=True)
    application.refresh_from_db()
    return application


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as a reader would copy it, with spaces made plain."""
    import io

    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.replace("\u00a0", " ").split())


def embedded_fonts(pdf: bytes) -> set[str]:
    """The base names of the fonts whose files are embedded in the PDF."""
    import io

    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            if descriptor and any(
                k in descriptor.get_object() for k in ("/FontFile2", "/FontFile3", "/FontFile")
            ):
                names.add(str(font["/BaseFont"]).split("+")[-1])
    return names
