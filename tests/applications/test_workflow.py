"""The path of a hardship application (p18–p26): terms, who may act, refusals, frozen basis,
two people at once. Dates are Kazakhstan's: 21–22 March 2024 Nauryz, 25 March the Nauryz day
moved from Saturday 23 March."""

import datetime
import re
import threading
import time
from decimal import Decimal

import pytest
from django.db import OperationalError, connection

from applications.cases.exceptions import ApplicationError, TransitionNotAllowed
from applications.cases.models import Application, ApplicationTransition, Decision, Income
from applications.cases.services import intake
from applications.workflow.services import steps as workflow
from benefits.exceptions import BenefitsError
from benefits.models import Budget
from commissions.services.documents import notice_issue

from .wf_support import at, fresh_calendar, record_special, record_survey, travel  # noqa: F401

S = Application.Status
D = datetime.date
REGISTERED_ON = D(2024, 3, 19)  # Tuesday


@pytest.fixture
def register(application_factory):
    """An application registered on 19.03.2024 by a family with Q4 2023 wages (4 members)."""

    def build(channel="authority", wages=Decimal("300000"), **kw):
        with travel(REGISTERED_ON):
            return application_factory(
                channel=channel,
                registered_at=at(REGISTERED_ON),
                year=2023,
                quarter=4,
                wages=wages,
                **kw,
            )

    return build


def steps_of(application):
    return list(
        ApplicationTransition.objects.filter(application=application)
        .order_by("at", "id")
        .values_list("from_status", "to_status", "actor__username")
    )


SENT_ON = D(2024, 3, 20)


def to_at_authority(app, *, actor, local_member, refused=False, day=SENT_ON):
    with travel(day):
        app = workflow.application_send_to_local(application=app, actor=actor)
        record_survey(app, local_member, refused=refused)
        return workflow.application_survey_complete(application=app, actor=local_member)


def to_concluded(app, *, caseworker, local_member, special_member, amount=Decimal("36920.00")):
    app = to_at_authority(app, actor=caseworker, local_member=local_member)
    with travel(D(2024, 3, 27)):
        app = workflow.application_send_to_special(application=app, actor=caseworker)
        record_special(app, special_member, amount=amount)
        return workflow.application_special_conclude(application=app, actor=special_member)


class TestAuthorityChannelPath:
    def test_registration_sets_the_first_terms(self, register):
        app = register()
        assert app.status == S.REGISTERED
        assert app.due_date == D(2024, 3, 20)  # 1 working day (p18)
        # 8 working days (p24): 20.03, then 26–29.03, 01–03.04 (Nauryz 21, 22, 25 off).
        assert app.decision_due == D(2024, 4, 3)

    def test_full_path_to_the_notice(self, register, caseworker, local_member, special_member):
        app = register()
        with travel(D(2024, 3, 20)):
            app = workflow.application_send_to_local(application=app, actor=caseworker)
        assert (app.status, app.due_date) == (S.AT_LOCAL_COMMISSION, D(2024, 3, 27))

        with travel(D(2024, 3, 26)):
            record_survey(app, local_member)
            app = workflow.application_survey_complete(application=app, actor=local_member)
        assert (app.status, app.due_date) == (S.AT_AUTHORITY, D(2024, 3, 27))

        with travel(D(2024, 3, 27)):
            app = workflow.application_send_to_special(application=app, actor=caseworker)
        assert (app.status, app.due_date) == (S.AT_SPECIAL_COMMISSION, D(2024, 3, 29))
        assert app.per_capita_income == Decimal("25000.00")  # 300 000 / 3 months / 4

        with travel(D(2024, 3, 28)):
            record_special(app, special_member)
            app = workflow.application_special_conclude(application=app, actor=special_member)
        assert (app.status, app.due_date) == (S.CONCLUDED, D(2024, 4, 3))

        with travel(D(2024, 4, 1)):
            decision = workflow.application_decide(application=app, actor=caseworker, grant=True)
        app.refresh_from_db()
        assert (app.status, app.due_date) == (S.GRANTED, D(2024, 4, 4))
        assert decision.amount == Decimal("36920.00")
        assert decision.mrp_value == Decimal("3692.00")
        assert decision.notice_due == D(2024, 4, 4)
        assert app.awards.get().amount == Decimal("36920.00")

        with travel(D(2024, 4, 2)):
            with pytest.raises(TransitionNotAllowed, match="Сначала выдайте уведомление"):
                workflow.application_notify(application=app, actor=caseworker, how="in_person")
            assert "notify" not in [
                s.name for s in workflow.available_steps(application=app, user=caseworker)
            ]
            notice_issue(application=app, actor=caseworker)
            for how, on, message in (
                ("", None, "как заявитель уведомлён"),
                ("post", D(2024, 4, 3), "позже сегодняшнего"),
                ("post", D(2024, 3, 31), "раньше дня решения \\(01.04.2024\\)"),
            ):
                with pytest.raises(ApplicationError, match=message):
                    workflow.application_notify(application=app, actor=caseworker, how=how, on=on)
            app = workflow.application_notify(
                application=app, actor=caseworker, how="post", on=D(2024, 4, 1)
            )
        decision.refresh_from_db()
        assert app.status == S.NOTIFIED and app.due_date is None
        assert (decision.notified_on, decision.notified_by) == (D(2024, 4, 1), "post")
        assert steps_of(app) == [
            ("", S.REGISTERED, "caseworker"),
            (S.REGISTERED, S.AT_LOCAL_COMMISSION, "caseworker"),
            (S.AT_LOCAL_COMMISSION, S.AT_AUTHORITY, "local"),
            (S.AT_AUTHORITY, S.AT_SPECIAL_COMMISSION, "caseworker"),
            (S.AT_SPECIAL_COMMISSION, S.CONCLUDED, "special"),
            (S.CONCLUDED, S.GRANTED, "caseworker"),
            (S.GRANTED, S.NOTIFIED, "caseworker"),
        ]


