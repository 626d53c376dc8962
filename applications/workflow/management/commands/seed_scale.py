"""Region-size data for the benchmarks (issue 9): `manage.py seed_scale --persons 1000000`.

Families of realistic sizes across the okrugs, members with valid unique IINs, quarterly incomes
(p22), applications in every state of their path (p16–p25) with one ApplicationTransition per
step, the due date of the current step and of the decision (p24), the survey act and both
conclusions (p19, p23) where the path has reached them; decisions, awards and their payments,
each paid payment in the month's paid payment list with its bank and IBAN (p29). Rows go in with bulk_create, a chunk of
families per transaction, so a million persons take minutes, not hours. Historical records
(django-simple-history) are not written for generated rows: they are not edits by a user.
"""

import bisect
import datetime
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from applications.cases.models import (
    Application,
    ApplicationTransition,
    Decision,
    Family,
    FamilyMember,
    Income,
    Person,
)
from applications.reference import rules, workdays
from applications.reference.models import MRP, Bank, Category, CategoryRule, Okrug
from applications.reference.testdata import make_iin, make_kz_iban
from benefits.models import Award, PaymentList, PaymentListItem, ScheduledPayment
from commissions.models import LocalConclusion, SpecialConclusion, SurveyAct
from zhanakorgan_aid import roles

from .seed_demo import FEMALE, MALE, SURNAMES

S = Application.Status
# Family sizes of the district (1 … 8 members) and how often each occurs: mean ≈ 3.4, so a
# million persons make about 300 000 families.
FAMILY_SIZES = (1, 2, 3, 4, 5, 6, 7, 8)
FAMILY_WEIGHTS = (14, 15, 20, 22, 15, 8, 4, 2)
APPLICATIONS_PER_PERSON = 0.5
# Where applications stand today, per 1000. A case takes two to four weeks (p16–p25) and the
# history is two years, so an office has only the last few weeks' cases open: about 4 %, spread
# over every state; the rest were decided and notified.
STATUS_WEIGHTS = {
    S.NOTIFIED: 960,
    S.GRANTED: 5,
    S.REFUSED: 3,
    S.CONCLUDED: 5,
    S.AT_SPECIAL_COMMISSION: 5,
    S.AT_AUTHORITY: 6,
    S.SURVEYED: 4,
    S.AT_LOCAL_COMMISSION: 6,
    S.REGISTERED: 6,
}
CATEGORY_WEIGHTS = {
    "hardship-low-income": 55,
    "hardship-disaster-fire": 8,
    "hardship-tuberculosis": 8,
    "hardship-haematology-children": 4,
    "education-low-income-families": 10,
    "education-large-families": 8,
    "education-orphans": 4,
    "education-disabled-children": 3,
}
# The term of the step each status waits for, from the day the step began (p18–p25).
STEP_TERM = {
    S.REGISTERED: rules.send_to_local_due,
    S.AT_LOCAL_COMMISSION: rules.survey_due,
    S.SURVEYED: rules.akim_forward_due,
    S.AT_AUTHORITY: rules.income_due,
    S.AT_SPECIAL_COMMISSION: rules.special_conclusion_due,
    S.GRANTED: rules.notice_due,
    S.REFUSED: rules.notice_due,
}
HISTORY_DAYS = 730
# Education aid continues each year of study (p12), at most four years; a periodic award
# (monthly, p7.2, p7.3; quarterly or half-yearly, p4) is generated with a decision's period of
# twelve months.
STUDY_YEARS = 4
MONTHS = 12
EARNINGS = ("wages", "wages", "allowance", "farm")
BATCH = 2000  # rows of one INSERT
STREETS = ("Абая", "Жамбыла", "Толе би", "Айтеке би", "Казыбек би", "Бейбитшилик", "Достык")


def path_to(status: str, channel: str, refused: bool) -> list[str]:
    """The steps an application passes to reach `status` (DESIGN.md, "The path", p16–p25)."""
    path = [S.REGISTERED, S.AT_LOCAL_COMMISSION]
    if channel == Application.Channel.AKIM:
        path.append(S.SURVEYED)
    path += [S.AT_AUTHORITY, S.AT_SPECIAL_COMMISSION, S.CONCLUDED]
    path += [S.REFUSED if refused else S.GRANTED, S.NOTIFIED]
    if status in (S.GRANTED, S.REFUSED):
        status = S.REFUSED if refused else S.GRANTED
    return path[: path.index(status) + 1]


