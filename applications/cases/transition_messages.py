"""What the system says of an application's move (p16–p25), kept as a code with parameters and
put into words only when shown, in the reader's language (issue 20, item 7).

MESSAGES is the one registry: a code, the gettext_lazy template with named parameters, and
which parameters are money (shown as «20 000,00 ₸») and which are dates (shown as d.m.Y). A
service records `said(CODE, **params)`; the history shows `render(code, params)`. A user's
own words stay in the transition's comment, untranslated.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.dateformat import format as format_date
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhanakorgan_aid.templatetags.aid import format_money

REGISTERED = "registered"
SENT_TO_LOCAL = "sent_to_local"
SURVEYED = "surveyed"
SURVEY_REFUSED = "survey_refused"
FORWARDED_TO_AUTHORITY = "forwarded_to_authority"
PER_CAPITA_INCOME = "per_capita_income"
SPECIAL_NEED = "special_need"
SPECIAL_NO_NEED = "special_no_need"
DOCUMENTS_REQUESTED = "documents_requested"
DECISION_GRANTED = "decision_granted"
DECISION_REFUSED = "decision_refused"
NOTIFIED = "notified"
FAMILY_CHANGED = "family_changed"
EDUCATION_REFUSED_INCOME = "education_refused_income"


@dataclass(frozen=True)
class Message:
    text: Promise
    plain: tuple[str, ...] = ()  # shown as they are (a quarter, a year)
    money: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()

    @property
    def params(self) -> set[str]:
        return {*self.plain, *self.money, *self.dates}


MESSAGES: dict[str, Message] = {
    REGISTERED: Message(_("Заявление зарегистрировано")),
    SENT_TO_LOCAL: Message(_("Документы направлены в участковую комиссию")),
    SURVEYED: Message(_("Акт обследования и заключение участковой комиссии составлены")),
    SURVEY_REFUSED: Message(_("Заявитель отказался от обследования")),
    FORWARDED_TO_AUTHORITY: Message(_("Акт и заключение направлены в уполномоченный орган")),
    PER_CAPITA_INCOME: Message(
        _("Среднедушевой доход за %(quarter)s кв. %(year)s г.: %(income)s"),
        plain=("quarter", "year"),
        money=("income",),
    ),
    SPECIAL_NEED: Message(_("Заключение: нуждается, размер %(amount)s"), money=("amount",)),
    SPECIAL_NO_NEED: Message(_("Заключение: не нуждается")),
    DOCUMENTS_REQUESTED: Message(
        _("Документы запрошены (п. 20, 21), срок решения — %(decision_due)s"),
        dates=("decision_due",),
    ),
    DECISION_GRANTED: Message(_("Решение: оказать социальную помощь")),
    DECISION_REFUSED: Message(_("Решение: отказать в оказании социальной помощи")),
    NOTIFIED: Message(_("Уведомление о решении направлено заявителю")),
    EDUCATION_REFUSED_INCOME: Message(
        _(
            "Решение: отказать — среднедушевой доход семьи %(income)s выше порога %(threshold)s "
            "(%(factor)s × прожиточный минимум %(minimum)s): п. 8, п. 26 пп. 3"
        ),
        plain=("factor",),
        money=("income", "threshold", "minimum"),
    ),
    FAMILY_CHANGED: Message(
        _("Сведения семьи № %(family)s изменены после обследования (изменений: %(count)s)"),
        plain=("family", "count"),
    ),
}


@dataclass(frozen=True)
class Said:
    """A code of MESSAGES with its parameters as they are stored (JSON)."""

    code: str
    params: dict


def said(code: str, **params) -> Said:
    """The message `code` with its parameters, checked against the registry and made storable:
    money as a string of tenge with 2 places, dates as ISO dates."""
    message = MESSAGES[code]
    if set(params) != message.params:
        raise ValueError(f"{code} takes {sorted(message.params)}, not {sorted(params)}")
    return Said(code, {name: _stored(value) for name, value in params.items()})


def _stored(value):
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def render(code: str, params: dict) -> str:
    """The message in the active language, money and dates formatted; "" for no (or an
    unknown) code."""
    message = MESSAGES.get(code)
    if message is None:
        return ""
    shown = {name: str(params.get(name, "")) for name in message.plain}
    shown |= {name: format_money(params.get(name)) for name in message.money}
    shown |= {name: _date(params.get(name)) for name in message.dates}
    return str(message.text) % shown


def _date(value) -> str:
    try:
        return format_date(datetime.date.fromisoformat(value), "d.m.Y")
    except (TypeError, ValueError):
        return ""
