"""What each printed document shows, in Russian or Kazakh: the context of its template.

The printed forms are legal texts in two languages at once (a Kazakh copy and a Russian copy
of the same annex), so each language has its own template under templates/documents/<lang>/
and the few labels taken from the records (relation, kind of income, housing) are given here
in both languages rather than through the interface's catalogue."""

from django.utils import timezone, translation

from applications.cases.models import Application, Family, FamilyMember, Income

from . import selectors
from .caps import category_cap
from .exceptions import DocumentNotAvailable
from .models import IssuedDocument, SurveyAct

KINDS = (
    IssuedDocument.Kind.ACT,
    IssuedDocument.Kind.LOCAL_CONCLUSION,
    IssuedDocument.Kind.FAMILY,
    IssuedDocument.Kind.SPECIAL_CONCLUSION,
    IssuedDocument.Kind.NOTICE,
)
LANGS = ("ru", "kk")

AUTHORITY = {
    "ru": "КГУ «Отдел занятости, социальных программ и регистрации актов гражданского "
    "состояния Жанакорганского района»",
    "kk": "«Жаңақорған ауданының жұмыспен қамту, әлеуметтік бағдарламалар және азаматтық "
    "хал актілерін тіркеу бөлімі» КММ",
}
RELATION_KK = {
    "applicant": "өтініш беруші",
    "spouse": "жұбайы",
    "son": "ұлы",
    "daughter": "қызы",
    "father": "әкесі",
    "mother": "анасы",
    "brother": "ағасы (інісі)",
    "sister": "әпкесі (сіңлісі)",
    "grandchild": "немересі",
    "grandparent": "атасы (әжесі)",
    "other": "өзге туыстығы",
}
INCOME_KK = {
    "wages": "жалақы",
    "pension": "зейнетақы",
    "allowance": "жәрдемақы",
    "entrepreneurship": "кәсіпкерлік қызмет",
    "farm": "жеке қосалқы шаруашылық",
    "alimony": "алимент",
    "other": "өзге табыстар",
}
HOUSING_KK = {
    "dormitory": "жатақхана",
    "rented": "жалға алынған тұрғын үй",
    "privatized": "жекешелендірілген тұрғын үй",
    "service": "қызметтік тұрғын үй",
    "cooperative": "тұрғын үй кооперативі",
    "house": "жеке тұрғын үй",
    "other": "өзге",
}
# p26: grounds of a refusal, as the notice states them.
REFUSAL_GROUNDS = {
    "1": {
        "ru": "выявление недостоверных сведений, представленных заявителем",
        "kk": "өтініш беруші ұсынған дәйексіз мәліметтердің анықталуы",
    },
    "2": {
        "ru": "отказ, уклонение заявителя от проведения обследования материального положения "
        "гражданина (семьи)",
        "kk": "өтініш берушінің азаматтың (отбасының) материалдық жағдайына тексеру жүргізуден "
        "бас тартуы, жалтаруы",
    },
    "3": {
        "ru": "превышение размера среднедушевого дохода гражданина (семьи) установленного "
        "Жанакорганским районным маслихатом порога для оказания социальной помощи",
        "kk": "азаматтың (отбасының) жан басына шаққандағы орташа табысы мөлшерінің Жаңақорған "
        "аудандық мәслихаты белгілеген әлеуметтік көмек көрсету шегінен асуы",
    },
}


def label(choices, value: str, lang: str, kk_labels: dict) -> str:
    if lang == "kk":
        return kk_labels.get(value, value)
    with translation.override("ru"):
        return str(dict(choices).get(value, value))


def relation_label(value: str, lang: str) -> str:
    return label(FamilyMember.Relation.choices, value, lang, RELATION_KK)


def template_name(kind: str, lang: str) -> str:
    return f"documents/{lang}/{kind}.html"


def common_context(application: Application, lang: str, draft: bool) -> dict:
    return {
        "application": application,
        "applicant": application.applicant,
        "family": application.family,
        "okrug_name": application.okrug.name_kk if lang == "kk" else application.okrug.name_ru,
        "okrug_genitive": application.okrug.genitive(lang),
        "category_name": (
            application.category.name_kk if lang == "kk" else application.category.name_ru
        ),
        "authority": AUTHORITY[lang],
        "lang": lang,
        "draft": draft,
        "today": timezone.localdate(),
    }


