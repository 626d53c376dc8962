"""What the commissions record moves the application on (p19, p23): each service records the
commission's document through the commissions layer and takes the workflow's step, in one
transaction, so a refused step undoes the record."""

from django.db import transaction

from commissions.models import LocalConclusion, SpecialConclusion, SurveyAct
from commissions.services.special import special_conclusion_record
from commissions.services.survey import local_conclusion_record, survey_refusal_record

from .steps import application_special_conclude, application_survey_complete


@transaction.atomic
def application_survey_refusal_record(*, application, actor, **fields) -> SurveyAct:
    """The applicant refused the survey (annex 1): the act records it and the application goes
    back to whoever received it, towards a refusal under p26(2)."""
    act = survey_refusal_record(application=application, actor=actor, **fields)
    application_survey_complete(application=application, actor=actor)
    return act


@transaction.atomic
def application_local_conclusion_record(*, application, actor, **fields) -> LocalConclusion:
    """The local commission's conclusion (annex 2) after its act: the documents are issued and
    the application goes to the akim or the authorized body (p19)."""
    conclusion = local_conclusion_record(application=application, actor=actor, **fields)
    application_survey_complete(application=application, actor=actor)
    return conclusion


@transaction.atomic
def application_special_conclusion_record(*, application, actor, **fields) -> SpecialConclusion:
    """The special commission's conclusion on need and amount (p23): the decision is next."""
    conclusion = special_conclusion_record(application=application, actor=actor, **fields)
    application_special_conclude(application=application, actor=actor)
    return conclusion