class WorkingDays:
    """The project's working-day calendar (applications.workdays) laid out once as a sorted list,
    so that each of millions of terms is a bisect, not a calendar walk."""

    def __init__(self, start: datetime.date, end: datetime.date):
        span = (end - start).days + 1
        days = (start + datetime.timedelta(days=n) for n in range(span))
        self.days = [day for day in days if workdays.is_working_day(day)]

    def add(self, day: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `day`; counting starts the next day (CC art. 187, p18–p25)."""
        return self.days[bisect.bisect_right(self.days, day) + n - 1]

    def back(self, day: datetime.date, n: int) -> datetime.date:
        return self.days[max(bisect.bisect_left(self.days, day) - n, 0)]


@dataclass
class Chunk:
    """Rows of one batch of families, built in memory, inserted table by table."""

    persons: list = field(default_factory=list)
    families: list = field(default_factory=list)
    members: list = field(default_factory=list)  # (family index, person index, relation, earner)
    incomes: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    transitions: list = field(default_factory=list)
    documents: list = field(default_factory=list)  # (application index, kind, day, refused)
    by_family: dict = field(default_factory=dict)  # family index -> member indexes
    decisions: dict = field(default_factory=dict)  # application index -> [outcome, day, notified]


class Generator:
    """Makes persons, families, incomes and applications with a seeded random source."""

    def __init__(self, *, seed: int, today: datetime.date, stdout):
        self.rng = random.Random(seed)
        self.today = today
        self.calendar = WorkingDays(
            today - datetime.timedelta(days=HISTORY_DAYS + 400), today + datetime.timedelta(days=90)
        )
        self.okrugs = list(Okrug.objects.order_by("kato"))
        if not self.okrugs:
            raise CommandError("Справочник округов пуст: выполните loaddata reference.")
        # The district centre is the biggest okrug; the others are of comparable size.
        self.okrug_weights = [6 if o.kato == "434030000" else 1 for o in self.okrugs]
        categories = Category.objects.in_bulk(list(CATEGORY_WEIGHTS), field_name="code")
        self.categories = [categories[c] for c in CATEGORY_WEIGHTS]
        self.category_weights = list(CATEGORY_WEIGHTS.values())
        self.windowed = {
            c.pk for c in self.categories if (r := c.rule_on(today)) and r.application_window_months
        }
        self.banks = Bank.objects.in_bulk(field_name="code")
        if not self.banks:
            raise CommandError("Справочник банков пуст: выполните loaddata reference.")
        self.bank_codes = sorted(self.banks)
        self.users = scale_users(self.okrugs)
        self.lists = PaymentLists(self.banks, self.users["caseworker"], today)
        self.mrp = MrpTable()
        self.existing_iins = set(Person.objects.values_list("iin", flat=True).iterator(10_000))
        self.iin_serials: dict = {}
        self.reg_seq = {
            o.pk: Family.objects.filter(reg_number__startswith=f"{o.kato[:6]}-").count()
            for o in self.okrugs
        }
        self.app_seq: dict[int, int] = {}
        self.status_cycle = list(STATUS_WEIGHTS)  # first applications: one in every state
        self.account = Person.objects.count() + 10**9
        self.stdout = stdout

    # --- people and families -------------------------------------------------------------

    def new_iin(self, birth: datetime.date, sex: str) -> str:
        key = (birth, sex)
        serial = self.iin_serials.get(key, 5000)
        while True:
            serial += 1
            if serial > 9999:
                birth += datetime.timedelta(days=1)
                return self.new_iin(birth, sex)
            iin = make_iin(birth, sex, serial)
            if iin and iin not in self.existing_iins:
                self.iin_serials[key] = serial
                self.existing_iins.add(iin)
                return iin

    def person(self, birth: datetime.date, sex: str, surname: str, with_account: bool) -> Person:
        iin = self.new_iin(birth, sex)
        self.account += 1
        bank = self.rng.choice(self.bank_codes) if with_account else ""
        return Person(
            iin=iin,
            birth_date=birth,
            sex=sex,
            surname=surname + ("а" if sex == "F" and surname.endswith(("ов", "ев", "ин")) else ""),
            name=self.rng.choice(MALE if sex == "M" else FEMALE),
            phone=f"+7 70{self.rng.randrange(0, 8)} {self.rng.randrange(1000000, 9999999)}",
            iban=make_kz_iban(bank, self.account) if with_account else "",
            bank=self.banks[bank] if with_account else None,
        )

    def birth(self, first_year: int, last_year: int) -> datetime.date:
        start = datetime.date(first_year, 1, 1)
        span = (datetime.date(last_year, 12, 31) - start).days
        return min(start + datetime.timedelta(days=self.rng.randrange(span)), self.today)

    def family(self, chunk: Chunk, size: int) -> int:
        """Append a family of `size`: the applicant, a spouse, children; return its index."""
        rng, year = self.rng, self.today.year
        okrug = rng.choices(self.okrugs, self.okrug_weights)[0]
        surname = rng.choice(SURNAMES)
        head_sex = "M" if rng.random() < 0.7 else "F"
        head_birth = self.birth(year - 78, year - 22)
        f_index = len(chunk.families)
        chunk.families.append(self.household(okrug))
        self.member(
            chunk,
            f_index,
            self.person(head_birth, head_sex, surname, True),
            FamilyMember.Relation.APPLICANT,
            earner=True,
        )
        if size >= 2:
            self.spouse(chunk, f_index, head_birth, head_sex, surname)
        for _k in range(size - 2):
            self.child(chunk, f_index, head_birth, surname)
        return f_index

    def household(self, okrug: Okrug) -> Family:
        """A family of the okrug under its next registration number, at an address there."""
        rng = self.rng
        self.reg_seq[okrug.pk] += 1
        return Family(
            reg_number=f"{okrug.kato[:6]}-{self.reg_seq[okrug.pk]:05d}",
            okrug=okrug,
            address=f"{okrug.centre_ru or okrug.name_ru}, ул. {rng.choice(STREETS)}, "
            f"{rng.randrange(1, 200)}",
            housing=rng.choice(Family.Housing.values[:-1]),
            housing_cost=Decimal(rng.randrange(5_000, 45_000, 500)),
        )

    def spouse(self, chunk: Chunk, f_index: int, head_birth, head_sex: str, surname: str):
        """The applicant's spouse, of about the same age, earning half the time."""
        year = self.today.year
        spouse_birth = self.birth(head_birth.year - 3, min(head_birth.year + 5, year - 20))
        self.member(
            chunk,
            f_index,
            self.person(spouse_birth, "F" if head_sex == "M" else "M", surname, False),
            FamilyMember.Relation.SPOUSE,
            earner=self.rng.random() < 0.5,
        )

    def child(self, chunk: Chunk, f_index: int, head_birth, surname: str):
        """A son or daughter born when the applicant was 20 to 42; a grown one may earn."""
        year = self.today.year
        child_sex = self.rng.choice("MF")
        child_birth = self.birth(head_birth.year + 20, min(head_birth.year + 42, year))
        relation = FamilyMember.Relation.SON if child_sex == "M" else FamilyMember.Relation.DAUGHTER
        self.member(
            chunk,
            f_index,
            self.person(child_birth, child_sex, surname, False),
            relation,
            earner=year - child_birth.year >= 19 and self.rng.random() < 0.5,
        )

    def member(self, chunk: Chunk, f_index: int, person: Person, relation: str, earner: bool):
        chunk.persons.append(person)
        chunk.by_family.setdefault(f_index, []).append(len(chunk.members))
        age = self.today.year - person.birth_date.year
        occupation = "пенсионер" if age >= 63 else ("учащийся" if age < 19 else "")
        chunk.members.append((f_index, len(chunk.persons) - 1, relation, earner, occupation))

    def incomes_for(self, chunk: Chunk, f_index: int, on: datetime.date, seen: set) -> Decimal:
        """Incomes of the family's earners for the quarter before `on` (p22); returns the total."""
        year, quarter = rules.income_quarter(on)
        total = Decimal("0")
        for m_index in chunk.by_family[f_index]:
            _fam, _person, _rel, earner, occupation = chunk.members[m_index]
            if not earner:
                continue
            kind = Income.Kind.PENSION if occupation == "пенсионер" else self.rng.choice(EARNINGS)
            amount = Decimal(self.rng.randrange(45_000, 260_000, 500) * 3)
            key = (m_index, year, quarter)
            if key not in seen:
                seen[key] = amount
                chunk.incomes.append((m_index, kind, year, quarter, amount))
            total += seen[key]
        return total

    # --- applications ------------------------------------------------------------------------

    def pick_status(self) -> str:
        if self.status_cycle:
            return self.status_cycle.pop(0)
        return self.rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]

    def registration_day(self, status: str, length: int) -> datetime.date:
        """Finished cases spread over two years; open ones were registered a few working days
        ago, some of them beyond their term so the queue has overdue work."""
        if status == S.NOTIFIED:
            return self.calendar.back(self.today, self.rng.randrange(15, HISTORY_DAYS * 5 // 7))
        return self.calendar.back(self.today, self.rng.randrange(length - 1, length + 6))

    def application(self, chunk: Chunk, f_index: int, seen: dict) -> None:
        """An application of the family, walked along its path to a state drawn by weight."""
        status = self.pick_status()
        akim = status == S.SURVEYED or self.rng.random() < 0.35
        channel = Application.Channel.AKIM if akim else Application.Channel.AUTHORITY
        refused = status == S.REFUSED or (status == S.NOTIFIED and self.rng.random() < 0.25)
        path = path_to(status, channel, refused)
        day = self.registration_day(status, len(path))
        app = self.registered(chunk.families[f_index], channel, day)
        total = self.incomes_for(chunk, f_index, day, seen)
        chunk.applications.append((app, f_index))
        income = rules.per_capita_income(quarter_total=total, members=len(chunk.by_family[f_index]))
        self.walk(chunk, len(chunk.applications) - 1, app, path, day, income)

    def registered(self, family: Family, channel: str, day: datetime.date) -> Application:
        """The application as registered on `day` (p16), numbered on from the year's last."""
        rng = self.rng
        category = rng.choices(self.categories, self.category_weights)[0]
        if day.year not in self.app_seq:
            self.app_seq[day.year] = next_number_seq(day.year)
        self.app_seq[day.year] += 1
        requested = rng.random() < 0.1
        by_akim = channel == Application.Channel.AKIM
        education = category.programme == Category.Programme.EDUCATION
        return Application(
            number=f"{day.year}-{self.app_seq[day.year]:06d}",
            category=category,
            okrug=family.okrug,
            kind=Application.Kind.EDUCATION if education else Application.Kind.HARDSHIP,
            channel=channel,
            registered_at=local_time(day, rng.randrange(9 * 60, 17 * 60)),
            registered_by=self.users["akims"][family.okrug.pk]
            if by_akim
            else self.users["caseworker"],
            documents_requested=requested,
            event_date=(
                day - datetime.timedelta(days=rng.randrange(3, 60))
                if category.pk in self.windowed
                else None
            ),
            situation=category.name_ru[:200],
            decision_due=rules.decision_due(
                registered_on=day, documents_requested=requested, count=self.calendar.add
            ),
        )

    def walk(self, chunk: Chunk, a_index: int, app: Application, path: list, day, income) -> None:
        """One transition per step, each the same day or a working day or two after the last;
        the current step's due date follows its term from the day it began (p18–p25)."""
        at = app.registered_at
        refused = S.REFUSED in path
        for prev, step in zip([""] + path[:-1], path, strict=True):
            if prev:
                gap = self.rng.choice((0, 1, 1, 2))
                day = min(self.calendar.add(day, gap) if gap else day, self.today)
                at = max(
                    local_time(day, self.rng.randrange(9 * 60, 18 * 60)),
                    at + datetime.timedelta(minutes=5),
                )
            chunk.transitions.append((a_index, prev, step, self.actor(app, step), at))
            if prev == S.AT_LOCAL_COMMISSION:  # the local commission's act and conclusion
                chunk.documents.append((a_index, "survey", day, refused))
            if step == S.AT_SPECIAL_COMMISSION:
                app.per_capita_income = income
            if step == S.CONCLUDED:
                chunk.documents.append((a_index, "special", day, refused))
            if step in (S.GRANTED, S.REFUSED):
                chunk.decisions[a_index] = [step, day, None]
            if step == S.NOTIFIED:
                chunk.decisions[a_index][2] = day
        app.status, app.status_changed_at = path[-1], at
        term = STEP_TERM.get(app.status)
        app.due_date = (
            app.decision_due
            if app.status == S.CONCLUDED
            else (term(day, count=self.calendar.add) if term else None)
        )

    def actor(self, app: Application, step: str):
        okrug_id = app.okrug.pk
        if step in (S.REGISTERED, S.AT_LOCAL_COMMISSION):
            return app.registered_by
        if step == S.SURVEYED or (step == S.AT_AUTHORITY and app.channel == "authority"):
            return self.users["locals"][okrug_id]
        if step == S.AT_AUTHORITY:
            return self.users["akims"][okrug_id]
        if step == S.CONCLUDED:
            return self.users["special"]
        return self.users["caseworker"]


def local_time(day: datetime.date, minutes: int) -> datetime.datetime:
    naive = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
    return timezone.make_aware(naive)


def next_number_seq(year: int) -> int:
    last = (
        Application.objects.filter(number__startswith=f"{year}-")
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return int(last.split("-")[1]) if last else 0


def scale_users(okrugs: list[Okrug]) -> dict:
    """The staff who move generated cases: a caseworker, a special commission member, an akim's
    office and a local commission member per okrug (no passwords: nobody logs in as them)."""

    def user(username: str, role: str, okrug: Okrug | None = None):
        obj, made = get_user_model().objects.get_or_create(
            username=username, defaults={"okrug": okrug, "first_name": username}
        )
        if made:
            obj.set_unusable_password()
            obj.save(update_fields=["password"])
            obj.groups.add(Group.objects.get_or_create(name=role)[0])
        return obj

    return {
        "caseworker": user("scale_caseworker", roles.CASEWORKER),
        "special": user("scale_special", roles.SPECIAL_COMMISSION),
        "akims": {o.pk: user(f"scale_akim_{o.kato}", roles.AKIM_OFFICE, o) for o in okrugs},
        "locals": {o.pk: user(f"scale_local_{o.kato}", roles.LOCAL_COMMISSION, o) for o in okrugs},
    }


def refresh_statistics() -> None:
    """What the database's own maintenance does after a bulk load, done at once so the figures
    measured next are those of a settled database: on PostgreSQL VACUUM ANALYZE (the visibility
    map lets a deep page be an index-only scan, the planner sees the real sizes), on SQLite
    ANALYZE. Counted in the command's time. (VACUUM cannot run inside a transaction: called
    inside one, as in the tests, only ANALYZE runs.)"""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


class Command(BaseCommand):
    # An operator's tool, not a page: its messages are not in the users' catalogues.
    help = "Создать данные размера области для нагрузочных замеров (bulk_create партиями)."

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, required=True, help="сколько граждан создать")
        parser.add_argument("--chunk", type=int, default=2000, help="семей в одной транзакции")
        parser.add_argument("--seed", type=int, default=2017_08_08)

    def handle(self, *args, persons: int, chunk: int, seed: int, **options):
        if persons < 1:
            raise CommandError("Число граждан должно быть положительным.")
        if not Okrug.objects.exists():
            call_command("loaddata", "reference", verbosity=0)
        started = time.monotonic()
        gen = Generator(seed=seed, today=timezone.localdate(), stdout=self.stdout)
        totals: dict[str, int] = {}
        made = 0
        while made < persons:
            counts = self.chunk(gen, min(chunk, persons - made), persons - made)
            made += counts["persons"]
            totals = {k: totals.get(k, 0) + v for k, v in counts.items()}
            if options.get("verbosity", 1) > 1:
                self.stdout.write(f"  {made}/{persons} persons, {time.monotonic() - started:.0f} s")
        refresh_statistics()
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                "seed_scale: "
                + ", ".join(f"{k}={v}" for k, v in totals.items())
                + f" in {seconds:.1f} s"
            )
        )
        return None

    @transaction.atomic
    def chunk(self, gen: Generator, families: int, persons_left: int) -> dict[str, int]:
        """Build and insert up to `families` families (at most `persons_left` persons) with their
        applications, then return what was inserted, table by table."""
        rows = Chunk()
        people = 0
        while len(rows.families) < families and people < persons_left:
            size = min(gen.rng.choices(FAMILY_SIZES, FAMILY_WEIGHTS)[0], persons_left - people)
            gen.family(rows, size)
            people += size
        wanted = max(round(people * APPLICATIONS_PER_PERSON), len(rows.families))
        seen: dict = {}
        for n in range(wanted):
            f_index = n if n < len(rows.families) else gen.rng.randrange(len(rows.families))
            gen.application(rows, f_index, seen)
        return insert(rows, gen.users, gen.mrp, gen.lists)


