"""The local commission's writes: the survey act or the refusal of the survey (annex 1), and
the conclusion on need (annex 2), p19."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from applications.cases.models import Application, Person

from .. import selectors
from ..exceptions import AlreadyRecorded, NotAtThisStage
from ..models import IssuedDocument, LocalConclusion, SurveyAct, SurveyActMember
from .documents import documents_issue

ROW_FIELDS = ("occupation", "unemployment_reason", "employment_measures", "own_hardship")
# Issued with the conclusion: the act, the conclusion and the family's composition (annex 3).
CONCLUSION_DOCUMENTS = (
    IssuedDocument.Kind.ACT,
    IssuedDocument.Kind.LOCAL_CONCLUSION,
    IssuedDocument.Kind.FAMILY,
)


@dataclass
class ActRow:
    """A row of the employment table as the commission found it."""

    person: Person
    relation: str
    occupation: str = ""
    unemployment_reason: str = ""
    employment_measures: str = ""
    own_hardship: str = ""


def check_at_local_commission(application: Application) -> None:
    """The act is written while the documents are with the local commission (p18, p19)."""
    if application.status != Application.Status.AT_LOCAL_COMMISSION:
        raise NotAtThisStage(
            _("Заявление № %(n)s не находится в участковой комиссии (статус: %(s)s).")
            % {"n": application.number, "s": application.get_status_display()}
        )
    if selectors.survey_act_of(application) is not None:
        raise AlreadyRecorded(
            _("Акт обследования по заявлению № %(n)s уже составлен.") % {"n": application.number}
        )


def rows_from_records(application: Application) -> list[ActRow]:
    return [
        ActRow(
            person=member.person,
            relation=member.relation,
            **{name: getattr(member, name) for name in ROW_FIELDS},
        )
        for member in selectors.family_members(application)
    ]


def create_rows(act: SurveyAct, rows: list[ActRow]) -> None:
    SurveyActMember.objects.bulk_create(
        SurveyActMember(
            act=act,
            person=row.person,
            full_name=row.person.full_name,
            birth_date=row.person.birth_date,
            relation=row.relation,
            **{name: getattr(row, name) for name in ROW_FIELDS},
        )
        for row in rows
    )


def frozen_incomes(application: Application) -> dict:
    """The previous quarter's incomes as the records have them on the survey day."""
    summary = selectors.family_incomes(application=application)
    return {
        "income_year": summary.year,
        "income_quarter": summary.quarter,
        "incomes": [
            {
                "full_name": r.full_name,
                "kind": r.kind,
                "quarter_amount": str(r.quarter_amount),
                "monthly": str(r.monthly),
            }
            for r in summary.rows
        ],
        "income_total": summary.total,
        "income_monthly": summary.monthly,
    }


@transaction.atomic
def survey_act_record(
    *, application: Application, actor, rows: list[ActRow] | None = None, **fields
) -> SurveyAct:
    """Record the act of survey (annex 1) with the employment table and the incomes of the
    quarter before the application's (p19, p22). The conclusion (annex 2) follows."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    check_at_local_commission(application)
    act = SurveyAct.objects.create(
        application=application,
        applicant_name=application.applicant.full_name,
        recorded_by=actor,
        refused=False,
        **frozen_incomes(application),
        **fields,
    )
    create_rows(act, rows if rows is not None else rows_from_records(application))
    return act


@transaction.atomic
def survey_refusal_record(
    *, application: Application, actor, refused_on: datetime.date, signed_by: str
) -> SurveyAct:
    """The applicant refused the survey (the last lines of annex 1): the act records it; the
    application then goes on to a refusal under p26(2) (the workflow moves it)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    check_at_local_commission(application)
    act = SurveyAct.objects.create(
        application=application,
        surveyed_on=refused_on,
        place=application.okrug.centre_ru or application.okrug.name_ru,
        applicant_name=application.applicant.full_name,
        address=application.family.address,
        hardship=application.situation,
        refused=True,
        refused_on=refused_on,
        refused_signed_by=signed_by.strip(),
        recorded_by=actor,
    )
    documents_issue(application=application, kinds=[IssuedDocument.Kind.ACT], actor=actor)
    return act


@transaction.atomic
def local_conclusion_record(
    *,
    application: Application,
    actor,
    need: bool,
    number: str,
    concluded_on: datetime.date,
    documents_count: int,
    received_by: str,
) -> LocalConclusion:
    """The local commission's conclusion on need (annex 2), after the act; the act, the
    conclusion and the family composition (annex 3) are issued; the workflow then moves the
    application on to the akim or the authorized body (p19)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    check_ready_for_conclusion(application)
    conclusion = LocalConclusion.objects.create(
        application=application,
        need=need,
        number=number.strip(),
        concluded_on=concluded_on,
        documents_count=documents_count,
        received_by=received_by.strip(),
        recorded_by=actor,
    )
    documents_issue(application=application, kinds=CONCLUSION_DOCUMENTS, actor=actor)
    return conclusion


def check_ready_for_conclusion(application: Application) -> None:
    """The conclusion (annex 2) follows an act of a survey that took place, once (p19)."""
    act = selectors.survey_act_of(application)
    if act is None or act.refused:
        raise NotAtThisStage(_("Сначала составьте акт обследования (приложение 1)."))
    if selectors.related_or_none(application, "local_conclusion") is not None:
        raise AlreadyRecorded(
            _("Заключение участковой комиссии по заявлению № %(n)s уже вынесено.")
            % {"n": application.number}
        )
