"""Shared fixtures: reference data, a user per role, families built with the real services."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone, translation

from applications.cases.services import intake
from applications.reference.models import Category, Okrug
from applications.reference.testdata import iin_sequence, make_kz_iban
from commissions.models import Commission, CommissionMember
from zhanakorgan_aid import roles

PASSWORD = "test-Passw0rd-long"
ZHANAKORGAN = "434030000"
SHALKIYA = "434065000"


def pytest_collection_modifyitems(config, items):
    """Tests of what only PostgreSQL or Redis has are left out of a run without them (reported
    as deselected: .ci/run runs them in its PostgreSQL run, which has Redis too)."""
    missing = set()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing.add("postgresql")
    if not getattr(settings, "REDIS_URL", ""):
        missing.add("redis")
    kept, left_out = [], []
    for item in items:
        (left_out if missing.intersection(m.name for m in item.iter_markers()) else kept).append(
            item
        )
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the office's first language, whatever a test before it in the same
    process activated (str() of a category or a status is in the active language)."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with empty caches: cached counts (dashboard, long lists), sessions and
    fragments belong to the database of the test that made them. With REDIS_URL set, clearing
    removes only this run's keys (settings/test.py)."""
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def reference_data(db):
    call_command("loaddata", "reference", verbosity=0)


@pytest.fixture
def okrug(db):
    return Okrug.objects.get(kato=ZHANAKORGAN)


@pytest.fixture
def other_okrug(db):
    return Okrug.objects.get(kato=SHALKIYA)


def make_user(username: str, role: str, okrug: Okrug | None = None):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, okrug=okrug, first_name=username.title()
    )
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def caseworker(db):
    return make_user("caseworker", roles.CASEWORKER)


@pytest.fixture
def administrator(db):
    user = make_user("admin", roles.ADMINISTRATOR)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def auditor(db):
    return make_user("auditor", roles.AUDITOR)


@pytest.fixture
def akim(okrug):
    return make_user("akim", roles.AKIM_OFFICE, okrug)


@pytest.fixture
def other_akim(other_okrug):
    return make_user("akim_other", roles.AKIM_OFFICE, other_okrug)


@pytest.fixture
def local_member(okrug):
    user = make_user("local", roles.LOCAL_COMMISSION, okrug)
    commission, _ = Commission.objects.get_or_create(
        kind="local", okrug=okrug, defaults={"name": "УК"}
    )
    CommissionMember.objects.create(commission=commission, user=user, role="chair")
    return user


@pytest.fixture
def other_local_member(other_okrug):
    user = make_user("local_other", roles.LOCAL_COMMISSION, other_okrug)
    commission, _ = Commission.objects.get_or_create(
        kind="local", okrug=other_okrug, defaults={"name": "УК 2"}
    )
    CommissionMember.objects.create(commission=commission, user=user, role="chair")
    return user


@pytest.fixture
def special_member(db):
    user = make_user("special", roles.SPECIAL_COMMISSION)
    commission, _ = Commission.objects.get_or_create(kind="special", defaults={"name": "СК"})
    CommissionMember.objects.create(commission=commission, user=user, role="chair")
    return user


_serial = iter(range(1, 9000))


def new_person(
    birth=datetime.date(1985, 3, 15), sex="M", surname="Ахметов", name="Айдар", bank="601"
):
    serial = next(_serial) * 3
    iin = next(iin_sequence(birth, sex, start=serial))
    return intake.person_create(
        iin=iin, surname=surname, name=name, iban=make_kz_iban(bank, serial + 10**8)
    )


@pytest.fixture
def person_factory(db):
    return new_person


@pytest.fixture
def family_factory(db, okrug):
    """A family of `size` members with wages of the given quarter for the applicant."""

    def build(
        size=4, okrug_obj=None, wages=Decimal("300000"), year=None, quarter=None, surname="Ахметов"
    ):
        head = new_person(surname=surname)
        others = [
            intake.MemberData(
                person=new_person(datetime.date(2010, 1, 1 + k), "F", surname + "а", "Дана"),
                relation="daughter",
            )
            for k in range(size - 1)
        ]
        incomes = []
        if year and quarter:
            incomes.append(
                intake.IncomeData(
                    person=head, kind="wages", year=year, quarter=quarter, amount=wages
                )
            )
        return intake.family_create(
            applicant=head,
            okrug=okrug_obj or okrug,
            address="с. Жанакорган, ул. Абая, 1",
            members=others,
            incomes=incomes,
        )

    return build


@pytest.fixture
def category(db):
    def get(code="hardship-low-income"):
        return Category.objects.get(code=code)

    return get


@pytest.fixture
def application_factory(db, family_factory, category, caseworker):
    def build(
        code="hardship-low-income",
        family=None,
        channel="authority",
        registered_at=None,
        event_date=None,
        **kw,
    ):
        family = family or family_factory(**kw)
        cat = category(code)
        if event_date is None and code == "hardship-disaster-fire":
            event_date = timezone.localdate(registered_at or timezone.now()) - datetime.timedelta(
                days=5
            )
        return intake.application_register(
            family=family,
            category=cat,
            actor=caseworker,
            channel=channel,
            registered_at=registered_at,
            event_date=event_date,
            situation="test",
        )

    return build


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def listed_numbers(response) -> list[str]:
    """The numbers of the applications the list page shows, top to bottom, as read on it: the
    link in the first cell of each row of its table."""
    assert response.status_code == 200
    body = response.content.decode().split("<h1>", 1)[1]
    rows = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [html.unescape(n) for n in re.findall(r'<tr[^>]*><td><a href="[^"]+">([^<]+)</a>', rows)]
