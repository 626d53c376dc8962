"""`manage.py recompute_terms`: count again the terms of every open application on the current
calendar, and the per-capita income of those awaiting a decision (applications.services.terms).
Saving a calendar override does this by itself; the command is for a calendar changed outside
the admin (a new release of the holidays package) or for a check."""

import time

from django.core.management.base import BaseCommand

from ...services.terms import terms_recompute


class Command(BaseCommand):
    # An operator's tool: its output is not in the users' catalogues.
    help = "Пересчитать сроки открытых заявлений по календарю и среднедушевой доход (п. 18–25, 22)."

    def handle(self, *args, **options):
        started = time.monotonic()
        result = terms_recompute()
        self.stdout.write(
            f"Открытых заявлений: {result.applications}; изменено сроков шага: "
            f"{result.due_dates}, сроков решения: {result.decision_dues}, сроков уведомления: "
            f"{result.notice_dues}, среднедушевых доходов: {result.incomes} "
            f"({time.monotonic() - started:.1f} с)"
        )
