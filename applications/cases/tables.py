"""The application list's table, declared once: a column a line, its header and how it sorts."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zhanakorgan_aid.display import labels_of
from zhanakorgan_aid.tables import Column, Table, day

from .models import Application, masked_iin


class ApplicationTable(Table):
    """Applications as the list shows them (rows as selectors.application_rows reads them):
    sortable by number, registration, applicant, okrug, category, status and term (`sort` as
    selectors.SORTS names them); the IIN masked for those who need no more of it
    (access.sees_full_iin); an overdue row marked by its class and by words beside its term,
    not by colour alone."""

    number = Column(_("Номер"), linkify=lambda row: row["url"])
    registered = Column(_("Дата регистрации"), accessor="registered_at")
    applicant = Column(_("Заявитель"))
    iin = Column(_("ИИН"), orderable=False)
    okrug = Column(_("Округ"))
    category = Column(_("Категория"), accessor="paragraph")
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

    def render_due(self, value, record) -> str:
        if record["overdue"]:
            return format_html('{} <span class="late">{}</span>', day(value), _("просрочено"))
        return day(value)

    def row_class(self, record) -> str:
        return "overdue" if record["overdue"] else ""

    def render_status(self, value) -> str:
        return labels_of(Application._meta.get_field("status")).get(value, value)
