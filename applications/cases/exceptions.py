from zhanakorgan_aid.exceptions import RuleViolation


class ApplicationError(RuleViolation):
    """Base of the application errors; str(error) is a message for the user."""


class TransitionNotAllowed(ApplicationError):
    pass


class DeadlinePassed(ApplicationError):
    pass


class AccessDenied(ApplicationError):
    pass


class DuplicateAtIntake(ApplicationError):
    """What is being registered already exists: `existing` is the record the user is pointed
    to (a family or an application), linked beside the message."""

    def __init__(self, message: str, *, existing) -> None:
        super().__init__(message)
        self.existing = existing


class ApplicantHeadsAnotherFamily(DuplicateAtIntake):
    pass


class UndecidedApplicationExists(DuplicateAtIntake):
    pass


class AidGrantedThisYear(DuplicateAtIntake):
    pass


class AlreadySubmitted(DuplicateAtIntake):
    """The same intake form was posted again: its application is already registered."""
