"""benefits models, one module per subject; import them all here so Django finds them."""

from .awards import Award, Recovery, Repayment, ScheduledPayment, Termination
from .budgets import Budget, BudgetOverride
from .education import Degree, EducationCap, EducationCase, EducationYear
from .memorial import LumpSumPayment, MemorialList, MemorialListRow
from .payments import PaymentList, PaymentListItem
from .reference import MRP, Category, CategoryRule, SubsistenceMinimum

__all__ = ["MRP", "Category", "CategoryRule", "SubsistenceMinimum"]
__all__ += ["Award", "Recovery", "Repayment", "ScheduledPayment", "Termination"]
__all__ += ["Budget", "BudgetOverride", "PaymentList", "PaymentListItem"]
__all__ += ["Degree", "EducationCap", "EducationCase", "EducationYear"]
__all__ += ["LumpSumPayment", "MemorialList", "MemorialListRow"]
