"""The path of a hardship application (p18–p25), declared once in STEPS and walked by one
service per step.

Every step, in one transaction: locks the application row (select_for_update) and re-reads its
status, so of two people acting at once one wins and the other gets TransitionNotAllowed;
checks the actor's role and okrug and the step's preconditions; records an
ApplicationTransition (who, when, from, to, what the system says as a code of
transition_messages with its figures, and what the user typed); sets `due_date` (the term of
the step the application now waits for) and `decision_due`. Each term is its rule in
`applications.reference.rules` (p18–p25).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.cases import decision_basis
from applications.cases import transition_messages as msg
from applications.cases.exceptions import ApplicationError, TransitionNotAllowed
from applications.cases.models import (
    UNDECIDED_STATUSES,
    Application,
    ApplicationTransition,
    Decision,
)
from applications.cases.selectors import per_capita_income
from applications.reference import rules
from applications.reference.models import CategoryRule
from benefits.services.awards import award_create_for_decision
from commissions.access import local_commission_okrug_ids
from commissions.models import IssuedDocument, LocalConclusion, SpecialConclusion, SurveyAct
from zhanakorgan_aid import roles
from zhanakorgan_aid.display import labels_of
from zhanakorgan_aid.templatetags.aid import format_money

S = Application.Status
NOTICE = IssuedDocument.Kind.NOTICE

UNDECIDED = UNDECIDED_STATUSES


# --- who may act -------------------------------------------------------------------------


def is_caseworker(user, application: Application) -> bool:
    return roles.has_role(user, roles.CASEWORKER)


def is_akim_of_okrug(user, application: Application) -> bool:
    return roles.has_role(user, roles.AKIM_OFFICE) and user.okrug_id == application.okrug_id


def is_local_member_of_okrug(user, application: Application) -> bool:
    """A member of the okrug's local commission (a seat on it, or the user's okrug): the same
    rule as the commission pages use, so whoever may open the survey page may complete it."""

    return roles.has_role(user, roles.LOCAL_COMMISSION) and (
        application.okrug_id in local_commission_okrug_ids(user)
    )


def is_special_member(user, application: Application) -> bool:
    return roles.has_role(user, roles.SPECIAL_COMMISSION)


def is_registrar_of_channel(user, application: Application) -> bool:
    """p18: whoever received the application sends it on: the authorized body or the akim."""
    if application.channel == Application.Channel.AKIM:
        return is_akim_of_okrug(user, application)
    return is_caseworker(user, application)


# --- preconditions: None when met, else the reason for the user ---------------------------


def survey_act_of(application: Application):

    return SurveyAct.objects.filter(application_id=application.pk).first()


def survey_refused(application: Application) -> bool:
    act = survey_act_of(application)
    return bool(act and act.refused)


def has_local_conclusion(application: Application) -> bool:

    return LocalConclusion.objects.filter(application_id=application.pk).exists()


def special_conclusion_of(application: Application):

    return SpecialConclusion.objects.filter(application_id=application.pk).first()


def needs_survey_result(application: Application) -> str | None:
    act = survey_act_of(application)
    if act is None:
        return _("Нет акта обследования участковой комиссии.")
    if not act.refused and not has_local_conclusion(application):
        return _("Нет заключения участковой комиссии о нуждаемости.")
    return None


def needs_survey_for_special(application: Application) -> str | None:
    if survey_refused(application):
        return _(
            "Заявитель отказался от обследования: специальная комиссия не рассматривает "
            "заявление, примите решение об отказе (п. 26, пп. 2)."
        )
    return needs_survey_result(application)


def needs_special_conclusion(application: Application) -> str | None:
    if special_conclusion_of(application) is None:
        return _("Нет заключения специальной комиссии.")
    return None


def needs_decidable(application: Application) -> str | None:
    if application.status == S.AT_AUTHORITY and not survey_refused(application):
        return _("Решение принимается после заключения специальной комиссии (п. 24).")
    return None


def needs_documents_not_yet_requested(application: Application) -> str | None:
    if application.documents_requested:
        return _("Запрос документов (п. 20, 21) уже отмечен, срок решения уже 20 рабочих дней.")
    return None


def needs_decision(application: Application) -> str | None:
    if not Decision.objects.filter(application_id=application.pk).exists():
        return _("Решение по заявлению ещё не принято.")
    return None


def needs_notice_issued(application: Application) -> str | None:
    """p25: the applicant is notified by the written notice of the decision, so it is marked
    notified only once that notice is issued."""
    problem = needs_decision(application)
    if problem is None and not application.issued_documents.filter(kind=NOTICE).exists():
        return _("Сначала выдайте уведомление о решении (п. 25).")
    return problem


# --- the one transition table -------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    allowed: Callable
    condition: Callable[[Application], str | None] | None = None
    role_refusal: str = ""

    def possible(self, application: Application, user) -> bool:
        """Whether `user` may take this step now (problem() is None), without wording why not:
        the application page asks it of every step."""
        return (
            application.status in self.sources
            and self.allowed(user, application)
            and not (self.condition and self.condition(application))
        )

    def problem(self, application: Application, user) -> str | None:
        """Why `user` may not take this step now, or None."""
        if application.status not in self.sources:
            return _("Действие «%(step)s» невозможно: заявление в статусе «%(status)s».") % {
                "step": self.label,
                "status": labels_of(Application._meta.get_field("status"))[application.status],
            }
        if not self.allowed(user, application):
            return str(self.role_refusal)
        return self.condition(application) if self.condition else None


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "send_to_local",
            gettext_lazy("Направить в участковую комиссию"),
            (S.REGISTERED,),
            (S.AT_LOCAL_COMMISSION,),
            is_registrar_of_channel,
            role_refusal=gettext_lazy(
                "Направить документы может только принявший заявление: "
                "уполномоченный орган или аппарат акима этого округа."
            ),
        ),
        Step(
            "survey_complete",
            gettext_lazy("Обследование проведено"),
            (S.AT_LOCAL_COMMISSION,),
            (S.SURVEYED, S.AT_AUTHORITY),
            is_local_member_of_okrug,
            needs_survey_result,
            gettext_lazy("Обследование вносит член участковой комиссии округа заявителя."),
        ),
        Step(
            "forward_to_authority",
            gettext_lazy("Направить в уполномоченный орган"),
            (S.SURVEYED,),
            (S.AT_AUTHORITY,),
            is_akim_of_okrug,
            needs_survey_result,
            gettext_lazy("Направить акт и заключение может только аппарат акима этого округа."),
        ),
        Step(
            "send_to_special",
            gettext_lazy("Рассчитать доход и направить в специальную комиссию"),
            (S.AT_AUTHORITY,),
            (S.AT_SPECIAL_COMMISSION,),
            is_caseworker,
            needs_survey_for_special,
            gettext_lazy("Направить в специальную комиссию может только уполномоченный орган."),
        ),
        Step(
            "special_conclude",
            gettext_lazy("Заключение специальной комиссии вынесено"),
            (S.AT_SPECIAL_COMMISSION,),
            (S.CONCLUDED,),
            is_special_member,
            needs_special_conclusion,
            gettext_lazy("Заключение вносит член специальной комиссии."),
        ),
        Step(
            "mark_documents_requested",
            gettext_lazy("Документы запрошены (п. 20, 21)"),
            UNDECIDED,
            UNDECIDED,
            is_caseworker,
            needs_documents_not_yet_requested,
            gettext_lazy("Запрос документов отмечает уполномоченный орган."),
        ),
        Step(
            "decide",
            gettext_lazy("Принять решение"),
            (S.CONCLUDED, S.AT_AUTHORITY),
            (S.GRANTED, S.REFUSED),
            is_caseworker,
            needs_decidable,
            gettext_lazy("Решение принимает уполномоченный орган."),
        ),
        Step(
            "notify",
            gettext_lazy("Заявитель уведомлён"),
            (S.GRANTED, S.REFUSED),
            (S.NOTIFIED,),
            is_caseworker,
            needs_notice_issued,
            gettext_lazy("Уведомление направляет уполномоченный орган."),
        ),
    )
}


def available_steps(*, application: Application, user) -> list[Step]:
    """The steps this user may take on this application now (for the buttons)."""
    return [s for s in STEPS.values() if s.possible(application, user)]


# --- the machinery shared by every step -----------------------------------------------------


def today() -> datetime.date:
    return timezone.localdate()


def _lock_and_check(step_name: str, application: Application, actor) -> Application:
    """Lock the row, re-read it and refuse when the step is not (or no longer) possible."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    problem = STEPS[step_name].problem(locked, actor)
    if problem:
        raise TransitionNotAllowed(problem)
    return locked


