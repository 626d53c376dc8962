"""The special commission's conclusion on need and the amount, within the category's cap at
the MRP in force (p7, p14, p23, p30)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.cases.models import Application
from zhanakorgan_aid.templatetags.aid import format_money

from .. import selectors
from ..caps import Cap, category_cap
from ..exceptions import AlreadyRecorded, AmountOverCap, CommissionError, NotAtThisStage
from ..models import IssuedDocument, SpecialConclusion
from .documents import documents_issue

CENT = Decimal("0.01")


def check_amount(*, application: Application, amount: Decimal | None, cap: Cap) -> Decimal:
    """A positive conclusion states an amount, and not above the cap (p14, p7)."""
    if amount is None or amount <= 0:
        raise CommissionError(_("При положительном заключении укажите размер помощи больше нуля."))
    amount = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount > cap.amount:
        raise AmountOverCap(
            _(
                "Размер помощи %(amount)s превышает предельный размер для категории «%(c)s»: "
                "%(cap)s."
            )
            % {
                "amount": format_money(amount),
                "c": application.category.name_ru,
                "cap": cap.describe(),
            }
        )
    return amount


def check_at_special_commission(application: Application) -> None:
    if application.status != Application.Status.AT_SPECIAL_COMMISSION:
        raise NotAtThisStage(
            _("Заявление № %(n)s не направлено в специальную комиссию (статус: %(s)s).")
            % {"n": application.number, "s": application.get_status_display()}
        )
    if selectors.related_or_none(application, "special_conclusion") is not None:
        raise AlreadyRecorded(
            _("Заключение специальной комиссии по заявлению № %(n)s уже вынесено.")
            % {"n": application.number}
        )


# A conclusion that there is no need carries no amount (p23): one typed with it is refused, not
# kept without it.
AMOUNT_WITHOUT_NEED = gettext_lazy(
    "При заключении об отсутствии необходимости размер помощи не указывается (п. 23): "
    "очистите поле или выберите «необходимость»."
)


@transaction.atomic
def special_conclusion_record(
    *, application: Application, actor, need: bool, amount: Decimal | None
) -> SpecialConclusion:
    """Conclude on need and, when positive, the amount within the cap at the MRP in force on
    the conclusion date (p23, p30); the conclusion is issued (the workflow moves the
    application on)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    check_at_special_commission(application)
    if not need and amount is not None:
        raise CommissionError(AMOUNT_WITHOUT_NEED)
    today = timezone.localdate()
    cap = category_cap(
        category=application.category, members=selectors.members_count(application), on=today
    )
    conclusion = SpecialConclusion.objects.create(
        application=application,
        concluded_on=today,
        need=need,
        amount=check_amount(application=application, amount=amount, cap=cap) if need else None,
        mrp_value=cap.mrp_value,
        cap_mrp=cap.mrp_multiple,
        cap_amount=cap.amount,
        recorded_by=actor,
    )
    documents_issue(
        application=application, kinds=[IssuedDocument.Kind.SPECIAL_CONCLUSION], actor=actor
    )
    return conclusion