def insert(rows: Chunk, users: dict, mrp: "MrpTable", lists: "PaymentLists") -> dict[str, int]:
    """Insert the chunk's rows in dependency order; bulk_create sets primary keys on SQLite and
    PostgreSQL alike, so later tables can refer to earlier ones."""
    members = insert_families(rows)
    apps = insert_applications(rows)
    insert_documents(rows, apps, users, mrp)
    decisions, awards, payments = insert_outcomes(rows, apps, users, mrp)
    made_lists, items = lists.insert(payments)
    return {
        "persons": len(rows.persons),
        "families": len(rows.families),
        "members": len(members),
        "incomes": len(rows.incomes),
        "applications": len(apps),
        "transitions": len(rows.transitions),
        "documents": len(rows.documents),
        "decisions": decisions,
        "awards": awards,
        "payments": len(payments),
        "payment_lists": made_lists,
        "list_items": items,
    }


def insert_families(rows: Chunk) -> list[FamilyMember]:
    """The persons, their families (each with its applicant), the members and their incomes."""
    Person.objects.bulk_create(rows.persons, batch_size=BATCH)
    heads = {}
    for f_index, p_index, relation, *_rest in rows.members:
        if relation == FamilyMember.Relation.APPLICANT:
            heads[f_index] = rows.persons[p_index]
    for f_index, family in enumerate(rows.families):
        family.applicant = heads[f_index]
    Family.objects.bulk_create(rows.families, batch_size=BATCH)
    members = [
        FamilyMember(family=rows.families[f], person=rows.persons[p], relation=rel, occupation=occ)
        for f, p, rel, _earner, occ in rows.members
    ]
    FamilyMember.objects.bulk_create(members, batch_size=BATCH)
    Income.objects.bulk_create(
        [
            Income(member=members[m], kind=k, year=y, quarter=q, amount=a)
            for m, k, y, q, a in rows.incomes
        ],
        batch_size=BATCH,
    )
    return members