def _move(
    application: Application,
    *,
    actor,
    to: str,
    due: datetime.date | None,
    message: msg.Said | None = None,
    comment: str = "",
    **fields,
) -> Application:
    """Set the new status and terms and record the history row (same transaction): what the
    system says of the move as a code with parameters, what the user typed as the comment."""
    now = timezone.now()
    from_status = application.status
    application.status = to
    application.status_changed_at = now
    application.due_date = due
    for name, value in fields.items():
        setattr(application, name, value)
    application.save(update_fields=["status", "status_changed_at", "due_date", *fields])
    ApplicationTransition.objects.create(
        application=application,
        from_status=from_status,
        to_status=to,
        actor=actor,
        at=now,
        message_code=message.code if message else "",
        message_params=message.params if message else {},
        comment=comment,
    )
    return application


def decision_term(application: Application) -> datetime.date:
    """The application's decision term (p24, with p20/p21's extension)."""
    return rules.decision_due(
        registered_on=application.registered_on,
        documents_requested=application.documents_requested,
    )


# --- the steps ------------------------------------------------------------------------------


@transaction.atomic
def application_send_to_local(*, application: Application, actor) -> Application:
    """Send the documents to the local commission within 1 working day (p18); the survey is
    due 2 working days after receipt (p19)."""
    application = _lock_and_check("send_to_local", application, actor)
    return _move(
        application,
        actor=actor,
        to=S.AT_LOCAL_COMMISSION,
        due=rules.survey_due(today()),
        message=msg.said(msg.SENT_TO_LOCAL),
        decision_due=decision_term(application),
    )


