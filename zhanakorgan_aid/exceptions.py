"""The root of the errors a rule of the Rules raises: str(error) is a message for the user, and a
view shows it on the same page with the user's input kept. Each layer derives its own
(ApplicationError, CommissionError, BenefitsError, ReferenceDataMissing)."""


class RuleViolation(Exception):
    """A rule of the Rules refuses what was asked; the message says why, for the user."""