class TestAkimChannelPath:
    def test_full_path_through_the_akim(
        self, register, akim, caseworker, local_member, special_member
    ):
        app = register(channel="akim")
        with travel(D(2024, 3, 20)):
            app = workflow.application_send_to_local(application=app, actor=akim)
        with travel(D(2024, 3, 26)):
            record_survey(app, local_member)
            app = workflow.application_survey_complete(application=app, actor=local_member)
        # The akim forwards within 2 working days of receipt (p19): 27 and 28 March.
        assert (app.status, app.due_date) == (S.SURVEYED, D(2024, 3, 28))
        with travel(D(2024, 3, 28)):
            app = workflow.application_forward_to_authority(application=app, actor=akim)
        assert (app.status, app.due_date) == (S.AT_AUTHORITY, D(2024, 3, 29))
        with travel(D(2024, 3, 29)):
            app = workflow.application_send_to_special(application=app, actor=caseworker)
            record_special(app, special_member, need=False)
            app = workflow.application_special_conclude(application=app, actor=special_member)
            decision = workflow.application_decide(
                application=app,
                actor=caseworker,
                grant=False,
                ground="false_information",
                comment="Скрыт доход супруга",
            )
        assert decision.outcome == Decision.Outcome.REFUSED
        assert decision.notice_due == D(2024, 4, 3)  # 01, 02, 03 April
        with travel(D(2024, 4, 3)):
            notice_issue(application=app, actor=caseworker)
            app = workflow.application_notify(application=app, actor=caseworker, how="in_person")
        assert [row[1] for row in steps_of(app)] == [
            S.REGISTERED,
            S.AT_LOCAL_COMMISSION,
            S.SURVEYED,
            S.AT_AUTHORITY,
            S.AT_SPECIAL_COMMISSION,
            S.CONCLUDED,
            S.REFUSED,
            S.NOTIFIED,
        ]
        assert [row[2] for row in steps_of(app)][1:4] == ["akim", "local", "akim"]

    def test_akim_cannot_forward_before_the_act(self, register, akim, local_member):
        app = register(channel="akim")
        with travel(D(2024, 3, 20)):
            app = workflow.application_send_to_local(application=app, actor=akim)
            with pytest.raises(TransitionNotAllowed, match="Нет акта обследования"):
                workflow.application_survey_complete(application=app, actor=local_member)