def insert_applications(rows: Chunk) -> list[Application]:
    """The applications of the families and the steps each has taken."""
    apps = []
    for app, f_index in rows.applications:
        app.family = rows.families[f_index]
        app.applicant = app.family.applicant
        apps.append(app)
    Application.objects.bulk_create(apps, batch_size=BATCH)
    ApplicationTransition.objects.bulk_create(
        [
            ApplicationTransition(application=apps[a], from_status=f, to_status=t, actor=u, at=at)
            for a, f, t, u, at in rows.transitions
        ],
        batch_size=BATCH,
    )
    return apps


def insert_documents(rows: Chunk, apps: list[Application], users: dict, mrp: "MrpTable") -> None:
    """The survey act and local conclusion (annexes 1–2, p19) and the special commission's
    conclusion with its amount in MRP (p23, p30) for the applications whose path reached them."""
    acts, locals_, specials = [], [], []
    for a_index, kind, day, refused in rows.documents:
        app = apps[a_index]
        if kind == "survey":
            member = users["locals"][app.okrug_id]
            acts.append(
                SurveyAct(
                    application=app,
                    surveyed_on=day,
                    place=app.family.address[:200],
                    recorded_by=member,
                )
            )
            locals_.append(
                LocalConclusion(
                    application=app,
                    number=f"УК-{app.number}",
                    concluded_on=day,
                    need=not refused,
                    recorded_by=member,
                )
            )
        else:
            value = mrp.on(day)
            specials.append(
                SpecialConclusion(
                    application=app,
                    concluded_on=day,
                    need=not refused,
                    recorded_by=users["special"],
                    amount=None if refused else mrp.amount(app.category, day),
                    mrp_value=None if refused else value,
                )
            )
    SurveyAct.objects.bulk_create(acts, batch_size=2000)
    LocalConclusion.objects.bulk_create(locals_, batch_size=2000)
    SpecialConclusion.objects.bulk_create(specials, batch_size=2000)


