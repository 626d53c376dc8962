from zhanakorgan_aid.exceptions import RuleViolation


class ReferenceDataMissing(RuleViolation):
    """An MRP, subsistence minimum or category rule is not entered for the date in question."""
