#!/usr/bin/env python
"""How fast the printed documents render (issue 4, "Speed").

Prints, for each document in Russian and Kazakh, the warm render time (template + queries +
WeasyPrint), then pages per second for a batch of acts; beside each, WeasyPrint rendering the
same HTML as a static page in the same process (the baseline), and the ratio of the two.

    .venv/bin/python bench/bench_pdf.py           # 10 warm runs per document, 100 acts
    .venv/bin/python bench/bench_pdf.py --quick   # 2 runs, 10 acts (CI)

It builds its own throwaway database (the test settings; SQLite in memory unless
DATABASE_URL is set) and walks one application through the real services.
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import time_machine
from pypdf import PdfReader
from weasyprint import HTML

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

# The test settings (unless the environment names others): a throwaway test database.
common.setup_django(os.environ.get("DJANGO_SETTINGS_MODULE", "zhanakorgan_aid.settings.test"))

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from applications.cases.services import intake  # noqa: E402
from applications.reference.models import Category, Okrug  # noqa: E402
from applications.reference.testdata import iin_sequence  # noqa: E402
from applications.workflow.services import steps as workflow  # noqa: E402
from applications.workflow.services.commissions import (  # noqa: E402
    application_local_conclusion_record,
    application_special_conclusion_record,
)
from commissions.documents import KINDS, LANGS, document_context, template_name  # noqa: E402
from commissions.models import Commission, CommissionMember  # noqa: E402
from commissions.pdf import render_pdf, stylesheets, url_fetcher  # noqa: E402
from commissions.services.survey import survey_act_record  # noqa: E402
from zhanakorgan_aid import roles  # noqa: E402

TARGET_ACT_MS = 250


@dataclass
class Timing:
    name: str
    ours_ms: float
    baseline_ms: float
    pages: int
    ours_cpu_ms: float = 0.0

    @property
    def ratio(self) -> float:
        return self.ours_ms / self.baseline_ms if self.baseline_ms else 0.0


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def median_ms(fn, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of warm runs. CPU time is printed too because
    on a shared machine the wall clock also counts the time other processes hold the CPU."""
    fn()  # warm: templates compiled, fonts loaded, query plans cached
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def static_render(html: str):
    """The baseline: WeasyPrint alone on the finished HTML of the same page (same size, same
    fonts and stylesheet), without templates or queries."""
    sheets, config = stylesheets()
    fetcher = url_fetcher()
    return lambda: HTML(string=html, base_url=".", url_fetcher=fetcher).write_pdf(
        stylesheets=sheets, font_config=config
    )


def measure_document(application, kind: str, lang: str, runs: int) -> Timing:
    def ours():
        context = document_context(application=application, kind=kind, lang=lang, draft=True)
        return render_pdf(template_name(kind, lang), context)

    context = document_context(application=application, kind=kind, lang=lang, draft=True)
    html = render_to_string(template_name(kind, lang), context)
    wall, cpu = median_ms(ours, runs)
    baseline, _cpu = median_ms(static_render(html), runs)
    return Timing(f"{kind} ({lang})", wall, baseline, page_count(ours()), cpu)


def measure_batch(application, count: int) -> tuple[float, float, int]:
    """Pages per second for `count` acts rendered one after another, ours and the baseline."""
    name = template_name("act", "ru")
    pages = page_count(
        render_pdf(
            name, document_context(application=application, kind="act", lang="ru", draft=False)
        )
    )
    start = time.perf_counter()
    for _ in range(count):
        render_pdf(
            name, document_context(application=application, kind="act", lang="ru", draft=False)
        )
    ours = time.perf_counter() - start
    html = render_to_string(
        name, document_context(application=application, kind="act", lang="ru", draft=False)
    )
    static = static_render(html)
    start = time.perf_counter()
    for _ in range(count):
        static()
    baseline = time.perf_counter() - start
    return pages * count / ours, pages * count / baseline, pages


def measure(*, application, runs: int, batch: int, out=sys.stdout) -> list[Timing]:
    """Measure every document of an application that has reached a decision; print a table."""
    timings = [measure_document(application, kind, lang, runs) for kind in KINDS for lang in LANGS]
    header = f"{'document':<28}{'pages':>6}{'warm ms':>10}{'cpu ms':>9}{'baseline ms':>13}"
    print(f"{header}{'ratio':>8}", file=out)
    for t in timings:
        print(
            f"{t.name:<28}{t.pages:>6}{t.ours_ms:>10.1f}{t.ours_cpu_ms:>9.1f}"
            f"{t.baseline_ms:>13.1f}{t.ratio:>8.2f}",
            file=out,
        )
    ours, baseline, pages = measure_batch(application, batch)
    print(
        f"batch of {batch} acts ({pages} pages each): {ours:.1f} pages/s; "
        f"baseline {baseline:.1f} pages/s; ratio {baseline / ours:.2f}",
        file=out,
    )
    act = next(t for t in timings if t.name == "act (ru)")
    verdict = "met" if act.ours_ms < TARGET_ACT_MS else "NOT met"
    print(
        f"warm act {act.ours_ms:.0f} ms (CPU {act.ours_cpu_ms:.0f} ms, load average "
        f"{os.getloadavg()[0]:.1f}) — target {TARGET_ACT_MS} ms {verdict}",
        file=out,
    )
    return timings