class MrpTable:
    """MRP values by date (p30) and each category's largest amount in MRP, read once."""

    def __init__(self):
        rows = sorted(MRP.objects.values_list("effective_from", "value"))
        self.dates = [d for d, _v in rows]
        self.values = [v for _d, v in rows]
        self.rules = {r.category_id: r for r in CategoryRule.objects.filter(effective_to=None)}
        self.multiples = {pk: r.mrp_multiple or Decimal("10") for pk, r in self.rules.items()}

    def on(self, day: datetime.date) -> Decimal:
        return self.values[max(bisect.bisect_right(self.dates, day) - 1, 0)]

    def amount(self, category: Category, day: datetime.date) -> Decimal:
        multiple = self.multiples.get(category.pk, Decimal("10"))
        return rules.mrp_amount(multiple, self.on(day))


def insert_outcomes(rows: Chunk, apps: list, users: dict, mrp: "MrpTable") -> tuple[int, int, list]:
    """Decisions (p24) with their notice terms (p25); for grants an award in MRP of the day
    (p30) and its scheduled payments, paid where their day has passed. Low-income aid is
    once a year per family (p7.4): a second grant the same year gets no second award.
    Returns the numbers of decisions and awards and the payments inserted."""
    today = timezone.localdate()
    decisions, awards, payments, once = [], [], [], set()
    for a_index, (outcome, day, notified) in rows.decisions.items():
        app = apps[a_index]
        granted = outcome == S.GRANTED
        amount = mrp.amount(app.category, day) if granted else None
        decisions.append(
            Decision(
                application=app,
                outcome=outcome,
                amount=amount,
                mrp_value=mrp.on(day),
                ground="" if granted else Decision.Ground.INCOME_ABOVE_THRESHOLD,
                decided_on=day,
                decided_by=users["caseworker"],
                notified_on=notified,
                notice_due=rules.notice_due(day),
            )
        )
        rule = mrp.rules.get(app.category_id)
        if not granted or rule is None:
            continue
        year = rules.once_a_year_occasion(periodicity=rule.periodicity, decided_on=day)
        key = (app.family_id, app.category_id, year)
        if year is not None and key in once:
            continue
        once.add(key)
        award = award_for(app, rule, amount, day, mrp, users, today)
        awards.append(award)
        payments += payments_for(award, today, mrp)
    Decision.objects.bulk_create(decisions, batch_size=2000)
    Award.objects.bulk_create(awards, batch_size=2000)
    ScheduledPayment.objects.bulk_create(payments, batch_size=2000)
    return len(decisions), len(awards), payments


