"""A row of a work queue leads to the step that waits: the local commission to its survey page,
the special commission to its conclusion, the caseworker to the decision or the notice, and
a step taken by a button to the path panel of the application's page; the dashboard's overdue
figures to the list of those cases."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from applications.cases.models import Application
from tests.conftest import listed_numbers, login

S = Application.Status


def queue_links(client, user) -> dict[str, str]:
    """{application number: where its row in the start page's queue leads}."""
    login(client, user)
    html = client.get(reverse("workflow:home")).content.decode()
    queue = html.split('id="table-', 1)[1].split("</table>")[0]  # its first bucket
    queue += "".join(
        part.split("</table>")[0] for part in html.split('id="table-')[2:]
    )  # and the others, not the latest applications below them
    return {n: href for href, n in re.findall(r'<tr><td><a href="([^"]+)">([^<]+)</a>', queue)}


def waiting(application_factory, status, channel="authority"):
    made = application_factory(channel=channel)
    Application.objects.filter(pk=made.pk).update(status=status)
    return made


@pytest.mark.parametrize(
    "who, status, page",
    [
        ("local_member", S.AT_LOCAL_COMMISSION, "workflow:survey"),
        ("special_member", S.AT_SPECIAL_COMMISSION, "workflow:special_conclusion"),
        ("caseworker", S.CONCLUDED, "workflow:application_decide"),
        ("caseworker", S.GRANTED, "workflow:application_notify"),
        ("caseworker", S.REFUSED, "workflow:application_notify"),
    ],
)
def test_a_queue_row_opens_the_page_of_the_step_that_waits(
    client, request, application_factory, who, status, page
):
    made = waiting(application_factory, status)
    links = queue_links(client, request.getfixturevalue(who))
    assert links[made.number] == reverse(page, args=[made.pk])


def test_the_local_commission_lands_on_its_survey_form(client, local_member, application_factory):
    made = waiting(application_factory, S.AT_LOCAL_COMMISSION)
    response = client.get(queue_links(client, local_member)[made.number])
    assert response.status_code == 200
    assert "Акт обследования" in response.content.decode()


@pytest.mark.parametrize(
    "who, status, channel",
    [
        ("caseworker", S.REGISTERED, "authority"),
        ("caseworker", S.AT_AUTHORITY, "authority"),
        ("akim", S.REGISTERED, "akim"),
        ("akim", S.SURVEYED, "akim"),
    ],
)
def test_a_step_taken_by_a_button_opens_the_path_panel_of_the_case(
    client, request, application_factory, who, status, channel
):
    made = waiting(application_factory, status, channel)
    link = queue_links(client, request.getfixturevalue(who))[made.number]
    assert link == reverse("workflow:application_detail", args=[made.pk]) + "#workflow"
    assert 'id="workflow"' in client.get(link).content.decode()


def test_the_dashboards_overdue_figures_open_the_list_of_those_cases(
    client, caseworker, application_factory, okrug, other_okrug
):
    late = application_factory()
    application_factory(okrug_obj=other_okrug)  # overdue elsewhere
    application_factory()  # on time
    Application.objects.exclude(pk=late.pk).update(due_date=datetime.date(2099, 1, 1))
    Application.objects.filter(pk=late.pk).update(due_date=datetime.date(2020, 1, 1))
    Application.objects.filter(okrug=other_okrug).update(due_date=datetime.date(2020, 1, 2))
    login(client, caseworker)
    html = client.get(reverse("workflow:dashboard")).content.decode()
    row = html.split(f"<td>{okrug.name_ru}</td>")[1].split("</tr>")[0]
    link = unescape(re.search(r'<td class="late"><a href="([^"]+)">1</a>', row).group(1))
    assert link == f"/applications/?okrug={okrug.pk}&overdue=on&sort=due"
    assert listed_numbers(client.get(link)) == [late.number]
    total = unescape(re.search(r'id="overdue-total"><a href="([^"]+)">2</a>', html).group(1))
    assert len(listed_numbers(client.get(total))) == 2
