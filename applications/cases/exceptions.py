from zhanakorgan_aid.exceptions import RuleViolation


class ApplicationError(RuleViolation):
    """Base of the application errors; str(error) is a message for the user."""


class TransitionNotAllowed(ApplicationError):
    pass


class DeadlinePassed(ApplicationError):
    pass


class AccessDenied(ApplicationError):
    pass
