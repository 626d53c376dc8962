"""Work queues, the district dashboard, the workflow pages and the overdue report."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.cases import pagination
from applications.cases.models import (
    Application,
    ApplicationDocument,
    ApplicationTransition,
    Decision,
)
from applications.workflow import queues
from applications.workflow.services import steps as workflow
from commissions.services.documents import notice_issue
from tests.conftest import login

from .wf_support import at, fresh_calendar, record_special, record_survey, travel  # noqa: F401

S = Application.Status
D = datetime.date
REGISTERED_ON = D(2024, 3, 19)


@pytest.fixture
def register(application_factory):
    def build(channel="authority", day=REGISTERED_ON, **kw):
        with travel(day):
            return application_factory(
                channel=channel, registered_at=at(day), year=2023, quarter=4, **kw
            )

    return build


SENT_ON = D(2024, 3, 20)


def page(client, user, name, *args, day=SENT_ON, **kw):
    login(client, user)
    with travel(day):
        return client.get(reverse(name, args=args), **kw)


class TestStartPage:
    def test_caseworker_sees_overdue_today_and_upcoming(self, client, register, caseworker):
        late = register(day=D(2024, 3, 15))  # due 18.03
        due_today = register(day=D(2024, 3, 19))  # due 20.03
        upcoming = register(day=D(2024, 3, 20))  # due 26.03 (Nauryz 21, 22, 25)
        html = page(client, caseworker, "workflow:home").content.decode()
        overdue_part = html.split('id="table-overdue"')[1].split("</table>")[0]
        today_part = html.split('id="table-today"')[1].split("</table>")[0]
        upcoming_part = html.split('id="table-upcoming"')[1].split("</table>")[0]
        assert late.number in overdue_part and "18.03.2024" in overdue_part
        assert "просрочено на 2" in overdue_part  # 19 and 20 March
        assert due_today.number in today_part and "20.03.2024" in today_part
        assert upcoming.number in upcoming_part and "26.03.2024" in upcoming_part
        assert "осталось 1" in upcoming_part  # one working day: 26 March
        assert "рабочих днях" in html

    def test_each_bucket_shows_its_ten_nearest_terms_and_cases_without_one_come_last(
        self, register, caseworker
    ):
        """queues.queue_for: ten rows per bucket, nearest term first (then as registered),
        the counts exact; cases without a term fill the upcoming rows after the dated ones."""
        made = [register(day=D(2024, 3, 11) + datetime.timedelta(days=i % 3)) for i in range(24)]
        late, dated, undated = made[:12], made[12:15], made[15:]
        for i, application in enumerate(late):  # overdue by 12, 11, … 1 days
            Application.objects.filter(pk=application.pk).update(
                due_date=SENT_ON - datetime.timedelta(days=12 - i)
            )
        for i, application in enumerate(dated):
            Application.objects.filter(pk=application.pk).update(
                due_date=SENT_ON + datetime.timedelta(days=3 - i)
            )
        Application.objects.filter(pk__in=[a.pk for a in undated]).update(due_date=None)
        queue = queues.queue_for(user=caseworker, on=SENT_ON)
        numbers = {
            name: [row.application["number"] for row in queue[name]]
            for name in ("overdue", "today", "upcoming")
        }
        assert numbers["overdue"] == [a.number for a in late[:10]]
        # terms 8.03 (a holiday), 9.03 and 10.03 (a weekend), 11.03: late by the working days
        # from the day after the term to 20.03
        assert [row.days_late for row in queue["overdue"]][:4] == [8, 8, 8, 7]
        assert numbers["today"] == []
        by_registration = sorted(undated, key=lambda a: (a.registered_at, a.pk))
        assert numbers["upcoming"] == [a.number for a in reversed(dated)] + [
            a.number for a in by_registration[:7]
        ]
        assert queue["counts"] == {"overdue": 12, "today": 0, "upcoming": 12}

    def test_akim_sees_only_own_okrug_akim_applications(
        self, client, register, akim, other_akim, family_factory, other_okrug
    ):
        own = register(channel="akim")
        authority = register(channel="authority")
        foreign = register(channel="akim", family=family_factory(okrug_obj=other_okrug))
        html = page(client, akim, "workflow:home").content.decode()
        queue = html.split('id="queue-overdue"')[1].split("Последние заявления")[0]
        assert own.number in queue
        assert authority.number not in queue
        assert foreign.number not in queue
        other_html = page(client, other_akim, "workflow:home").content.decode()
        assert foreign.number in other_html.split("Последние заявления")[0]

    def test_latest_applications_are_those_the_user_may_see(
        self, client, register, akim, caseworker, special_member, family_factory, other_okrug
    ):
        own = register(channel="akim")
        foreign = register(channel="akim", family=family_factory(okrug_obj=other_okrug))

        def latest(user):
            return (
                page(client, user, "workflow:home").content.decode().split("Последние заявления")[1]
            )

        assert own.number in latest(akim) and foreign.number not in latest(akim)
        assert own.number in latest(caseworker) and foreign.number in latest(caseworker)
        # the special commission sees only the cases sent on to it
        assert "Нет заявлений." in latest(special_member)
        Application.objects.filter(pk=foreign.pk).update(status=S.AT_SPECIAL_COMMISSION)
        seen = latest(special_member)
        assert foreign.number in seen and own.number not in seen

    def test_local_commission_queue(
        self, client, register, caseworker, local_member, other_local_member
    ):
        app = register()
        with travel(D(2024, 3, 20)):
            workflow.application_send_to_local(application=app, actor=caseworker)
        mine = page(client, local_member, "workflow:home").content.decode().split("Последние")[0]
        theirs = (
            page(client, other_local_member, "workflow:home").content.decode().split("Последние")[0]
        )
        assert app.number in mine and "27.03.2024" in mine
        assert app.number not in theirs

    def test_query_count_does_not_grow_with_rows(self, client, register, caseworker):
        register()
        login(client, caseworker)
        with travel(D(2024, 3, 20)):
            client.get(reverse("workflow:home"))  # builds the calendar of the year once
            with CaptureQueriesContext(connection) as one:
                client.get(reverse("workflow:home"))
        for _ in range(5):
            register()
        with travel(D(2024, 3, 20)):
            with CaptureQueriesContext(connection) as six:
                response = client.get(reverse("workflow:home"))
        assert response.content.decode().count("просрочено на") == 0
        assert len(six) == len(one)

    @pytest.mark.parametrize(
        "who, status, channel",
        [
            ("caseworker", S.REGISTERED, "authority"),
            ("akim", S.REGISTERED, "akim"),
            ("local_member", S.AT_LOCAL_COMMISSION, "authority"),
            ("special_member", S.AT_SPECIAL_COMMISSION, "authority"),
        ],
    )
    def test_each_roles_queue_reads_as_many_queries_for_n_and_2n_rows(
        self, client, register, request, who, status, channel
    ):
        """N cases waiting for the user, their terms spread over the buckets (overdue, today,
        upcoming, none), against 2N: the same queries."""
        user = request.getfixturevalue(who)
        terms = [D(2024, 3, 1), SENT_ON, D(2024, 4, 1), None]

        def add(n: int) -> None:
            for i in range(n):
                made = register(channel=channel)
                Application.objects.filter(pk=made.pk).update(status=status, due_date=terms[i % 4])

        def queries() -> int:
            with travel(SENT_ON):
                client.get(reverse("workflow:home"))
                with CaptureQueriesContext(connection) as run:
                    response = client.get(reverse("workflow:home"))
            assert response.status_code == 200
            return len(run)

        login(client, user)
        add(8)
        n = queries()
        add(8)
        html = page(client, user, "workflow:home").content.decode()
        assert html.count('<tr><td><a href="/applications/') >= 16  # the buckets and the latest
        assert queries() == n

    def test_a_long_queue_is_counted_once_a_minute_a_short_one_every_time(
        self, client, register, caseworker, monkeypatch
    ):
        def overdue_count() -> int:
            with travel(D(2024, 3, 20)):
                html = client.get(reverse("workflow:home")).content.decode()
            return int(html.split('id="queue-overdue">')[1].split("(")[1].split(")")[0])

        register(day=D(2024, 3, 15))
        login(client, caseworker)
        assert overdue_count() == 1
        register(day=D(2024, 3, 15))
        assert overdue_count() == 2  # short: exact on every request
        monkeypatch.setattr(pagination, "LARGE_COUNT", 3)
        register(day=D(2024, 3, 15))
        assert overdue_count() == 3  # now "long": counted and kept
        register(day=D(2024, 3, 15))
        assert overdue_count() == 3
        cache.clear()  # a minute later
        assert overdue_count() == 4


class TestDashboard:
    def test_counts_per_status_and_overdue_per_okrug(
        self, client, register, caseworker, family_factory, okrug, other_okrug
    ):
        register(day=D(2024, 3, 15))
        register(day=D(2024, 3, 15), family=family_factory(okrug_obj=other_okrug))
        fresh = register(day=D(2024, 3, 20))
        with travel(D(2024, 3, 20)):
            workflow.application_send_to_local(application=fresh, actor=caseworker)
        response = page(client, caseworker, "workflow:dashboard")
        data = response.context["data"]
        assert data["total"] == 3 and data["overdue"] == 2
        statuses = [s.value for s in data["statuses"]]
        by_okrug = {r.okrug: r for r in data["rows"]}
        zhanakorgan = by_okrug[okrug.name_ru]
        assert zhanakorgan.by_status[statuses.index(S.REGISTERED)] == 1
        assert zhanakorgan.by_status[statuses.index(S.AT_LOCAL_COMMISSION)] == 1
        assert zhanakorgan.overdue == 1
        assert by_okrug[other_okrug.name_ru].overdue == 1
        # the row as printed: the okrug, a cell per step, the total, the late ones marked
        row = response.content.decode().split(f"<tr><td>{okrug.name_ru}</td>")[1].split("</tr>")[0]
        cells = [0] * len(statuses)
        cells[statuses.index(S.REGISTERED)] = cells[statuses.index(S.AT_LOCAL_COMMISSION)] = 1
        late = f'<a href="/applications/?okrug={okrug.pk}&amp;overdue=on&amp;sort=due">1</a>'
        assert (
            row
            == "".join(f"<td>{n}</td>" for n in cells) + f'<td>2</td><td class="late">{late}</td>'
        )

    def test_dashboard_queries_are_flat(self, client, register, caseworker):
        register()
        login(client, caseworker)
        cache.clear()  # both counts from an empty cache (the session then read from the database)
        with travel(D(2024, 3, 20)), CaptureQueriesContext(connection) as few:
            client.get(reverse("workflow:dashboard"))
        for _ in range(4):
            register()
        cache.clear()  # the figures are kept for a minute: count them again
        with travel(D(2024, 3, 20)), CaptureQueriesContext(connection) as more:
            response = client.get(reverse("workflow:dashboard"))
        assert len(more) == len(few)
        assert response.context["data"]["total"] == 5

    def test_dashboard_reads_as_many_queries_for_n_and_2n_okrugs(
        self, client, register, caseworker, family_factory
    ):
        from applications.reference.models import Okrug

        okrugs = list(Okrug.objects.order_by("pk")[:4])
        login(client, caseworker)

        def queries() -> int:
            cache.clear()  # the figures are kept for a minute: count them again
            with travel(D(2024, 3, 20)), CaptureQueriesContext(connection) as run:
                response = client.get(reverse("workflow:dashboard"))
            assert response.status_code == 200
            return len(run), len(response.context["data"]["rows"])

        for okrug in okrugs[:2]:
            register(day=D(2024, 3, 15), family=family_factory(okrug_obj=okrug))
        n, rows = queries()
        for okrug in okrugs[2:]:
            register(day=D(2024, 3, 15), family=family_factory(okrug_obj=okrug))
        assert queries() == (n, 2 * rows)

    def test_figures_are_kept_for_a_minute_and_say_when_counted(self, client, register, caseworker):
        register()
        login(client, caseworker)
        start = timezone.make_aware(datetime.datetime(2024, 3, 20, 10, 15))
        with time_machine.travel(start, tick=False):
            first = client.get(reverse("workflow:dashboard"))
        register()
        with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
            cached = client.get(reverse("workflow:dashboard"))
        with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
            fresh = client.get(reverse("workflow:dashboard"))
        assert first.context["data"]["total"] == cached.context["data"]["total"] == 1
        assert fresh.context["data"]["total"] == 2
        assert "Подсчитано в 10:15" in cached.content.decode()
        assert "Подсчитано в 10:16" in fresh.content.decode()

    @pytest.mark.parametrize("who", ["akim", "local_member", "special_member"])
    def test_okrug_and_commission_roles_get_403(self, client, who, request):
        response = page(client, request.getfixturevalue(who), "workflow:dashboard")
        assert response.status_code == 403

    @pytest.mark.parametrize("who", ["administrator", "auditor"])
    def test_admin_and_auditor_see_it(self, client, who, request):
        response = page(client, request.getfixturevalue(who), "workflow:dashboard")
        assert response.status_code == 200


class TestApplicationPage:
    def test_buttons_follow_the_role(self, client, register, caseworker, akim, auditor):
        app = register()
        html = page(client, caseworker, "workflow:application_detail", app.pk).content.decode()
        assert reverse("workflow:application_step", args=[app.pk, "send_to_local"]) in html
        assert 'data-confirm="Подтвердите действие: Направить в участковую комиссию?"' in html
        assert "Срок текущего шага: <strong>20.03.2024</strong>" in html
        assert "03.04.2024" in html  # decision term, 8 working days
        for user in (akim, auditor):
            html = page(client, user, "workflow:application_detail", app.pk).content.decode()
            assert "step/send_to_local" not in html

    def test_button_moves_the_application_and_history_shows_labels(
        self, client, register, caseworker
    ):
        app = register()
        login(client, caseworker)
        with travel(D(2024, 3, 20)):
            response = client.post(
                reverse("workflow:application_step", args=[app.pk, "send_to_local"]),
                follow=True,
            )
        html = response.content.decode()
        assert "Документы направлены в участковую комиссию." in html
        assert "<td>зарегистрировано</td><td>в участковой комиссии</td>" in html
        # the moves: when (office time), who, from which status to which
        moves = html.split("<h2>История</h2>")[1].split("</table>")[0].split("<tbody>")[1]
        registered, sent = moves.split("</tr>")[:2]
        assert registered == (
            "<tr><td>19.03.2024 10:00</td><td>Caseworker</td><td>—</td><td>зарегистрировано</td>"
            "<td>Заявление зарегистрировано</td>"
        )
        assert "<td>20.03.2024 " in sent
        assert "<td>Caseworker</td><td>зарегистрировано</td><td>в участковой комиссии</td>" in sent
        app.refresh_from_db()
        assert app.status == S.AT_LOCAL_COMMISSION

    def test_second_click_gets_a_message_not_a_second_row(self, client, register, caseworker):
        app = register()
        login(client, caseworker)
        url = reverse("workflow:application_step", args=[app.pk, "send_to_local"])
        with travel(D(2024, 3, 20)):
            client.post(url)
            response = client.post(url, follow=True)
        assert "невозможно: заявление в статусе «в участковой комиссии»" in (
            response.content.decode()
        )
        assert ApplicationTransition.objects.filter(to_status=S.AT_LOCAL_COMMISSION).count() == 1

    def test_other_okrug_akim_gets_404(self, client, register, other_akim):
        app = register(channel="akim")
        login(client, other_akim)
        response = client.post(reverse("workflow:application_step", args=[app.pk, "send_to_local"]))
        assert response.status_code == 404

    def test_local_member_is_linked_to_the_survey_page(
        self, client, register, caseworker, local_member
    ):
        app = register()
        with travel(D(2024, 3, 20)):
            workflow.application_send_to_local(application=app, actor=caseworker)
        html = page(client, local_member, "workflow:application_detail", app.pk).content
        assert reverse("workflow:survey", args=[app.pk]) in html.decode()

    def test_the_term_reads_in_working_days_in_both_languages(self, client, register, caseworker):
        late = register(day=D(2024, 3, 15))  # due 18.03: 19 and 20 March have passed
        due_today = register(day=D(2024, 3, 19))  # due 20.03
        html = page(client, caseworker, "workflow:application_detail", late.pk).content
        assert '<span class="late">— просрочено на 2 рабочих дн.</span>' in html.decode()
        html = page(client, caseworker, "workflow:application_detail", due_today.pk).content
        assert '<span class="late">— истекает сегодня</span>' in html.decode()
        client.post(reverse("set_language"), {"language": "kk", "next": "/"})
        with travel(D(2024, 3, 20)):
            html = client.get(reverse("workflow:application_detail", args=[late.pk]))
        text = html.content.decode()
        assert "— мерзімі 2 жұмыс күніне өтті" in text and "просрочено" not in text
        assert "<h1>Өтініш № " in text and "Ход рассмотрения" not in text

    def test_what_the_case_holds_is_escaped(self, client, register, caseworker):
        app = register()
        Application.objects.filter(pk=app.pk).update(
            situation='Пожар <script>alert("x")</script>\nдом сгорел'
        )
        html = page(client, caseworker, "workflow:application_detail", app.pk).content
        text = html.decode()
        assert "<script>alert" not in text
        assert "Пожар &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>дом сгорел" in text

    def test_queries_do_not_grow_with_the_case(self, client, register, caseworker):
        """A family of two with nothing attached, and a family of six with incomes, documents
        and more moves: the same queries (the user and the user's roles, the application,
        members, incomes, printed and attached documents, moves; the session, the change log's
        version and its rendered copy come from the cache, which is Redis or the database in
        production and memory in the tests)."""
        small = register(size=2)
        big = register(size=6)
        for kind in ("identity", "income", "other"):
            ApplicationDocument.objects.create(
                application=big,
                kind=kind,
                file=f"applications/{big.pk}/{kind}.pdf",
                content_type="application/pdf",
                size=2048,
                uploaded_by=caseworker,
            )
        with travel(D(2024, 3, 20)):
            workflow.application_send_to_local(application=big, actor=caseworker)

        login(client, caseworker)

        def queries(app) -> int:
            url = reverse("workflow:application_detail", args=[app.pk])
            with travel(SENT_ON):
                client.get(url)  # the change log is then in the cache
                with CaptureQueriesContext(connection) as run:
                    response = client.get(url)
            assert response.status_code == 200
            return len(run)

        assert queries(small) == queries(big) == 8
        text = page(client, caseworker, "workflow:application_detail", big.pk).content
        assert "Состав семьи (6)" in text.decode() and "2,0\xa0КБ" in text.decode()


def concluded(register, caseworker, local_member, special_member, **kw):
    app = register(**kw)
    with travel(D(2024, 3, 20)):
        app = workflow.application_send_to_local(application=app, actor=caseworker)
        record_survey(app, local_member)
        app = workflow.application_survey_complete(application=app, actor=local_member)
        app = workflow.application_send_to_special(application=app, actor=caseworker)
        record_special(app, special_member)
        return workflow.application_special_conclude(application=app, actor=special_member)


class TestDecisionPage:
    def test_grant_through_the_form(
        self, client, register, caseworker, local_member, special_member
    ):
        app = concluded(register, caseworker, local_member, special_member)
        html = page(client, caseworker, "workflow:application_decide", app.pk).content
        assert "44\u00a0300,00\u00a0₸" in html.decode()  # the regional minimum, the threshold
        with travel(D(2024, 3, 26)):
            login(client, caseworker)  # a new day, a new session (sessions last 30 minutes)
            response = client.post(
                reverse("workflow:application_decide", args=[app.pk]),
                {"outcome": "granted", "ground": ""},
                follow=True,
            )
        text = response.content.decode()
        assert "Уведомить заявителя до 29.03.2024." in text
        assert "36\u00a0920,00\u00a0₸" in text
        assert Decision.objects.get(application=app).outcome == "granted"

    @pytest.mark.parametrize(
        "ground, message",
        [
            ("", "Укажите основание отказа (п. 26)."),
            # 25 000 ₸ a month per member is below the regional minimum: p26(3) does not apply
            (
                "income_above_threshold",
                "Среднедушевой доход 25\u00a0000,00\u00a0₸ проходит порог категории "
                "(44\u00a0300,00\u00a0₸): отказ по п. 26, пп. 3 невозможен.",
            ),
        ],
    )
    def test_a_refusal_without_its_ground_keeps_the_input(
        self, client, register, caseworker, local_member, special_member, ground, message
    ):
        app = concluded(register, caseworker, local_member, special_member)
        login(client, caseworker)
        with travel(D(2024, 3, 26)):
            response = client.post(
                reverse("workflow:application_decide", args=[app.pk]),
                {"outcome": "refused", "ground": ground, "comment": "мой текст"},
            )
        text = response.content.decode()
        assert response.status_code == 200
        assert message in text
        assert "мой текст" in text
        assert not Decision.objects.exists()

    def test_income_above_threshold_is_proposed(
        self, client, register, caseworker, local_member, special_member
    ):
        app = concluded(register, caseworker, local_member, special_member, wages=Decimal("600000"))
        response = page(client, caseworker, "workflow:application_decide", app.pk)
        assert response.context["form"].initial == {
            "outcome": "refused",
            "ground": "income_above_threshold",
        }
        assert "доход выше порога" in response.content.decode()

    def test_negative_special_conclusion_proposes_a_refusal(
        self, client, register, caseworker, local_member, special_member
    ):
        app = register()
        with travel(D(2024, 3, 20)):
            app = workflow.application_send_to_local(application=app, actor=caseworker)
            record_survey(app, local_member)
            app = workflow.application_survey_complete(application=app, actor=local_member)
            app = workflow.application_send_to_special(application=app, actor=caseworker)
            record_special(app, special_member, need=False)
            app = workflow.application_special_conclude(application=app, actor=special_member)
        html = page(client, caseworker, "workflow:application_decide", app.pk).content.decode()
        assert 'value="refused" required id="id_outcome_1" checked' in html.replace("\n", " ")
        assert 'value="granted" required id="id_outcome_0" checked' not in html

    def test_special_member_gets_403(
        self, client, register, caseworker, local_member, special_member
    ):
        app = concluded(register, caseworker, local_member, special_member)
        response = page(client, special_member, "workflow:application_decide", app.pk)
        assert response.status_code == 403


def post_form_actions(html: str) -> set[str]:
    return set(re.findall(r'<form[^>]*action="([^"]+)"[^>]*method="post"', html)) | set(
        re.findall(r'<form method="post"[^>]*action="([^"]+)"', html)
    )


class TestApplicationPageByRole:
    def test_the_award_is_linked_for_those_who_may_open_it(
        self, client, register, caseworker, auditor, local_member, special_member
    ):
        app = concluded(register, caseworker, local_member, special_member)
        with travel(D(2024, 3, 26)):
            workflow.application_decide(application=app, actor=caseworker, grant=True)
        award = app.awards.get()
        link = f'<a href="{award.get_absolute_url()}">№ {award.pk}</a>'
        for user in (caseworker, auditor):
            html = page(client, user, "workflow:application_detail", app.pk).content.decode()
            assert link in html
            assert page(client, user, "benefits:award_detail", award.pk).status_code == 200
        html = page(client, special_member, "workflow:application_detail", app.pk)
        assert award.get_absolute_url() not in html.content.decode()

    def test_the_auditor_is_shown_no_form_that_would_answer_403(
        self, client, register, caseworker, auditor, local_member, special_member
    ):
        app = concluded(register, caseworker, local_member, special_member)
        html = page(client, auditor, "workflow:application_detail", app.pk).content.decode()
        assert post_form_actions(html) == {reverse("set_language"), reverse("logout")}
        html = page(client, caseworker, "workflow:application_detail", app.pk).content.decode()
        assert reverse("applications:document_upload", args=[app.pk]) in post_form_actions(html)


class TestNoticePage:
    def test_how_and_when_the_applicant_was_notified(
        self, client, register, caseworker, local_member, special_member
    ):
        app = concluded(register, caseworker, local_member, special_member)
        with travel(D(2024, 3, 26)):
            workflow.application_decide(application=app, actor=caseworker, grant=True)
        url = reverse("workflow:application_notify", args=[app.pk])
        login(client, caseworker)
        with travel(D(2024, 3, 27)):
            before = client.get(url, follow=True).content.decode()
            assert "Сначала выдайте уведомление о решении (п. 25)." in before
            notice_issue(application=app, actor=caseworker)
            case_page = client.get(app.get_absolute_url()).content.decode()
            assert f'href="{url}"' in case_page
            form = client.get(url).content.decode()
            assert 'value="2024-03-27"' in form  # today, for the caseworker to change
            late = client.post(url, {"how": "sms", "on": "2024-03-28"}).content.decode()
            assert "День уведомления не может быть позже сегодняшнего." in late
            assert 'value="sms" required id="id_how_3" checked' in late.replace("\n", " ")
            done = client.post(url, {"how": "sms", "on": "2024-03-26"}, follow=True)
        text = done.content.decode()
        assert "Уведомление заявителю отмечено." in text
        assert "Заявитель уведомлён 26.03.2024 (SMS-сообщением)" in text
        assert Decision.objects.get(application=app).notified_by == "sms"


class TestDocumentsRequestedPage:
    def test_form_extends_the_term(self, client, register, caseworker):
        app = register()
        login(client, caseworker)
        url = reverse("workflow:application_documents_requested", args=[app.pk])
        with travel(D(2024, 3, 20)):
            empty = client.post(url, {"paragraph": "20", "reason": "   "})
            assert "Обязательное поле." in empty.content.decode() or (
                "Опишите" in empty.content.decode()
            )
            response = client.post(url, {"paragraph": "20", "reason": "Запрос в ЦОН"}, follow=True)
        assert "Срок решения продлён до 19.04.2024" in response.content.decode()
        app.refresh_from_db()
        assert app.decision_due == D(2024, 4, 19)


class TestDeadlinesReport:
    def test_prints_overdue_and_mails_the_responsible(
        self, register, caseworker, akim, other_akim, local_member, capsys
    ):
        for user, address in (
            (caseworker, "cw@example.kz"),
            (akim, "akim@example.kz"),
            (other_akim, "other@example.kz"),
        ):
            user.email = address
            user.save()
        authority = register(day=D(2024, 3, 15))  # caseworker's, due 18.03
        by_akim = register(channel="akim", day=D(2024, 3, 15))  # the akim's, due 18.03
        register(day=D(2024, 3, 20))  # not overdue
        with travel(D(2024, 3, 20)):
            call_command("deadlines_report")
        out = capsys.readouterr().out
        lines = [line for line in out.splitlines() if line.startswith("2024-")]
        assert len(lines) == 2
        assert f"{authority.number}\t18.03.2024\t2" in out
        assert by_akim.number in out
        assert sorted(m.to[0] for m in mail.outbox) == ["akim@example.kz", "cw@example.kz"]
        akim_mail = next(m for m in mail.outbox if m.to == ["akim@example.kz"])
        assert by_akim.number in akim_mail.body
        assert authority.number not in akim_mail.body

    def test_nothing_overdue(self, register, capsys):
        register(day=D(2024, 3, 20))
        with travel(D(2024, 3, 20)):
            call_command("deadlines_report")
        assert "Просроченных заявлений нет" in capsys.readouterr().out
        assert mail.outbox == []
