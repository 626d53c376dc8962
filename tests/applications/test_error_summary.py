"""A long form sent back with errors opens with their summary (issue 20, item 6): a box the
screen reader announces (role="alert") listing every error, each a link to its field, in the
user's language; the typed values stay in the form."""

import re

from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from applications.cases.forms import PersonForm
from applications.workflow.services import steps as workflow
from tests.conftest import login


def summary(response) -> tuple[str, list[tuple[str, str]]]:
    """The summary's heading and its links (target, text) as the page shows them."""
    body = response.content.decode()
    box = re.search(r'<div class="error-summary"[^>]*role="alert"[^>]*>(.*?)</div>', body, re.S)
    assert box, "no error summary on the page"
    heading = re.search(r"<h2>(.*?)</h2>", box.group(1), re.S).group(1).strip()
    links = re.findall(r'<a href="#([^"]+)">(.*?)</a>', box.group(1), re.S)
    for target, _text in links:
        assert f'id="{target}"' in body, f"the link #{target} leads to no field"
    return heading, [(target, text.strip()) for target, text in links]


def label(form_class, name: str, language: str) -> str:
    with translation.override(language):
        return capfirst(str(form_class.base_fields[name].label))


def test_person_form_lists_its_errors_with_links_in_russian(client, caseworker):
    login(client, caseworker)
    response = client.post(reverse("applications:person_create"), {"iin": "12345", "name": "Айдар"})
    assert response.status_code == 200
    heading, links = summary(response)
    assert heading == "Исправьте ошибки в форме."
    targets = dict(links)
    assert targets["id_iin"] == "ИИН: ИИН должен состоять ровно из 12 цифр."
    assert targets["id_surname"] == label(PersonForm, "surname", "ru") + ": Обязательное поле."
    assert list(targets)[:2] == ["id_iin", "id_surname"]  # in the order of the form
    assert 'value="Айдар"' in response.content.decode()


def test_person_form_lists_its_errors_in_kazakh(client, caseworker):
    login(client, caseworker)
    client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    response = client.post(reverse("applications:person_create"), {"iin": "", "name": "Айдар"})
    heading, links = summary(response)
    assert heading == "Нысандағы қателерді түзетіңіз."
    targets = dict(links)
    surname = label(PersonForm, "surname", "kk")
    assert surname != label(PersonForm, "surname", "ru")
    assert targets["id_surname"].startswith(surname + ": ")
    assert "Обязательное поле" not in targets["id_surname"]


def test_a_form_without_errors_has_no_summary(client, caseworker):
    login(client, caseworker)
    assert "error-summary" not in client.get(reverse("applications:person_create")).content.decode()


def test_the_survey_lists_the_errors_of_the_act_and_the_conclusion(
    client, caseworker, local_member, application_factory
):
    application = workflow.application_send_to_local(
        application=application_factory(), actor=caseworker
    )
    members = list(application.family.members.all())
    rows = {"rows-TOTAL_FORMS": len(members), "rows-INITIAL_FORMS": len(members)}
    for n, member in enumerate(members):
        rows[f"rows-{n}-person"] = member.person_id
    login(client, local_member)
    response = client.post(
        reverse("workflow:survey", args=[application.pk]),
        {"action": "act", "surveyed_on": "", "place": "", "number": "", **rows},
    )
    assert response.status_code == 200
    _heading, links = summary(response)
    targets = [target for target, _text in links]
    assert "id_surveyed_on" in targets and "id_place" in targets
    assert "id_number" in targets  # the conclusion's, on the same page