class TestWhoMayAct:
    @pytest.mark.parametrize(
        "who", ["akim", "other_akim", "local_member", "special_member", "auditor", "administrator"]
    )
    def test_only_the_caseworker_sends_an_authority_application(self, register, who, request):
        app = register()
        with pytest.raises(TransitionNotAllowed):
            workflow.application_send_to_local(application=app, actor=request.getfixturevalue(who))
        assert ApplicationTransition.objects.filter(application=app).count() == 1

    @pytest.mark.parametrize("who", ["caseworker", "other_akim", "local_member"])
    def test_only_the_own_akim_sends_an_akim_application(self, register, who, request):
        app = register(channel="akim")
        with pytest.raises(TransitionNotAllowed, match="аппарат акима этого округа"):
            workflow.application_send_to_local(application=app, actor=request.getfixturevalue(who))

    @pytest.mark.parametrize("who", ["other_local_member", "caseworker", "akim"])
    def test_only_the_own_local_commission_completes_the_survey(
        self, register, caseworker, local_member, who, request
    ):
        app = register()
        with travel(D(2024, 3, 20)):
            app = workflow.application_send_to_local(application=app, actor=caseworker)
            record_survey(app, local_member)
            with pytest.raises(TransitionNotAllowed, match="участковой комиссии округа"):
                workflow.application_survey_complete(
                    application=app, actor=request.getfixturevalue(who)
                )

    def test_other_okrugs_akim_cannot_forward(self, register, akim, other_akim, local_member):
        app = register(channel="akim")
        with travel(D(2024, 3, 20)):
            app = workflow.application_send_to_local(application=app, actor=akim)
            record_survey(app, local_member)
            app = workflow.application_survey_complete(application=app, actor=local_member)
            with pytest.raises(TransitionNotAllowed):
                workflow.application_forward_to_authority(application=app, actor=other_akim)

    @pytest.mark.parametrize("step", ["send_to_special", "decide", "notify"])
    def test_special_member_cannot_take_the_caseworkers_steps(
        self, register, caseworker, local_member, special_member, step
    ):
        app = to_concluded(
            register(),
            caseworker=caseworker,
            local_member=local_member,
            special_member=special_member,
        )
        service = getattr(workflow, f"application_{step}")
        kwargs = {"decide": {"grant": True}, "notify": {"how": "in_person"}}.get(step, {})
        with pytest.raises(TransitionNotAllowed):
            service(application=app, actor=special_member, **kwargs)

    def test_caseworker_cannot_record_the_special_conclusion(
        self, register, caseworker, local_member, special_member
    ):
        app = to_at_authority(register(), actor=caseworker, local_member=local_member)
        with travel(D(2024, 3, 27)):
            app = workflow.application_send_to_special(application=app, actor=caseworker)
            record_special(app, special_member)
            with pytest.raises(TransitionNotAllowed, match="член специальной комиссии"):
                workflow.application_special_conclude(application=app, actor=caseworker)

    def test_steps_out_of_order_are_refused(self, register, caseworker):
        app = register()
        with pytest.raises(TransitionNotAllowed, match="в статусе «зарегистрировано»"):
            workflow.application_send_to_special(application=app, actor=caseworker)
        with pytest.raises(TransitionNotAllowed):
            workflow.application_notify(application=app, actor=caseworker, how="in_person")

    def test_available_steps_are_the_buttons(self, register, caseworker, akim, auditor):
        app = register()
        names = [s.name for s in workflow.available_steps(application=app, user=caseworker)]
        assert names == ["send_to_local", "mark_documents_requested"]
        assert workflow.available_steps(application=app, user=akim) == []
        assert workflow.available_steps(application=app, user=auditor) == []

    def test_the_buttons_are_the_steps_that_have_no_objection(
        self, register, caseworker, akim, local_member, special_member
    ):
        """At every stage of the path, for every role: a step is offered exactly when taking
        it would not be refused (Step.possible agrees with Step.problem)."""
        users = (caseworker, akim, local_member, special_member)

        def agree(app):
            for user in users:
                offered = {s.name for s in workflow.available_steps(application=app, user=user)}
                allowed = {n for n, s in workflow.STEPS.items() if s.problem(app, user) is None}
                assert offered == allowed, (app.status, user.username)

        app = register()
        agree(app)
        app = to_at_authority(app, actor=caseworker, local_member=local_member)
        agree(app)
        with travel(D(2024, 3, 27)):
            app = workflow.application_send_to_special(application=app, actor=caseworker)
            agree(app)
            record_special(app, special_member)
            agree(app)
            app = workflow.application_special_conclude(application=app, actor=special_member)
            agree(app)