@transaction.atomic
def application_survey_complete(*, application: Application, actor) -> Application:
    """The local commission has recorded its act and conclusion (or the refusal of the
    survey) and sends them to whoever received the application (p19)."""
    application = _lock_and_check("survey_complete", application, actor)
    refused = survey_refused(application)
    message = msg.said(msg.SURVEY_REFUSED if refused else msg.SURVEYED)
    if application.channel == Application.Channel.AKIM:
        return _move(
            application,
            actor=actor,
            to=S.SURVEYED,
            due=rules.akim_forward_due(today()),
            message=message,
        )
    return _move(
        application,
        actor=actor,
        to=S.AT_AUTHORITY,
        due=_authority_due(application, refused),
        message=message,
    )


def _authority_due(application: Application, refused: bool) -> datetime.date:
    """Income within 1 working day of receipt (p22); after a refused survey only the
    decision is left, due on the decision term."""
    return application.decision_due if refused else rules.income_due(today())


@transaction.atomic
def application_forward_to_authority(*, application: Application, actor) -> Application:
    """The akim forwards the act and conclusion within 2 working days of receipt (p19)."""
    application = _lock_and_check("forward_to_authority", application, actor)
    refused = survey_refused(application)
    return _move(
        application,
        actor=actor,
        to=S.AT_AUTHORITY,
        due=_authority_due(application, refused),
        message=msg.said(msg.FORWARDED_TO_AUTHORITY),
    )


@transaction.atomic
def application_send_to_special(*, application: Application, actor) -> Application:
    """Compute the per-capita income of the quarter before the application's quarter and
    send the full package to the special commission within 1 working day (p22); its
    conclusion is due 2 working days after receipt (p23)."""

    application = _lock_and_check("send_to_special", application, actor)
    income = per_capita_income(family=application.family, on=application.registered_on)
    return _move(
        application,
        actor=actor,
        to=S.AT_SPECIAL_COMMISSION,
        due=rules.special_conclusion_due(today()),
        message=msg.said(
            msg.PER_CAPITA_INCOME,
            quarter=income.quarter,
            year=income.year,
            income=income.per_capita,
        ),
        per_capita_income=income.per_capita,
    )


