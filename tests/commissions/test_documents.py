"""The printed documents: what each says in Russian and Kazakh, drafts marked as such, and
issued copies kept byte for byte (p19, p23, p25; annexes 1–3)."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.urls import reverse
from weasyprint.formatting_structure.boxes import LineBox, TableCellBox, TextBox

from applications.cases.models import Income
from applications.cases.services import intake
from applications.reference.models import Okrug
from applications.workflow.services.steps import application_decide
from commissions.documents import document_context, template_name
from commissions.models import IssuedDocument
from commissions.pdf import render_document, render_pdf
from tests.conftest import login

from .conftest import embedded_fonts, pdf_text

KAZAKH_LETTERS = set("әғқңөұүһі")
TEMPLATE_KAZAKH = set("әғқңөұүі")  # Һ is rare in Kazakh words; the names below carry it


def get_pdf(client, application, kind, lang):
    response = client.get(reverse("commissions:document", args=[application.pk, kind, lang]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response


@pytest.fixture
def caseworker_client(client, caseworker):
    return login(client, caseworker)


EXPECTED = {
    # kind: (Russian words, Kazakh words, figures the same in both). The family of three:
    # the disaster cap is 3 × 40 MRP × 4 325 ₸ = 519 000 ₸ (p7.1).
    "act": (
        ["АКТ", "обследования", "Условия проживания", "Санитарно-эпидемиологические"],
        ["АКТІСІ", "Тұрғын үй жағдайы", "Отбасының табыстары"],
        [
            "10.03.2026",
            "255 000,00 ₸",
            "85 000,00 ₸",
            "315 000,00 ₸",
            "105 000,00 ₸",
            "35 000,00 ₸",
            "Үсенова Ұлжан",
            "Жаңақорған ауылы, Абай көшесі, 12",
        ],
    ),
    "local_conclusion": (
        ["Заключение участковой комиссии", "необходимости", "штук принято"],
        ["Учаскелік комиссияның", "қажеттілігі", "дана құжаттармен"],
        ["№ 17", "10.03.2026", "Сейтқали А., специалист"],
    ),
    "family": (
        ["Регистрационный номер семьи", "Сведения о составе семьи заявителя"],
        ["Отбасының тіркеу нөмірі", "Өтініш берушінің отбасы құрамы"],
        ["Үсенова Ұлжан", "1988", "2012"],
    ),
    "special_conclusion": (
        ["специальной комиссии", "Размер социальной помощи", "МРП"],
        ["арнаулы комиссияның", "Әлеуметтік көмектің мөлшері", "АЕК"],
        ["300 000,00 ₸", "10.03.2026", "519 000,00 ₸"],
    ),
    "notice": (
        ["УВЕДОМЛЕНИЕ", "об оказании социальной помощи в размере"],
        ["ХАБАРЛАМА", "мөлшерінде әлеуметтік көмек көрсетілсін"],
        ["300 000,00 ₸", "10.03.2026"],
    ),
}


def test_each_document_prints_the_case_in_russian_and_kazakh(caseworker_client, decided):
    # One decided case for all five documents: building it issues ten PDFs.
    applicant = decided.applicant
    for kind, (ru_words, kk_words, figures) in EXPECTED.items():
        for lang, words in (("ru", ru_words), ("kk", kk_words)):
            response = get_pdf(caseworker_client, decided, kind, lang)
            text = pdf_text(response.content)
            assert "Қаһарманов Әбдіғаппар Өтегенұлы" in text and applicant.iin in text, kind
            assert decided.number in text
            for expected in words:  # headings print in capitals
                assert expected.lower() in text.lower(), (kind, lang, expected)
            for expected in figures:
                assert expected in text, (kind, lang, expected)
            if lang == "kk":
                assert KAZAKH_LETTERS <= set(text.lower()), kind
            assert "DejaVu-Sans" in embedded_fonts(response.content)  # the font file is inside


def test_kazakh_text_is_kazakh_whatever_the_names(db, at_local):
    """A family with Russian names: the Kazakh letters come from the forms' own text."""
    application = at_local()
    for kind in ("act", "local_conclusion", "family"):
        text = pdf_text(
            render_pdf(
                template_name(kind, "kk"),
                document_context(application=application, kind=kind, lang="kk", draft=True),
            )
        )
        assert TEMPLATE_KAZAKH <= set(text.lower()), kind
        assert "Әлеуметтік көмек" in text


def test_family_form_carries_the_registration_number(caseworker_client, decided):
    text = pdf_text(get_pdf(caseworker_client, decided, "family", "ru").content)
    assert f"Регистрационный номер семьи {decided.family.reg_number}" in text
    for member in decided.family.members.select_related("person"):
        assert member.person.iin in text


