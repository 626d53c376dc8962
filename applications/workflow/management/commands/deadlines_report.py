"""Daily cron: print the applications whose current step is overdue and mail each responsible
user the list of their own (DESIGN.md, the terms of p18–p25)."""

from collections import defaultdict

from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from ... import queues


class Command(BaseCommand):
    help = (
        "Print overdue applications (number, due date, working days late, step, okrug) "
        "and mail the responsible users."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        overdue = list(queues.overdue_applications(on=today))
        if not overdue:
            self.stdout.write(f"Просроченных заявлений нет на {today:%d.%m.%Y}.")
            return
        responsible = queues.responsible_users(overdue)
        per_user: dict = defaultdict(list)
        for application in overdue:
            line = self.line(application, today)
            users = responsible[application.pk]
            names = ", ".join(str(u) for u in users) or "—"
            self.stdout.write(f"{line}\t{names}")
            for user in users:
                per_user[user].append(line)
        sent = sum(self.mail(user, lines, today) for user, lines in per_user.items())
        self.stdout.write(f"Просрочено: {len(overdue)}; писем отправлено: {sent}.")

    def line(self, application, today) -> str:
        row = queues.row_for(application, today)
        return (
            f"{application.number}\t{row.due:%d.%m.%Y}\t{row.days_late}\t"
            f"{application.get_status_display()}\t{application.okrug.name_ru}"
        )

    def mail(self, user, lines: list[str], today) -> int:
        if not user.email:
            return 0
        body = (
            f"На {today:%d.%m.%Y} просрочены сроки по заявлениям, ожидающим ваших действий.\n"
            "Номер, срок, рабочих дней просрочки, шаг, округ:\n\n" + "\n".join(lines) + "\n"
        )
        return send_mail(f"Просроченные заявления: {len(lines)}", body, None, [user.email])