@transaction.atomic
def application_special_conclude(*, application: Application, actor) -> Application:
    """The special commission has recorded its conclusion (p23); the decision is next (p24)."""
    application = _lock_and_check("special_conclude", application, actor)
    conclusion = special_conclusion_of(application)
    message = (
        msg.said(msg.SPECIAL_NEED, amount=conclusion.amount)
        if conclusion.need
        else msg.said(msg.SPECIAL_NO_NEED)
    )
    return _move(
        application, actor=actor, to=S.CONCLUDED, due=application.decision_due, message=message
    )


@transaction.atomic
def application_mark_documents_requested(
    *, application: Application, actor, reason: str
) -> Application:
    """Documents requested from other bodies (p20) or impossible to present (p21): the
    decision is due 20 working days from registration instead of 8 (p24)."""
    if not reason.strip():
        raise ApplicationError(_("Укажите, какие сведения запрошены и почему (п. 20, 21)."))
    application = _lock_and_check("mark_documents_requested", application, actor)
    application.documents_requested = True
    decision_due = decision_term(application)
    due = application.due_date
    if application.due_date == application.decision_due or application.due_date is None:
        due = decision_due
    return _move(
        application,
        actor=actor,
        to=application.status,
        due=due,
        message=msg.said(msg.DOCUMENTS_REQUESTED, decision_due=decision_due),
        comment=reason.strip(),
        documents_requested=True,
        decision_due=decision_due,
    )


