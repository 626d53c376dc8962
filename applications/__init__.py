"""Applications for social assistance, in three layers (docs/architecture.md):

- reference — okrugs, banks, the working-day calendar, categories and their rules, MRP and the
  subsistence minimum, and `rules`, one function per paragraph of the Rules;
- cases — people, families, incomes, applications and decisions (Django app label
  "applications");
- workflow — the path of an application (p18–p25) orchestrating cases, commissions and
  benefits, and the pages that span them.
"""