def decided_application():
    """One family of five walked through the real services up to a decision (refused on p26(1),
    so that every document, the notice included, can be printed)."""
    okrug = Okrug.objects.get(kato="434030000")
    local = Commission.objects.create(kind="local", okrug=okrug, name="УК Жанакорган")
    special = Commission.objects.create(kind="special", name="Специальная комиссия")
    caseworker = staff_member("caseworker", roles.CASEWORKER, okrug)
    member = staff_member("local", roles.LOCAL_COMMISSION, okrug, seat=local)
    chair = staff_member("special", roles.SPECIAL_COMMISSION, okrug, seat=special)
    family = family_of_five(okrug)
    application = intake.application_register(
        family=family,
        category=Category.objects.get(code="hardship-low-income"),
        actor=caseworker,
        situation="Доход семьи ниже прожиточного минимума",
    )
    workflow.application_send_to_local(application=application, actor=caseworker)
    local_commission_concludes(application, member=member)
    workflow.application_send_to_special(application=application, actor=caseworker)
    application_special_conclusion_record(
        application=application, actor=chair, need=True, amount=Decimal("20000")
    )
    workflow.application_decide(
        application=application, actor=caseworker, grant=False, ground="false_information"
    )
    application.refresh_from_db()
    return application


def staff_member(name: str, role: str, okrug, seat: Commission | None = None):
    """A user of the okrug in the role's group, the chair of `seat` when given."""
    user = get_user_model().objects.create_user(
        username=name, password="bench-only-Passw0rd", okrug=okrug, first_name=name.title()
    )
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    if seat:
        CommissionMember.objects.create(commission=seat, user=user, role="chair")
    return user


# The family: birth date, sex, surname, name and relation to the applicant (the first); the
# incomes of the quarter before the application's (p22): whose, what kind, how much.
MEMBERS = [
    (datetime.date(1980, 2, 3), "M", "Қаһарманов", "Әбдіғаппар", "applicant"),
    (datetime.date(1983, 5, 6), "F", "Үсенова", "Ұлжан", "spouse"),
    (datetime.date(2008, 7, 8), "M", "Қаһарманов", "Ерасың", "son"),
    (datetime.date(2012, 9, 10), "F", "Қаһарманова", "Гүлнұр", "daughter"),
    (datetime.date(1944, 1, 1), "F", "Өтегенова", "Күлпаш", "mother"),
]
INCOMES = [(0, "wages", "240000"), (1, "allowance", "45000"), (4, "pension", "210000")]


def family_of_five(okrug):
    """The family of MEMBERS registered through intake, with its INCOMES of 2025's 4th quarter."""
    people = [
        intake.person_create(
            iin=next(iin_sequence(born, sex, start=n * 7)), surname=surname, name=name
        )
        for n, (born, sex, surname, name, _relation) in enumerate(MEMBERS, start=1)
    ]
    return intake.family_create(
        applicant=people[0],
        okrug=okrug,
        address="Жаңақорған ауылы, Абай көшесі, 12",
        members=[
            intake.MemberData(person=person, relation=member[4])
            for person, member in zip(people[1:], MEMBERS[1:], strict=True)
        ],
        incomes=[
            intake.IncomeData(
                person=people[n], kind=kind, year=2025, quarter=4, amount=Decimal(amount)
            )
            for n, kind, amount in INCOMES
        ],
    )


def local_commission_concludes(application, *, member) -> None:
    """The survey act and the local commission's conclusion of need (annexes 1, 2; p19)."""
    survey_act_record(
        application=application,
        actor=member,
        surveyed_on=datetime.date.today(),
        place="с. Жанакорган",
        address=application.family.address,
        chair_name="Local",
    )
    application_local_conclusion_record(
        application=application,
        actor=member,
        need=True,
        number="1",
        concluded_on=datetime.date.today(),
        documents_count=4,
        received_by="специалист",
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 runs per document, 10 acts")
    args = parser.parse_args(argv)
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("loaddata", "reference", verbosity=0)
        with time_machine.travel(datetime.datetime(2026, 3, 10, 5, 0, tzinfo=datetime.UTC)):
            application = decided_application()
            measure(
                application=application,
                runs=2 if args.quick else 10,
                batch=10 if args.quick else 100,
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
