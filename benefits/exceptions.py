from zhanakorgan_aid.exceptions import RuleViolation


class BenefitsError(RuleViolation):
    """Base of the benefits errors; the message is for the user."""


class AmountAboveCap(BenefitsError):
    """The amount asked for exceeds the cap of the category's rule in force (p7, p8)."""


class AlreadyAwardedThisYear(BenefitsError):
    """A once-a-year programme already gave this family an award this year (p7(4))."""


class BudgetExceeded(BenefitsError):
    """The award would exceed what remains of the programme's budget for the year (p31)."""


class AwardNotActive(BenefitsError):
    """The award is terminated or completed and cannot change any more (p27)."""


class RepaymentTooLarge(BenefitsError):
    """A repayment larger than the balance of the recovery (p28)."""


class PaymentListError(BenefitsError):
    """A payment list cannot be built or moved on as asked (p29)."""