@transaction.atomic
def application_decide(
    *,
    application: Application,
    actor,
    grant: bool,
    ground: str = "",
    comment: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> Decision:
    """Grant or refuse (p24) on the special commission's conclusion; refuse on a ground of
    p26. The basis is frozen in the decision; the notice is due in 3 working days (p25). A
    grant creates the award in the same transaction, so a budget block undoes the decision."""
    application = _lock_and_check("decide", application, actor)
    decided_on = today()
    basis = decision_basis.build(application=application, on=decided_on)
    if grant:
        outcome = _grant_outcome(application, basis, period_start, period_end)
    else:
        outcome = _refusal_outcome(application, basis, ground)
    decision = _decision_record(
        application, actor=actor, on=decided_on, basis=basis, comment=comment, **outcome
    )
    if grant:
        award_create_for_decision(decision=decision, actor=actor)
    return decision


def _grant_outcome(application, basis, period_start, period_end) -> dict:
    """A grant of the amount the special commission concluded (p23) for the period asked."""
    amount = _check_grant(application, basis, period_start, period_end)
    return {
        "outcome": Decision.Outcome.GRANTED,
        "ground": "",
        "amount": amount,
        "period_start": period_start,
        "period_end": period_end,
    }


def _refusal_outcome(application: Application, basis: dict, ground: str) -> dict:
    """A refusal on a ground of p26: no amount, no period."""
    _check_refusal(application, basis, ground)
    return {
        "outcome": Decision.Outcome.REFUSED,
        "ground": ground,
        "amount": None,
        "period_start": None,
        "period_end": None,
    }


def _decision_record(
    application: Application, *, actor, on: datetime.date, basis: dict, comment: str, **outcome
) -> Decision:
    """The decision with its basis and the MRP of the day (p24, p30); the application moves to
    granted or refused and waits for the notice, due in 3 working days (p25)."""
    decision = Decision.objects.create(
        application=application,
        comment=comment.strip(),
        mrp_value=Decimal(basis["mrp"]["value"]),
        decided_on=on,
        decided_by=actor,
        basis=basis,
        notice_due=rules.notice_due(on),
        **outcome,
    )
    granted = decision.outcome == Decision.Outcome.GRANTED
    _move(
        application,
        actor=actor,
        to=S.GRANTED if granted else S.REFUSED,
        due=decision.notice_due,
        message=msg.said(msg.DECISION_GRANTED if granted else msg.DECISION_REFUSED),
        comment=comment.strip(),
    )
    return decision


def proposed_decision(application: Application) -> dict:
    """What the decision form proposes (p23, p24, p26): to refuse when the facts suggest a
    ground (proposed_ground) or the special commission concluded there is no need, with that
    ground; to grant otherwise."""
    ground = proposed_ground(application)
    conclusion = special_conclusion_of(application)
    refuse = bool(ground) or (conclusion is not None and not conclusion.need)
    outcome = Decision.Outcome.REFUSED if refuse else Decision.Outcome.GRANTED
    return {"outcome": outcome, "ground": ground}


def proposed_ground(application: Application) -> str:
    """The refusal ground the facts suggest: a refused survey (p26(2)), or the income test of
    the category failed (p26(3)); empty when nothing speaks against a grant."""
    if survey_refused(application):
        return Decision.Ground.SURVEY_REFUSED
    threshold = decision_basis.income_threshold(application)
    if threshold and not threshold["passed"]:
        return Decision.Ground.INCOME_ABOVE_THRESHOLD
    return ""


def _check_grant(application, basis, period_start, period_end) -> Decimal:
    conclusion = special_conclusion_of(application)
    if conclusion is None or not conclusion.need or conclusion.amount is None:
        raise TransitionNotAllowed(
            _(
                "Назначить помощь можно только при положительном заключении специальной "
                "комиссии с указанным размером помощи (п. 23)."
            )
        )
    threshold = basis.get("threshold")
    if threshold and not threshold["passed"]:
        raise TransitionNotAllowed(
            _(
                "Среднедушевой доход %(income)s ₸ не проходит порог категории (%(limit)s ₸): "
                "основание для отказа — п. 26, пп. 3."
            )
            % {"income": basis["income"]["per_capita"], "limit": threshold["value"]}
        )
    periodicity = basis["category"]["periodicity"]
    if rules.paid_over_a_period(periodicity) and not (period_start and period_end):
        raise ApplicationError(
            _("Помощь выплачивается %(p)s: укажите период выплаты.")
            % {"p": CategoryRule.Periodicity(periodicity).label}
        )
    if period_start and period_end and period_end < period_start:
        raise ApplicationError(_("Окончание периода выплаты раньше его начала."))
    return conclusion.amount


def _check_refusal(application: Application, basis: dict, ground: str) -> None:
    """The ground must be one of p26 and agree with the file: a refused survey is refused on
    p26(2); p26(3) only where the per-capita income fails the category's income test."""
    if ground not in Decision.Ground.values or not ground:
        raise ApplicationError(_("Укажите основание отказа (п. 26)."))
    if survey_refused(application) and ground != Decision.Ground.SURVEY_REFUSED:
        raise ApplicationError(
            _("Заявитель отказался от обследования: основание отказа — п. 26, пп. 2.")
        )
    threshold = basis.get("threshold")
    if ground == Decision.Ground.INCOME_ABOVE_THRESHOLD and not (
        threshold and not threshold["passed"]
    ):
        raise ApplicationError(_income_ground_refused(basis["income"]["per_capita"], threshold))


def _income_ground_refused(per_capita: str, threshold: dict | None) -> str:
    if threshold is None:
        return _("У категории нет порога дохода: отказ по п. 26, пп. 3 невозможен.")
    return _(
        "Среднедушевой доход %(income)s проходит порог категории (%(limit)s): "
        "отказ по п. 26, пп. 3 невозможен."
    ) % {"income": format_money(per_capita), "limit": format_money(threshold["value"])}


@transaction.atomic
def application_notify(
    *, application: Application, actor, how: str, on: datetime.date | None = None
) -> Application:
    """The applicant is notified in writing, with the ground if refused, within 3 working
    days of the decision (p25): how the notice reached them and on which day (today unless
    said), neither before the decision nor in the future."""
    application = _lock_and_check("notify", application, actor)
    decision = Decision.objects.select_for_update().get(application=application)
    on = on or today()
    _check_notice(decision, how, on)
    decision.notified_on, decision.notified_by = on, how
    decision.save(update_fields=["notified_on", "notified_by"])
    return _move(
        application,
        actor=actor,
        to=S.NOTIFIED,
        due=None,
        message=msg.said(msg.NOTIFIED),
    )


def _check_notice(decision: Decision, how: str, on: datetime.date) -> None:
    if how not in Decision.NoticeChannel.values:
        raise ApplicationError(_("Укажите, как заявитель уведомлён (п. 25)."))
    if on > today():
        raise ApplicationError(_("День уведомления не может быть позже сегодняшнего."))
    if on < decision.decided_on:
        raise ApplicationError(
            _("День уведомления не может быть раньше дня решения (%(d)s).")
            % {"d": decision.decided_on.strftime("%d.%m.%Y")}
        )
