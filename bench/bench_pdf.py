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

ROOT = Path(__file__).resolve().parent.parent
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
    from pypdf import PdfReader

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
    from weasyprint import HTML

    from commissions.pdf import stylesheets, url_fetcher

    sheets, config = stylesheets()
    fetcher = url_fetcher()
    return lambda: HTML(string=html, base_url=".", url_fetcher=fetcher).write_pdf(
        stylesheets=sheets, font_config=config
    )


def measure_document(application, kind: str, lang: str, runs: int) -> Timing:
    from django.template.loader import render_to_string

    from commissions.documents import document_context, template_name
    from commissions.pdf import render_pdf

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
    from django.template.loader import render_to_string

    from commissions.documents import document_context, template_name
    from commissions.pdf import render_pdf

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
    from commissions.documents import KINDS, LANGS

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
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from applications.cases.services import intake
    from applications.reference.models import Category, Okrug
    from applications.reference.testdata import iin_sequence
    from applications.workflow.services import steps as workflow
    from applications.workflow.services.commissions import (
        application_local_conclusion_record,
        application_special_conclusion_record,
    )
    from commissions.models import Commission, CommissionMember
    from commissions.services.survey import survey_act_record
    from zhanakorgan_aid import roles

    okrug = Okrug.objects.get(kato="434030000")
    User = get_user_model()

    def user(name, role, seat=None):
        u = User.objects.create_user(
            username=name, password="bench-only-Passw0rd", okrug=okrug, first_name=name.title()
        )
        u.groups.add(Group.objects.get_or_create(name=role)[0])
        if seat:
            CommissionMember.objects.create(commission=seat, user=u, role="chair")
        return u

    local = Commission.objects.create(kind="local", okrug=okrug, name="УК Жанакорган")
    special = Commission.objects.create(kind="special", name="Специальная комиссия")
    caseworker = user("caseworker", roles.CASEWORKER)
    member = user("local", roles.LOCAL_COMMISSION, local)
    chair = user("special", roles.SPECIAL_COMMISSION, special)
    people = [
        intake.person_create(
            iin=next(iin_sequence(born, sex, start=n * 7)), surname=surname, name=name
        )
        for n, (born, sex, surname, name) in enumerate(
            [
                (datetime.date(1980, 2, 3), "M", "Қаһарманов", "Әбдіғаппар"),
                (datetime.date(1983, 5, 6), "F", "Үсенова", "Ұлжан"),
                (datetime.date(2008, 7, 8), "M", "Қаһарманов", "Ерасың"),
                (datetime.date(2012, 9, 10), "F", "Қаһарманова", "Гүлнұр"),
                (datetime.date(1944, 1, 1), "F", "Өтегенова", "Күлпаш"),
            ],
            start=1,
        )
    ]
    family = intake.family_create(
        applicant=people[0],
        okrug=okrug,
        address="Жаңақорған ауылы, Абай көшесі, 12",
        members=[
            intake.MemberData(person=p, relation=r)
            for p, r in zip(people[1:], ["spouse", "son", "daughter", "mother"], strict=True)
        ],
        incomes=[
            intake.IncomeData(person=p, kind=k, year=2025, quarter=4, amount=Decimal(a))
            for p, k, a in [
                (people[0], "wages", "240000"),
                (people[1], "allowance", "45000"),
                (people[4], "pension", "210000"),
            ]
        ],
    )
    application = intake.application_register(
        family=family,
        category=Category.objects.get(code="hardship-low-income"),
        actor=caseworker,
        situation="Доход семьи ниже прожиточного минимума",
    )
    workflow.application_send_to_local(application=application, actor=caseworker)
    survey_act_record(
        application=application,
        actor=member,
        surveyed_on=datetime.date.today(),
        place="с. Жанакорган",
        address=family.address,
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
    workflow.application_send_to_special(application=application, actor=caseworker)
    application_special_conclusion_record(
        application=application, actor=chair, need=True, amount=Decimal("20000")
    )
    workflow.application_decide(
        application=application, actor=caseworker, grant=False, ground="false_information"
    )
    application.refresh_from_db()
    return application


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 runs per document, 10 acts")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhanakorgan_aid.settings.test")
    import django

    django.setup()
    import time_machine
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

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