def studies(app, rule) -> bool:
    """Education aid paid once a year of study (p8–p12)."""
    return app.category.programme == Category.Programme.EDUCATION and rule.periodicity == "yearly"


def award_for(app, rule, amount, day, mrp, users, today) -> "Award":
    if rules.paid_over_a_period(rule.periodicity):
        end = rules.payment_schedule(rule.periodicity, day, months=MONTHS)[-1]
    elif studies(app, rule):
        end = rules.yearly_schedule(day, STUDY_YEARS)[-1]
    else:
        end = None
    return Award(
        recipient=app.applicant,
        family=app.family,
        okrug=app.okrug,
        application=app,
        category=app.category,
        rule=rule,
        amount=amount,
        mrp_multiple=rule.mrp_multiple,
        mrp_value=mrp.on(day),
        periodicity=rule.periodicity,
        start=day,
        end=end,
        occasion_year=rules.once_a_year_occasion(periodicity=rule.periodicity, decided_on=day),
        decided_on=day,
        created_by=users["caseworker"],
        status=Award.Status.ACTIVE if end and end > today else Award.Status.COMPLETED,
    )


def due_dates(award, today) -> list[datetime.date]:
    """A periodic award's payments over twelve months (p4; p7.2, p7.3 monthly); for education
    aid the first year's and each later academic year's already due, and the next one if it
    falls within twelve months (p12, at most four years); otherwise one payment."""
    start = award.start
    if rules.paid_over_a_period(award.periodicity):
        return rules.payment_schedule(award.periodicity, start, months=MONTHS)
    if award.periodicity != "yearly" or award.end is None:
        return [start]
    dates = []
    for due in rules.yearly_schedule(start, STUDY_YEARS):
        if due > today:
            if due <= today + relativedelta(months=12):
                dates.append(due)
            break
        dates.append(due)
    return dates