def test_issued_copy_does_not_change_when_the_records_change(
    caseworker_client, surveyed, kazakh_family
):
    application = surveyed(family=kazakh_family)
    issued = IssuedDocument.objects.get(application=application, kind="act", lang="ru")
    before = bytes(issued.pdf)
    assert issued.sha256 == hashlib.sha256(before).hexdigest() and issued.size == len(before)
    # The family's records change after the act was signed.
    applicant = application.applicant
    applicant.surname = "Жаңаев"
    applicant.save()
    family = application.family
    family.address = "Шалқия кенті, 1"
    family.save()
    Income.objects.filter(member__family=family).update(amount=Decimal("999999"))
    for kind in ("act", "local_conclusion", "family"):
        response = get_pdf(caseworker_client, application, kind, "ru")
        stored = IssuedDocument.objects.get(application=application, kind=kind, lang="ru")
        assert response.content == bytes(stored.pdf)
        assert response["X-Document-SHA256"] == hashlib.sha256(response.content).hexdigest()
    text = pdf_text(get_pdf(caseworker_client, application, "act", "ru").content)
    assert response and "Қаһарманов" in text and "315 000,00 ₸" in text and "Жаңаев" not in text
    assert get_pdf(caseworker_client, application, "act", "ru").content == before
    # A new issue returns the kept copy rather than a fresh rendering.
    from commissions.services.documents import documents_issue

    again = documents_issue(application=application, kinds=["act"], actor=issued.issued_by)
    assert bytes(again[0].pdf) == before and again[0].pk == issued.pk


def test_draft_is_marked_and_not_kept(caseworker_client, at_local):
    application = at_local()
    ru = pdf_text(get_pdf(caseworker_client, application, "act", "ru").content)
    kk = pdf_text(get_pdf(caseworker_client, application, "act", "kk").content)
    assert "ПРОЕКТ" in ru and "ЖОБА" in kk
    assert "Ахметов Айдар" in ru  # pre-filled from the records
    assert not IssuedDocument.objects.filter(application=application).exists()


def test_special_conclusion_draft_shows_the_cap(caseworker_client, at_special):
    application = at_special(code="hardship-low-income")
    text = pdf_text(get_pdf(caseworker_client, application, "special_conclusion", "ru").content)
    assert "ПРОЕКТ" in text and "43 250,00 ₸ (10 МРП × 4 325,00 ₸)" in text


def test_notice_waits_for_the_decision(caseworker_client, at_special):
    application = at_special()
    response = caseworker_client.get(
        reverse("commissions:document", args=[application.pk, "notice", "ru"]), follow=True
    )
    assert "Уведомление формируется после принятия решения" in response.content.decode()


def test_notice_of_a_refusal_states_the_ground(
    caseworker_client, caseworker, at_local, local_member
):
    from applications.workflow.services.commissions import application_survey_refusal_record

    application = at_local()
    application_survey_refusal_record(
        application=application,
        actor=local_member,
        refused_on=application.registered_on,
        signed_by="Ахметов Айдар",
    )
    application_decide(
        application=application, actor=caseworker, grant=False, ground="survey_refused"
    )
    url = reverse("commissions:document", args=[application.pk, "notice", "ru"])
    response = caseworker_client.post(url, follow=True)
    assert "Уведомление о решении выдано" in response.content.decode()
    assert IssuedDocument.objects.filter(application=application, kind="notice").count() == 2
    ru = pdf_text(get_pdf(caseworker_client, application, "notice", "ru").content)
    kk = pdf_text(get_pdf(caseworker_client, application, "notice", "kk").content)
    assert "об отказе в оказании социальной помощи" in ru
    assert (
        "подпункт 2) пункта 26 Правил — отказ, уклонение заявителя от проведения обследования" in ru
    )
    assert "26-тармағының 2) тармақшасы" in kk and "бас тартылсын" in kk
    act = pdf_text(get_pdf(caseworker_client, application, "act", "ru").content)
    assert "От проведения обследования отказываюсь Ахметов Айдар" in act


def test_unknown_kind_or_language_is_404(caseworker_client, at_local):
    application = at_local()
    for kind, lang in (("contract", "ru"), ("act", "en")):
        url = reverse("commissions:document", args=[application.pk, kind, lang])
        assert caseworker_client.get(url).status_code == 404


def test_application_page_lists_issued_copies_and_drafts_in_both_languages(
    caseworker_client, surveyed, kazakh_family
):
    """The documents table: an issued act links its kept copy with the day and the beginning
    of its hash; what is not issued yet links a draft."""
    application = surveyed(family=kazakh_family)
    act = IssuedDocument.objects.get(application=application, kind="act", lang="kk")
    body = caseworker_client.get(application.get_absolute_url()).content.decode()
    table = body.split('<table class="documents">')[1].split("</table>")[0]
    act_row = table.split(f"<td>{IssuedDocument.Kind('act').label}</td>")[1].split("</tr>")[0]
    kk_url = reverse("commissions:document", args=[application.pk, "act", "kk"])
    assert (
        f'<a href="{kk_url}">выдан {act.issued_on:%d.%m.%Y}</a> '
        f'<small class="muted" title="SHA-256">{act.sha256[:12]}…</small>'
    ) in act_row
    notice_url = reverse("commissions:document", args=[application.pk, "notice", "ru"])
    assert f'<a href="{notice_url}" class="muted">проект</a>' in table


