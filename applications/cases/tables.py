"""The application list's table, declared once: a column a line, its header and how it sorts."""

from django.utils.translation import gettext_lazy as _

from zhanakorgan_aid.tables import Column, Table, day

from .models import masked_iin


class ApplicationTable(Table):
    """Applications as the list shows them: sortable by number, registration, applicant, okrug,
    status and term (`sort` as selectors.SORTS names them); the IIN masked for those who need
    no more of it (access.sees_full_iin)."""

    number = Column(_("Номер"), linkify=True)
    registered = Column(_("Дата регистрации"), accessor="registered_at")
    applicant = Column(_("Заявитель"), accessor="applicant__full_name")
    iin = Column(_("ИИН"), accessor="applicant__iin", orderable=False)
    okrug = Column(_("Округ"), accessor="okrug__name")
    category = Column(_("Категория"), accessor="category__paragraph", orderable=False)
    status = Column(_("Статус"))
    due = Column(_("Срок"), accessor="due_date", default="—")

    descending_first = frozenset({"registered"})

    def __init__(self, rows, *, full_iin: bool, **kwargs) -> None:
        super().__init__(rows, **kwargs)
        self.full_iin = full_iin

    def render_registered(self, value) -> str:
        return day(value)

    def render_iin(self, value) -> str:
        return value if self.full_iin else masked_iin(value)

    def render_category(self, value) -> str:
        return f"п. {value}"

    def render_due(self, value) -> str:
        return day(value)