def payments_for(award, today, mrp: "MrpTable") -> list:
    """The award's payments, paid where their day has passed; an amount in MRP paid on a later
    date follows the MRP then in force (p30), as benefits.services.awards computes it."""
    result = []
    for due in due_dates(award, today):
        paid = due <= today
        value = mrp.on(due)
        amount = rules.amount_at_mrp(award.amount, mrp_then=award.mrp_value, mrp_now=value)
        result.append(
            ScheduledPayment(
                award=award,
                due_on=due,
                amount=amount,
                mrp_value=value,
                status=ScheduledPayment.Status.PAID if paid else ScheduledPayment.Status.SCHEDULED,
                paid_on=due if paid else None,
            )
        )
    return result


class PaymentLists:
    """The paid payment lists of the generated payments (p29): one per calendar month, kind
    "period", shared by all chunks. A list is looked up by its title, so a second run adds to
    the lists of the earlier run, never to a list somebody formed in the application."""

    def __init__(self, banks: dict, user, today: datetime.date):
        self.banks = banks
        self.user = user
        self.today = today
        self.by_month: dict[datetime.date, PaymentList] = {}

    @staticmethod
    def title(month: datetime.date) -> str:
        return f"Ведомость за {month:%m.%Y} (seed_scale)"

    def for_month(self, month: datetime.date, day: datetime.date) -> tuple[PaymentList, bool]:
        """The month's list, found or made (paid on `day`); True when made now."""
        if month in self.by_month:
            return self.by_month[month], False
        found = PaymentList.objects.filter(title=self.title(month)).order_by("id").first()
        if found:
            self.by_month[month] = found
            return found, False
        made = local_time(month, 10 * 60)
        payment_list = PaymentList(
            title=self.title(month),
            kind=PaymentList.Kind.PERIOD,
            period_start=month,
            period_end=month + relativedelta(months=1, days=-1),
            status=PaymentList.Status.PAID,
            created_by=self.user,
            created_at=made,
            sent_at=made,
            paid_on=day,
        )
        # bulk_create, like the other generated rows: no historical record (not a user's edit).
        PaymentList.objects.bulk_create([payment_list])
        self.by_month[month] = payment_list
        return payment_list, True

    def insert(self, payments: list) -> tuple[int, int]:
        """A list item for each paid payment, to the recipient's IBAN and its bank (positions
        5–7); a list is paid on its month's last payment day. Returns (lists made, items)."""
        items, made, last = [], 0, {}
        for payment in payments:
            if payment.status != ScheduledPayment.Status.PAID:
                continue
            day = payment.paid_on
            month = day.replace(day=1)
            payment_list, new = self.for_month(month, day)
            made += new
            last[month] = max(last.get(month, payment_list.paid_on), day)
            iban = payment.award.recipient.iban
            items.append(
                PaymentListItem(
                    payment_list=payment_list,
                    payment=payment,
                    bank=self.banks[iban[4:7]],
                    iban=iban,
                    amount=payment.amount,
                    status=PaymentListItem.Status.PAID,
                    paid_on=day,
                )
            )
        PaymentListItem.objects.bulk_create(items, batch_size=2000)
        for month, day in last.items():
            payment_list = self.by_month[month]
            if day > payment_list.paid_on:
                payment_list.paid_on = day
                PaymentList.objects.filter(pk=payment_list.pk).update(paid_on=day)
        return made, len(items)
