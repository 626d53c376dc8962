"""Screens that fit (issue 20, item 6): every page a role can open, at 1366×768 and 1280×800,
has no horizontal scroll, keeps each field inside its column and its header on one line.

The pages are the URL matrix's (tests/security/url_expectations.py: every GET a role answers
200 to), built on the matrix's objects, plus the long forms at the step where they are filled
(the survey of a case at the local commission, the decision of a concluded case). One browser
context per role; each page is loaded once at 1366×768, checked, narrowed to 1280×800 in place
and checked again. Screenshots go to artifacts/screenshots/fit/ (kept out of git)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from applications.workflow.services import steps as workflow
from tests.conftest import PASSWORD
from tests.security import conftest as matrix
from tests.security.url_expectations import EXPECTATIONS, OK

from .conftest import SCREENSHOTS, concluded, fire_application, fire_family, log_in, surveyed

pytestmark = [pytest.mark.browser, pytest.mark.layout]

# The URL matrix's objects (tests/security/conftest.py): `world` and the fixtures it is made of.
world = matrix.world
case, other_case, document = matrix.case, matrix.other_case, matrix.document
award, special_case = matrix.award, matrix.special_case
memorial_list, education_case = matrix.memorial_list, matrix.education_case

SIZES = ({"width": 1366, "height": 768}, {"width": 1280, "height": 800})

# What is wrong with the page as the user sees it, by script: a document wider than the window,
# a field sticking out of its column (a table cell, a form's field box), a header of two lines.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) {
    problems.push(`document ${doc.scrollWidth}px wide in a window of ${window.innerWidth}px`);
  }
  for (const field of document.querySelectorAll("main input, main select, main textarea")) {
    if (field.type === "hidden" || field.offsetParent === null) continue;
    const box = field.closest("td, th, .field, p, fieldset, form");
    if (!box) continue;
    const inner = field.getBoundingClientRect(), outer = box.getBoundingClientRect();
    if (inner.right > outer.right + 1 || inner.left < outer.left - 1) {
      problems.push(`field ${field.name || field.id} (${Math.round(inner.left)}–` +
        `${Math.round(inner.right)}px) outside its ${box.tagName.toLowerCase()} ` +
        `(${Math.round(outer.left)}–${Math.round(outer.right)}px)`);
    }
  }
  // The header's bar and its menu: each on one line (every item beside the first one).
  for (const line of document.querySelectorAll("header.top .bar, header.top nav")) {
    const items = [...line.children].filter((el) => el.offsetParent !== null);
    const first = items[0].getBoundingClientRect();
    for (const item of items.slice(1)) {
      const rect = item.getBoundingClientRect();
      if (rect.top >= first.bottom || rect.bottom <= first.top) {
        problems.push(`header wraps: «${item.innerText.trim().slice(0, 30)}» on a second line`);
      }
    }
  }
  return problems;
}"""


@pytest.fixture
def long_forms(world, caseworker, local_member, special_member, family_factory, okrug):
    """A case at the local commission (the survey's form) and one concluded by the special
    commission (the decision's form), made by the real services."""
    at_local = workflow.application_send_to_local(
        application=fire_application(
            family=fire_family(family_factory, okrug, "Омаров"),
            actor=caseworker,
            channel="authority",
        ),
        actor=caseworker,
    )
    at_decision = concluded(
        surveyed(
            fire_application(
                family=fire_family(family_factory, okrug, "Есенов"),
                actor=caseworker,
                channel="authority",
            ),
            sender=caseworker,
            local=local_member,
        ),
        caseworker=caseworker,
        special=special_member,
        amount=Decimal("50000"),
    )
    return {
        "local": [reverse("workflow:survey", args=[at_local.pk])],
        "caseworker": [
            reverse("workflow:application_decide", args=[at_decision.pk]),
            reverse("workflow:application_detail", args=[at_decision.pk]),
        ],
    }


def pages_of(role: str, world) -> list[str]:
    """Every URL the matrix lets the role open (GET, 200) — the pages and the downloads; the
    downloads are told apart by their content type when fetched."""
    urls = []
    for name, expect in sorted(EXPECTATIONS.items()):
        if expect.method == "get" and expect.status.get(role) == OK:
            url = reverse(name, args=expect.args(world))
            urls.append(f"{url}?{expect.query}" if expect.query else url)
    return urls


def check_page(page, url: str, label: str) -> list[str]:
    """Load the page at the first size, check it at each size; what is wrong, with the URL."""
    page.set_viewport_size(SIZES[0])
    answer = page.request.get(page.base + url)
    if not answer.headers.get("content-type", "").startswith("text/html"):
        return []  # a PDF, CSV or XLSX: no screen to fit
    response = page.goto(page.base + url)
    assert response.status == 200, f"{label} {url}: {response.status}"
    wrong = []
    for size in SIZES:
        page.set_viewport_size(size)
        problems = page.evaluate(LAYOUT_PROBLEMS)
        slug = url.strip("/").replace("/", "_").replace("?", "_") or "home"
        path = SCREENSHOTS / "fit" / f"{label}_{size['width']}_{slug}.png"
        page.screenshot(path=str(path))
        wrong += [f"{label} {size['width']}×{size['height']} {url}: {p}" for p in problems]
    return wrong


def walk_role(browser, live_server, label: str, user, urls: list[str]) -> list[str]:
    context = browser.new_context(locale="ru", viewport=SIZES[0])
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.base = live_server.url
    try:
        if user is not None:
            log_in(page, user.username, PASSWORD)
        return [line for url in urls for line in check_page(page, url, label)]
    finally:
        context.close()


ROLES = ("anonymous", "caseworker", "akim", "local", "special", "administrator", "auditor")


def test_every_page_of_every_role_fits_1366_and_1280(
    browser,
    live_server,
    world,
    long_forms,
    caseworker,
    akim,
    local_member,
    special_member,
    administrator,
    auditor,
):
    (SCREENSHOTS / "fit").mkdir(parents=True, exist_ok=True)
    users = {
        "anonymous": None,
        "caseworker": caseworker,
        "akim": akim,
        "local": local_member,
        "special": special_member,
        "administrator": administrator,
        "auditor": auditor,
    }
    wrong = []
    for role in ROLES:
        urls = pages_of(role, world) + long_forms.get(role, [])
        if role == "anonymous":
            urls = [reverse("login")]
        assert role == "anonymous" or len(urls) >= 3, f"{role}: no pages to check"
        wrong += walk_role(browser, live_server, role, users[role], urls)
    assert not wrong, "\n".join(wrong)


def test_the_header_of_every_role_fits_in_kazakh(
    browser, live_server, caseworker, administrator, local_member
):
    """Kazakh labels are longer: the start page of the roles with the longest menus."""
    wrong = []
    for label, user in (("caseworker", caseworker), ("administrator", administrator)):
        context = browser.new_context(locale="kk", viewport=SIZES[1])
        page = context.new_page()
        page.base = live_server.url
        log_in(page, user.username, PASSWORD)
        page.locator("header select[name=language]").select_option("kk")
        page.wait_for_load_state()
        wrong += check_page(page, reverse("workflow:home"), f"{label}_kk")
        context.close()
    assert not wrong, "\n".join(wrong)


def test_the_favicon_is_served(browser, live_server, caseworker):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + reverse("login"))
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(live_server.url + icon).status == 200
    legacy = page.request.get(live_server.url + "/favicon.ico")
    assert legacy.status == 200 and "svg" in legacy.headers["content-type"]
    context.close()