# Annex 1's last lines, as the Rules print them: the refusal is filled in only when the
# applicant refused the survey; otherwise its blanks stay for the pen.
REFUSAL = {
    "ru": (
        "От проведения обследования отказываюсь {who}Ф.И.О. и подпись заявителя (или одного "
        "из членов семьи), дата {day}(заполняется в случае отказа заявителя от проведения "
        "обследования)."
    ),
    "kk": (
        "Тексеру жүргізуден бас тартамын {who}өтініш берушінің (немесе отбасы мүшелерінің "
        "бірінің) тегі, аты, әкесінің аты және қолы, күні {day}(өтініш беруші тексеру "
        "жүргізуден бас тартқан жағдайда толтырылады)."
    ),
}


def act_text(application, lang: str) -> str:
    context = document_context(application=application, kind="act", lang=lang, draft=True)
    return pdf_text(render_pdf(template_name("act", lang), context))


def test_act_prints_the_refusal_line_blank_after_a_survey(db, surveyed):
    application = surveyed()
    for lang in ("ru", "kk"):
        assert REFUSAL[lang].format(who="", day="") in act_text(application, lang)


def test_act_prints_the_refusal_filled_in_when_the_survey_was_refused(db, at_local, local_member):
    from applications.workflow.services.commissions import application_survey_refusal_record

    application = at_local()
    application_survey_refusal_record(
        application=application,
        actor=local_member,
        refused_on=application.registered_on,
        signed_by="Ахметова Дана",
    )
    for lang in ("ru", "kk"):
        text = act_text(application, lang)
        assert REFUSAL[lang].format(who="Ахметова Дана ", day="10.03.2026 ") in text
    assert "С составленным актом ознакомлен (а): Ф.И.О. и подпись заявителя" in act_text(
        application, "ru"
    )


def date_cells(document):
    """The laid-out cells of the act's date-of-birth column, with the lines of each."""
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, TableCellBox) and "date" in (box.element.get("class") or ""):
                lines = [b for b in box.descendants() if isinstance(b, LineBox)]
                yield box, lines


def test_date_of_birth_fits_its_column_unbroken(db, okrug, person_factory, at_local):
    head = person_factory(datetime.date(1985, 3, 12))
    family = intake.family_create(applicant=head, okrug=okrug, address="с. Жанакорган")
    application = at_local(family=family)
    for lang in ("ru", "kk"):
        context = document_context(application=application, kind="act", lang=lang, draft=True)
        assert "Ахметов Айдар 12.03.1985" in pdf_text(
            render_pdf(template_name("act", lang), context)
        )
        (cell, lines), *_ = date_cells(render_document(template_name("act", lang), context))
        assert len(lines) == 1, lang  # not wrapped
        text = [b for b in lines[0].descendants() if isinstance(b, TextBox)]
        assert "".join(b.text for b in text) == "12.03.1985"
        assert sum(b.width for b in text) <= cell.width, lang  # not into the next column


def test_local_conclusion_names_the_commission_of_the_okrug_in_the_genitive(db, surveyed):
    application = surveyed()
    ru = pdf_text(
        render_pdf(
            template_name("local_conclusion", "ru"),
            document_context(
                application=application, kind="local_conclusion", lang="ru", draft=True
            ),
        )
    )
    kk = pdf_text(
        render_pdf(
            template_name("local_conclusion", "kk"),
            document_context(
                application=application, kind="local_conclusion", lang="kk", draft=True
            ),
        )
    )
    assert "Участковая комиссия Жанакорганского сельского округа в соответствии" in ru
    assert "Жанакорганский сельский округ" not in ru
    assert "Жаңақорған ауылдық округінің учаскелік комиссиясы Әлеуметтік көмек" in kk
    assert "әлеуметтік көмек көрсету үшін жүгінген отбасының (азаматтың) өтінішін" in kk


def test_the_genitive_is_the_administrators_to_correct(db, surveyed):
    application = surveyed()
    okrug = application.okrug
    okrug.name_ru_genitive = "Жанакорганского с/о"
    okrug.save()
    context = document_context(
        application=application, kind="local_conclusion", lang="ru", draft=True
    )
    text = pdf_text(render_pdf(template_name("local_conclusion", "ru"), context))
    assert "Участковая комиссия Жанакорганского с/о в соответствии" in text


def test_every_okrug_has_its_genitive_in_both_languages(db):
    okrugs = Okrug.objects.all()
    assert okrugs.count() == 26
    for okrug in okrugs:
        assert okrug.name_ru_genitive.endswith(("сельского округа",)) or (
            okrug.name_ru_genitive.startswith("сельского округа ")
        ), okrug.name_ru
        assert okrug.name_kk_genitive.endswith(("округінің", "округтің")), okrug.name_kk
    assert Okrug.objects.get(kato="434065000").name_kk_genitive == "Шалқия ауылдық округінің"