class TestDocumentsRequested:
    def test_decision_term_becomes_20_working_days(self, register, caseworker):
        app = register()
        with travel(D(2024, 3, 20)):
            app = workflow.application_mark_documents_requested(
                application=app, actor=caseworker, reason="Запрошена справка из ЦОН (п. 20)"
            )
        # 20.03, 26–29.03, 01–05.04, 08–12.04, 15–19.04 = 20 working days.
        assert app.decision_due == D(2024, 4, 19)
        assert app.documents_requested
        assert app.due_date == D(2024, 3, 20)  # the current step keeps its own term
        row = ApplicationTransition.objects.filter(application=app).last()
        assert row.comment == "Запрошена справка из ЦОН (п. 20)"

    def test_extension_carries_to_the_concluded_step(
        self, register, caseworker, local_member, special_member
    ):
        app = to_concluded(
            register(),
            caseworker=caseworker,
            local_member=local_member,
            special_member=special_member,
        )
        assert app.due_date == D(2024, 4, 3)
        with travel(D(2024, 3, 28)):
            app = workflow.application_mark_documents_requested(
                application=app, actor=caseworker, reason="Документы утеряны (п. 21)"
            )
        assert (app.due_date, app.decision_due) == (D(2024, 4, 19), D(2024, 4, 19))

    def test_reason_required_and_only_once(self, register, caseworker):
        app = register()
        with pytest.raises(ApplicationError, match="Укажите"):
            workflow.application_mark_documents_requested(
                application=app, actor=caseworker, reason="  "
            )
        workflow.application_mark_documents_requested(
            application=app, actor=caseworker, reason="п. 20"
        )
        with pytest.raises(TransitionNotAllowed, match="уже отмечен"):
            workflow.application_mark_documents_requested(
                application=app, actor=caseworker, reason="п. 20"
            )


class TestRefusals:
    def test_refused_survey_goes_to_decision_on_ground_2(self, register, caseworker, local_member):
        app = to_at_authority(register(), actor=caseworker, local_member=local_member, refused=True)
        assert (app.status, app.due_date) == (S.AT_AUTHORITY, D(2024, 4, 3))
        assert workflow.proposed_ground(app) == "survey_refused"
        with travel(D(2024, 3, 26)):
            with pytest.raises(TransitionNotAllowed, match="отказался от обследования"):
                workflow.application_send_to_special(application=app, actor=caseworker)
            with pytest.raises(ApplicationError, match="пп. 2"):
                workflow.application_decide(
                    application=app, actor=caseworker, grant=False, ground="income_above_threshold"
                )
            with pytest.raises(TransitionNotAllowed, match="положительном заключении"):
                workflow.application_decide(application=app, actor=caseworker, grant=True)
            decision = workflow.application_decide(
                application=app, actor=caseworker, grant=False, ground="survey_refused"
            )
        assert decision.get_ground_display().endswith("(п. 26, пп. 2)")
        assert decision.notice_due == D(2024, 3, 29)

    def test_income_above_regional_minimum_proposes_ground_3(
        self, register, caseworker, local_member, special_member
    ):
        # 600 000 / 3 / 4 = 50 000 ₸ ≥ 44 300 ₸, the regional minimum in force for Q4 2023.
        app = to_concluded(
            register(wages=Decimal("600000")),
            caseworker=caseworker,
            local_member=local_member,
            special_member=special_member,
        )
        assert workflow.proposed_ground(app) == "income_above_threshold"
        with travel(D(2024, 3, 28)):
            with pytest.raises(TransitionNotAllowed, match="50000.00 ₸.*44300.00 ₸"):
                workflow.application_decide(application=app, actor=caseworker, grant=True)
            decision = workflow.application_decide(
                application=app, actor=caseworker, grant=False, ground="income_above_threshold"
            )
        assert decision.basis["threshold"] == {
            "kind": "below_regional_sm",
            "factor": "1",
            "value": "44300.00",
            "passed": False,
        }

    def test_ground_3_is_refused_while_the_income_passes_the_test(
        self, register, caseworker, local_member, special_member
    ):
        # 300 000 / 3 / 4 = 25 000 ₸ < 44 300 ₸, the regional minimum for Q4 2023: p26(3) does
        # not apply, whatever the caseworker picks.
        app = to_concluded(
            register(),
            caseworker=caseworker,
            local_member=local_member,
            special_member=special_member,
        )
        with travel(D(2024, 3, 28)):
            with pytest.raises(
                ApplicationError,
                match=re.escape(
                    "25\u00a0000,00\u00a0₸ проходит порог категории (44\u00a0300,00\u00a0₸)"
                ),
            ):
                workflow.application_decide(
                    application=app, actor=caseworker, grant=False, ground="income_above_threshold"
                )
            assert not Decision.objects.exists()
            decision = workflow.application_decide(
                application=app, actor=caseworker, grant=False, ground="false_information"
            )
        assert decision.ground == "false_information"

    def test_refusal_needs_a_ground(self, register, caseworker, local_member, special_member):
        app = to_concluded(
            register(),
            caseworker=caseworker,
            local_member=local_member,
            special_member=special_member,
        )
        with pytest.raises(ApplicationError, match="основание отказа"):
            workflow.application_decide(application=app, actor=caseworker, grant=False)
        assert not Decision.objects.exists()

    def test_negative_special_conclusion_cannot_be_granted(
        self, register, caseworker, local_member, special_member
    ):
        app = to_at_authority(register(), actor=caseworker, local_member=local_member)
        with travel(D(2024, 3, 27)):
            app = workflow.application_send_to_special(application=app, actor=caseworker)
            record_special(app, special_member, need=False)
            app = workflow.application_special_conclude(application=app, actor=special_member)
            with pytest.raises(TransitionNotAllowed, match="положительном заключении"):
                workflow.application_decide(application=app, actor=caseworker, grant=True)


