"""Demo data: a user per role and 30+ families with applications (idempotent)."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from applications.cases.models import Application, Family, Person
from applications.cases.services import intake
from applications.reference import rules
from applications.reference.models import Category, Okrug
from applications.reference.testdata import iin_sequence, make_kz_iban
from benefits.demo import demo_budgets_and_list
from commissions.models import Commission, CommissionMember
from zhanakorgan_aid import roles

from ...demo import advance_demo_applications

DEMO_PASSWORD = "demo-Zhanakorgan-2026"
SURNAMES = [
    "Ахметов",
    "Серикбаев",
    "Жумабеков",
    "Нурланов",
    "Оспанов",
    "Сапаров",
    "Касымов",
    "Абдуллаев",
    "Тлеуов",
    "Кенжебаев",
    "Есенов",
    "Мусаев",
    "Омаров",
    "Байжанов",
    "Утепов",
]
MALE = ["Айдар", "Ерлан", "Нурлан", "Бауыржан", "Серик", "Асхат", "Данияр", "Руслан"]
FEMALE = ["Айгуль", "Гульнара", "Жанар", "Сауле", "Динара", "Асель", "Мадина", "Камила"]


def demo_users() -> list[tuple[str, str, str, str | None]]:
    """(username, role, full name, okrug KATO)."""
    return [
        ("admin", roles.ADMINISTRATOR, "Администратор Системы", None),
        ("caseworker", roles.CASEWORKER, "Сауле Кенжебаева", None),
        ("akim_zhanakorgan", roles.AKIM_OFFICE, "Аппарат акима Жанакорганского с.о.", "434030000"),
        ("akim_shalkiya", roles.AKIM_OFFICE, "Аппарат акима Шалкинского с.о.", "434065000"),
        ("local_zhanakorgan", roles.LOCAL_COMMISSION, "Ерлан Тлеуов", "434030000"),
        ("local_zhanakorgan2", roles.LOCAL_COMMISSION, "Динара Есенова", "434030000"),
        ("local_shalkiya", roles.LOCAL_COMMISSION, "Асхат Омаров", "434065000"),
        ("special_chair", roles.SPECIAL_COMMISSION, "Бауыржан Утепов", None),
        ("special_member", roles.SPECIAL_COMMISSION, "Мадина Сапарова", None),
        ("auditor", roles.AUDITOR, "Аудитор Ревизионной", None),
    ]


class Command(BaseCommand):
    help = "Create demo users for every role and 30+ families with applications (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, default=36)

    @transaction.atomic
    def handle(self, *args, families: int, **options):
        if not Okrug.objects.exists():
            call_command("loaddata", "reference", verbosity=0)
        users = self.create_users()
        self.create_commissions(users)
        created = self.create_families(users["caseworker"], families)
        moved = advance_demo_applications(users)
        self.stdout.write(f"Workflow: {moved} demo applications moved along their path.")
        self.stdout.write(f"Payments: {demo_budgets_and_list(administrator=users['admin'])}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {len(users)} users (password {DEMO_PASSWORD}), {created} new families."
            )
        )

    def create_users(self):
        User = get_user_model()
        users = {}
        for username, role, full_name, kato in demo_users():
            first, _sep, last = full_name.partition(" ")
            user, made = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "okrug": Okrug.objects.filter(kato=kato).first() if kato else None,
                },
            )
            if made:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = role == roles.ADMINISTRATOR
                user.is_superuser = role == roles.ADMINISTRATOR
                user.save()
            user.groups.add(Group.objects.get_or_create(name=role)[0])
            users[username] = user
        return users

    def create_commissions(self, users):
        for okrug in Okrug.objects.all():
            Commission.objects.get_or_create(
                kind=Commission.Kind.LOCAL,
                okrug=okrug,
                defaults={"name": f"Участковая комиссия: {okrug.name_ru}"},
            )
        special, _ = Commission.objects.get_or_create(
            kind=Commission.Kind.SPECIAL,
            defaults={"name": "Специальная комиссия Жанакорганского района"},
        )
        seats = [
            ("local_zhanakorgan", "434030000", "chair"),
            ("local_zhanakorgan2", "434030000", "member"),
            ("local_shalkiya", "434065000", "chair"),
            ("special_chair", None, "chair"),
            ("special_member", None, "member"),
        ]
        for username, kato, role in seats:
            commission = (
                special if kato is None else Commission.objects.get(kind="local", okrug__kato=kato)
            )
            CommissionMember.objects.get_or_create(
                commission=commission, user=users[username], defaults={"role": role}
            )

    def create_families(self, caseworker, count: int) -> int:
        """`count` demo families (DEMO-0001 …) each with an application; ones already there are
        kept. The random source is seeded, so every run makes the same people."""
        rng = random.Random(20170808)
        okrugs = list(Okrug.objects.filter(kato__in=["434030000", "434065000"])) + list(
            Okrug.objects.exclude(kato__in=["434030000", "434065000"])[:4]
        )
        categories = list(Category.objects.filter(programme=Category.Programme.HARDSHIP))
        created = 0
        for n in range(count):
            reg_number = f"DEMO-{n + 1:04d}"
            if Family.objects.filter(reg_number=reg_number).exists():
                continue
            family = self.family(n, reg_number, okrugs[n % len(okrugs)], rng)
            self.application(family, categories[n % len(categories)], caseworker, n)
            created += 1
        return created

    def family(self, n: int, reg_number: str, okrug: Okrug, rng) -> Family:
        """A couple with n % 4 children and last quarter's wages (an allowance in every third)."""
        surname = SURNAMES[n % len(SURNAMES)]
        head_birth = datetime.date(1960 + n % 30, 1 + n % 12, 1 + n % 27)
        head = self.person(head_birth, "M", surname, MALE[n % len(MALE)], n, rng)
        spouse_birth = head_birth.replace(year=head_birth.year + 2)
        spouse = self.person(spouse_birth, "F", surname + "а", FEMALE[n % len(FEMALE)], n, rng)
        kids = [self.child(n, k, surname, rng) for k in range(n % 4)]
        members = [intake.MemberData(person=spouse, relation="spouse", occupation="домохозяйка")]
        members += [
            intake.MemberData(
                person=c, relation="daughter" if c.sex == "F" else "son", occupation="школа"
            )
            for c in kids
        ]
        return intake.family_create(
            applicant=head,
            okrug=okrug,
            address=f"{okrug.centre_ru or okrug.name_ru}, ул. Абая, {n + 1}",
            members=members,
            incomes=self.incomes(n, head, spouse, rng),
            reg_number=reg_number,
            housing=rng.choice(Family.Housing.values),
            housing_cost=Decimal(rng.randrange(5000, 40000, 500)),
        )

    def child(self, n: int, k: int, surname: str, rng) -> Person:
        girl = k % 2
        return self.person(
            datetime.date(2008 + k + n % 8, 1 + (n + k) % 12, 10),
            "F" if girl else "M",
            surname + ("а" if girl else ""),
            (FEMALE if girl else MALE)[(n + k) % 8],
            n,
            rng,
        )

    def incomes(self, n: int, head: Person, spouse: Person, rng) -> list:
        year, quarter = rules.income_quarter(timezone.localdate())  # p22
        wages = Decimal(rng.randrange(60_000, 420_000, 1000))
        incomes = [intake.IncomeData(head, "wages", year, quarter, wages)]
        if n % 3 == 0:
            allowance = Decimal(rng.randrange(20_000, 90_000, 500))
            incomes.append(intake.IncomeData(spouse, "allowance", year, quarter, allowance))
        return incomes

    def application(self, family: Family, category: Category, caseworker, n: int) -> None:
        """Registered by the caseworker a few days ago, every other one at the akim's office; a
        disaster's or fire's event date inside the 3 months of p16."""
        today = timezone.localdate()
        rule = category.rule_on(today)
        event_date = (
            today - datetime.timedelta(days=10 + n)
            if rule and rule.application_window_months
            else None
        )
        intake.application_register(
            family=family,
            category=category,
            actor=caseworker,
            channel=Application.Channel.AKIM if n % 2 else Application.Channel.AUTHORITY,
            event_date=event_date,
            situation=category.name_ru,
            registered_at=timezone.now() - datetime.timedelta(days=n % 9),
        )

    def person(self, birth, sex, surname, name, n, rng) -> Person:
        for iin in iin_sequence(birth, sex, start=100 + n * 7):
            existing = Person.objects.filter(iin=iin).first()
            if existing:
                return existing
            return intake.person_create(
                iin=iin,
                surname=surname,
                name=name,
                patronymic="",
                address="",
                phone=f"+7 701 {rng.randrange(1000000, 9999999)}",
                iban=make_kz_iban(
                    rng.choice(["601", "722", "856", "965"]), rng.randrange(10**9, 10**12)
                ),
            )