def act_rows(application: Application, act: SurveyAct | None, lang: str) -> list[dict]:
    rows = (
        list(act.rows.values())
        if act is not None and act.pk
        else selectors.survey_rows_initial(application)
    )
    for row in rows:
        row["relation_label"] = relation_label(row["relation"], lang)
    return rows


def act_incomes(application: Application, act: SurveyAct | None, lang: str) -> dict:
    """The incomes table: frozen in the act once recorded, from the records for a draft."""
    if act is not None and act.pk:
        rows, total, monthly = act.incomes, act.income_total, act.income_monthly
        year, quarter = act.income_year, act.income_quarter
    else:
        summary = selectors.family_incomes(application=application)
        rows = [vars(r) for r in summary.rows]
        total, monthly, year, quarter = (
            summary.total,
            summary.monthly,
            summary.year,
            summary.quarter,
        )
    rows = [
        {**row, "kind_label": label(Income.Kind.choices, row["kind"], lang, INCOME_KK)}
        for row in rows
    ]
    return {"rows": rows, "total": total, "monthly": monthly, "year": year, "quarter": quarter}


def act_context(application: Application, lang: str) -> dict:
    act = selectors.survey_act_of(application)
    if act is None:
        act = SurveyAct(
            application=application,
            **selectors.survey_initial(application=application, on=timezone.localdate()),
        )
    housing = label(Family.Housing.choices, act.housing, lang, HOUSING_KK) if act.housing else ""
    return {
        "act": act,
        "rows": act_rows(application, act, lang),
        "incomes": act_incomes(application, act, lang),
        "housing_label": housing,
        "applicant_name": act.applicant_name or application.applicant.full_name,
    }


def local_conclusion_context(application: Application, lang: str) -> dict:
    act = selectors.survey_act_of(application)
    chair, others = selectors.commission_names(application)
    return {
        "conclusion": selectors.related_or_none(application, "local_conclusion"),
        "chair_name": act.chair_name if act else chair,
        "member_names": act.member_name_list if act else others,
    }


def family_context(application: Application, lang: str) -> dict:
    members = [
        {"person": m.person, "relation_label": relation_label(m.relation, lang)}
        for m in selectors.family_members(application)
    ]
    return {"members": members}


def special_conclusion_context(application: Application, lang: str) -> dict:
    conclusion = selectors.related_or_none(application, "special_conclusion")
    cap = None
    if conclusion is None:
        members = selectors.members_count(application)
        cap = category_cap(category=application.category, members=members, on=timezone.localdate())
    chair, others = selectors.special_commission_names()
    return {
        "conclusion": conclusion,
        "cap": cap,
        "special_chair": chair,
        "special_members": others,
    }


GROUND_SUBPARAGRAPH = {
    "false_information": "1",
    "survey_refused": "2",
    "income_above_threshold": "3",
}


def ground_code(ground: str) -> str:
    """The subparagraph of p26 that a decision's ground names."""
    return GROUND_SUBPARAGRAPH.get(ground or "", "")


def notice_context(application: Application, lang: str) -> dict:
    decision = selectors.related_or_none(application, "decision")
    if decision is None:
        raise DocumentNotAvailable(
            "Уведомление формируется после принятия решения уполномоченным органом (п. 25)."
        )
    code = ground_code(getattr(decision, "ground", ""))
    return {
        "decision": decision,
        "granted": decision.outcome == "granted",
        "ground_code": code,
        "ground_text": REFUSAL_GROUNDS.get(code, {}).get(lang, ""),
    }


BUILDERS = {
    IssuedDocument.Kind.ACT: act_context,
    IssuedDocument.Kind.LOCAL_CONCLUSION: local_conclusion_context,
    IssuedDocument.Kind.FAMILY: family_context,
    IssuedDocument.Kind.SPECIAL_CONCLUSION: special_conclusion_context,
    IssuedDocument.Kind.NOTICE: notice_context,
}


def document_context(*, application: Application, kind: str, lang: str, draft: bool) -> dict:
    """Everything the template of a document prints."""
    context = common_context(application, lang, draft)
    context.update(BUILDERS[kind](application, lang))
    return context
