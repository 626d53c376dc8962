"""Typed errors of the commissions; str(error) is a message for the user, in Russian."""

from zhanakorgan_aid.exceptions import RuleViolation


class CommissionError(RuleViolation):
    """Base of the commission errors."""


class NotAtThisStage(CommissionError):
    """The application is not where this step belongs (p18–p23)."""


class AlreadyRecorded(CommissionError):
    """The act or the conclusion for this application is already recorded."""


class AmountOverCap(CommissionError):
    """The special commission's amount exceeds the category's cap (p7, p14)."""


class DocumentNotAvailable(CommissionError):
    """The document cannot be made yet: what it prints has not been recorded."""
