class BenefitsError(Exception):
    """Base of the benefits errors; the message is for the user."""


class ReferenceDataMissing(BenefitsError):
    """An MRP, subsistence minimum or category rule is not entered for the date in question."""