class TestGrantRollsBackOnBudget:
    def test_budget_block_leaves_no_decision(
        self, register, caseworker, local_member, special_member
    ):
        Budget.objects.create(year=2024, programme="hardship", amount=Decimal("1000.00"))
        app = to_concluded(
            register(),
            caseworker=caseworker,
            local_member=local_member,
            special_member=special_member,
        )
        with travel(D(2024, 3, 28)), pytest.raises(BenefitsError, match="Бюджет"):
            workflow.application_decide(application=app, actor=caseworker, grant=True)
        app.refresh_from_db()
        assert app.status == S.CONCLUDED
        assert not Decision.objects.filter(application=app).exists()
        assert not ApplicationTransition.objects.filter(application=app, to_status=S.GRANTED)


class TestFrozenBasis:
    def test_basis_keeps_the_family_as_it_was(
        self, register, caseworker, local_member, special_member, person_factory
    ):
        app = to_concluded(
            register(),
            caseworker=caseworker,
            local_member=local_member,
            special_member=special_member,
        )
        with travel(D(2024, 3, 28)):
            decision = workflow.application_decide(application=app, actor=caseworker, grant=True)
        head = app.family.applicant
        Income.objects.filter(member__family=app.family).update(amount=Decimal("999999"))
        app.family.members.create(person=person_factory(surname="Новый"), relation="son")
        head.surname = "Переименован"
        head.save()

        decision.refresh_from_db()
        basis = decision.basis
        assert len(basis["members"]) == 4
        assert basis["members"][0]["name"] == "Ахметов Айдар"
        assert basis["members"][0]["iin"] == head.iin
        assert basis["members"][0]["birth_date"] == "1985-03-15"
        assert basis["members"][0]["relation"] == "applicant"
        assert basis["incomes"] == [
            {
                "name": "Ахметов Айдар",
                "iin": head.iin,
                "kind": "wages",
                "year": 2023,
                "quarter": 4,
                "amount": "300000.00",
            }
        ]
        assert basis["income"] == {
            "year": 2023,
            "quarter": 4,
            "total": "300000.00",
            "members": 4,
            "per_capita": "25000.00",
        }
        assert basis["threshold"]["value"] == "44300.00" and basis["threshold"]["passed"]
        assert basis["mrp"] == {"value": "3692.00", "effective_from": "2024-01-01"}
        assert basis["category"]["paragraph"] == "7.4"


