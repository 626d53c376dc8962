"""benefits models, one module per subject; import them all here so Django finds them."""

from .awards import Award, Recovery, Repayment, ScheduledPayment, Termination
from .budgets import Budget, BudgetOverride
from .education import EducationCase, EducationYear
from .memorial import LumpSumPayment, MemorialList, MemorialListRow
from .payments import PaymentList, PaymentListItem

__all__ = ["Award", "Recovery", "Repayment", "ScheduledPayment", "Termination"]
__all__ += ["Budget", "BudgetOverride", "PaymentList", "PaymentListItem"]
__all__ += ["EducationCase", "EducationYear"]
__all__ += ["LumpSumPayment", "MemorialList", "MemorialListRow"]
