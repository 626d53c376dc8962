"""The application list as a caseworker works from it, in Russian and in Kazakh: narrowed by
where the application was taken and by the days of registration, sorted by its number, the
overdue row marked in words, and the rows exported to Excel — the downloaded file read back
with openpyxl: the filter in its title row, the rows as the page shows them."""

import datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from applications.cases.models import Application
from tests.conftest import PASSWORD

from .conftest import log_in, switch_language

pytestmark = pytest.mark.browser

TITLES = {
    "ru": "Заявления — где принято: уполномоченный орган, с {} по {}",
    "kk": "Өтініштер — қай жерде қабылданды: уәкілетті орган, {} бастап {} дейін",
}
OVERDUE = {"ru": "просрочено", "kk": "мерзімі өтті"}


@pytest.fixture
def listed(application_factory):
    """Two applications taken by the authorized body, the first overdue, and one taken by an
    akim's office."""
    first = application_factory()
    second = application_factory()
    by_akim = application_factory(channel="akim")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Application.objects.filter(pk=first.pk).update(due_date=yesterday)
    return first, second, by_akim


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_list_filtered_sorted_and_exported(new_page, caseworker, listed, lang, tmp_path):
    first, second, by_akim = listed
    today = timezone.localdate()
    page = new_page()
    log_in(page, caseworker.username, PASSWORD)
    page.goto(page.base + "/applications/")
    if lang == "kk":
        switch_language(page, "kk")

    page.locator("#id_channel").select_option("authority")
    page.locator("#id_registered_from").fill(today.isoformat())
    page.locator("#id_registered_to").fill(today.isoformat())
    page.locator("form.list-filter button[type=submit]").click()
    page.wait_for_load_state()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#id_channel")).to_have_value("authority")  # the filter is kept

    page.locator("main table thead th a").first.click()  # the number's header: ascending
    page.wait_for_load_state()
    expect(rows.nth(0)).to_contain_text(first.number)
    expect(rows.nth(1)).to_contain_text(second.number)
    expect(rows.nth(0)).to_have_class("overdue")
    expect(rows.nth(0)).to_contain_text(OVERDUE[lang])
    expect(rows.nth(1)).not_to_contain_text(OVERDUE[lang])
    assert by_akim.number not in page.locator("main table").inner_text()

    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".xlsx"
    sheet = load_workbook(saved).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    day = today.strftime("%d.%m.%Y")
    assert values[0][0] == TITLES[lang].format(day, day)
    assert [row[0] for row in values[2:]] == [first.number, second.number]
    assert OVERDUE[lang] in values[2][7] and OVERDUE[lang] not in values[3][7]
