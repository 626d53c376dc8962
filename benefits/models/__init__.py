"""benefits models, one module per subject; import them all here so Django finds them."""

from .reference import MRP, Category, CategoryRule, SubsistenceMinimum

__all__ = ["MRP", "Category", "CategoryRule", "SubsistenceMinimum"]