class TestMonthlyPeriod:
    def test_tuberculosis_grant_needs_a_period(
        self, register, caseworker, local_member, special_member
    ):
        app = to_concluded(
            register(code="hardship-tuberculosis"),
            caseworker=caseworker,
            local_member=local_member,
            special_member=special_member,
        )
        with travel(D(2024, 3, 28)):
            with pytest.raises(ApplicationError, match="период выплаты"):
                workflow.application_decide(application=app, actor=caseworker, grant=True)
            decision = workflow.application_decide(
                application=app,
                actor=caseworker,
                grant=True,
                period_start=D(2024, 4, 1),
                period_end=D(2024, 9, 30),
            )
        assert (decision.period_start, decision.period_end) == (D(2024, 4, 1), D(2024, 9, 30))


class TestTwoPeopleAtOnce:
    def test_stale_copy_is_refused_and_nothing_recorded_twice(self, register, caseworker):
        first = register()
        second = Application.objects.get(pk=first.pk)  # opened by a colleague meanwhile
        workflow.application_send_to_local(application=first, actor=caseworker)
        with pytest.raises(TransitionNotAllowed, match="в статусе «в участковой комиссии»"):
            workflow.application_send_to_local(application=second, actor=caseworker)
        assert (
            ApplicationTransition.objects.filter(
                application=first, to_status=S.AT_LOCAL_COMMISSION
            ).count()
            == 1
        )

    @pytest.mark.django_db(transaction=True)
    def test_two_threads_one_wins(self, register, caseworker, local_member, special_member):
        app = to_concluded(
            register(),
            caseworker=caseworker,
            local_member=local_member,
            special_member=special_member,
        )
        barrier = threading.Barrier(2)
        results = []

        def decide():
            barrier.wait()
            try:
                # SQLite's shared-cache test database refuses a locked table at once, where
                # the user would get "повторите" (zhanakorgan_aid/busy.py) and try again: the
                # thread does the same. PostgreSQL waits on the row lock instead.
                for _attempt in range(100):
                    try:
                        workflow.application_decide(
                            application=app,
                            actor=caseworker,
                            grant=False,
                            ground="false_information",
                        )
                        results.append("ok")
                        return
                    except OperationalError:
                        time.sleep(0.02)
                results.append("gave up on a locked database")
            except TransitionNotAllowed as error:
                results.append(str(error))
            finally:
                connection.close()

        threads = [threading.Thread(target=decide) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results.count("ok") == 1
        loser = next(r for r in results if r != "ok")
        # The loser (after the row lock, or after its retry on SQLite) re-read the status and
        # was told why.
        assert "в статусе «отказано»" in loser
        assert Decision.objects.filter(application=app).count() == 1
        assert (
            ApplicationTransition.objects.filter(application=app, to_status=S.REFUSED).count() == 1
        )


class TestThreeMonthRule:
    def register_fire(self, family_factory, category, caseworker, day):
        return intake.application_register(
            family=family_factory(),
            category=category("hardship-disaster-fire"),
            actor=caseworker,
            event_date=D(2024, 1, 31),
            registered_at=at(day),
        )

    def test_last_day_is_accepted(self, family_factory, category, caseworker):
        app = self.register_fire(family_factory, category, caseworker, D(2024, 4, 30))
        assert app.status == S.REGISTERED

    def test_the_day_after_is_refused(self, family_factory, category, caseworker):
        with pytest.raises(ApplicationError, match="последний день обращения 30.04.2024"):
            self.register_fire(family_factory, category, caseworker, D(2024, 5, 1))
        assert not Application.objects.exists()


def test_member_seated_on_the_okrugs_commission_may_complete_the_survey_without_user_okrug(
    application_factory, caseworker, okrug
):
    """A local commission member's okrug may come from the seat alone (commissions.access)."""
    from applications.workflow.services import steps as workflow
    from commissions.models import Commission, CommissionMember
    from tests.conftest import make_user
    from zhanakorgan_aid import roles as role_names

    member = make_user("seated_only", role_names.LOCAL_COMMISSION, okrug=None)
    commission, _ = Commission.objects.get_or_create(
        kind="local", okrug=okrug, defaults={"name": "УК"}
    )
    CommissionMember.objects.create(commission=commission, user=member, role="member")
    application = application_factory()
    assert workflow.is_local_member_of_okrug(member, application)
    other = make_user("no_seat", role_names.LOCAL_COMMISSION, okrug=None)
    assert not workflow.is_local_member_of_okrug(other, application)
