"""The main pages read on a phone, lay out without overlap on a laptop, and print cleanly.

The demo is loaded once for the module and every page is opened signed in as the demo
account whose portal it belongs to. At 390 px (a phone), in both languages, and at 1280 px in
English (the wider of the two), no page may scroll sideways: a wide list scrolls inside its
own box. At 1280 px the programme's application window and its
budget must not overprint each other. In print, a ticket and an application receipt keep
their content and lose the navigation.
"""

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from cloudpark.copyright import enums as copyright_enums
from cloudpark.copyright.models import Work
from cloudpark.demo.data import DEMO_PASSWORD
from cloudpark.demo.loader import load_demo
from cloudpark.events import enums as event_enums
from cloudpark.events.models import Event, Registration
from cloudpark.filings.models import ReleaseFiling
from cloudpark.orgs.models import Park
from cloudpark.programs.models import Application, Programme
from tests.e2e.conftest import CSP_LISTENER, TIMEOUT_MS

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
LOCALE = "zh-CN"
ENGLISH = "en-US"
# The (width, locale) pairs every main page is checked at for sideways scrolling.
FITTING = [(PHONE, LOCALE), (PHONE, ENGLISH), (LAPTOP, ENGLISH)]

ENTERPRISE = "enterprise@demo.cloudpark.cn"
PARK = "park@demo.cloudpark.cn"
GOVERNMENT = "gov@demo.cloudpark.cn"
PERSON = "person@demo.cloudpark.cn"
BANKER = "bank@demo.cloudpark.cn"
PARTNER = "partner@demo.cloudpark.cn"

PHONE_PAGES = [
    (None, "/"),
    (None, "/enterprises/"),
    (None, "/parks/"),
    (None, "/events/"),
    (None, "/programmes/"),
    (None, "/bases/"),
    (None, "/news/"),
    (None, "/jobs/"),
    (None, "/filings/notices/"),
    (None, "/awards/"),
    (ENTERPRISE, "/enterprise/"),
    (ENTERPRISE, "/enterprise/programmes/"),
    (ENTERPRISE, "/enterprise/applications/"),
    (ENTERPRISE, "/enterprise/filings/"),
    (ENTERPRISE, "/enterprise/awards/"),
    (ENTERPRISE, "/enterprise/jobs/"),
    (ENTERPRISE, "/enterprise/figures/"),
    (ENTERPRISE, "/enterprise/dashboard/"),
    (None, "/finance/"),
    (ENTERPRISE, "/enterprise/finance/"),
    (ENTERPRISE, "/enterprise/finance/introductions/"),
    (PARK, "/park/"),
    (PARK, "/park/enterprises/"),
    (PARK, "/me/exports/"),
    (PARK, "/park/events/"),
    (PARK, "/park/reviews/"),
    (PARK, "/park/dashboard/"),
    (PARK, "/park/dashboard/filings/records/"),
    (PARK, "check-in desk"),
    (PARK, "/park/news/"),
    (PARK, "/park/jobs/"),
    (GOVERNMENT, "/gov/"),
    (GOVERNMENT, "/gov/programmes/"),
    (GOVERNMENT, "/gov/parks/"),
    (GOVERNMENT, "/gov/enterprises/"),
    (GOVERNMENT, "/gov/applications/"),
    (GOVERNMENT, "/gov/reviews/"),
    (GOVERNMENT, "/gov/filings/"),
    (GOVERNMENT, "/gov/awards/"),
    (GOVERNMENT, "/gov/news/"),
    (GOVERNMENT, "/gov/dashboard/"),
    (GOVERNMENT, "/gov/dashboard/awards/records/"),
    (PERSON, "/me/"),
    (PERSON, "/me/events/"),
    (PERSON, "/me/resume/"),
    (PERSON, "/me/job-applications/"),
    (BANKER, "/me/finance/products/"),
    (BANKER, "/me/finance/needs/"),
    (BANKER, "/me/finance/introductions/"),
    (PERSON, "/me/tokens/"),
    (None, "/benefits/"),
    (ENTERPRISE, "/me/benefits/"),
    (PARK, "/park/benefits/"),
    (PARK, "/park/benefits/desk/"),
    (PARK, "/park/benefits/statistics/"),
    (PARK, "/park/benefits/partners/"),
    (PARTNER, "/me/partner/benefits/"),
    (PARTNER, "/me/partner/benefits/desk/"),
    (None, "/search/?q=%E5%BD%B1%E8%A7%86"),  # 影视
    (None, "/market/"),
    (ENTERPRISE, "/enterprise/market/"),
    (ENTERPRISE, "/enterprise/market/matches/"),
    (ENTERPRISE, "/enterprise/market/introductions/"),
    (PARK, "/park/market/"),
    (GOVERNMENT, "/gov/market/"),
    (None, "/copyright/"),
    (ENTERPRISE, "/enterprise/copyright/"),
    (ENTERPRISE, "/enterprise/copyright/licences/"),
    (ENTERPRISE, "/enterprise/copyright/pledges/"),
    (ENTERPRISE, "copyright work"),
    (GOVERNMENT, "/gov/copyright/"),
    (BANKER, "/me/finance/pledges/?number=ZQ-2026-330106-0012"),
    (GOVERNMENT, "screening room"),
]

# Each test runs in a transaction rolled back when it ends, over the demo the module wrote and
# committed once: what a page writes (a session, a notice read) is undone.
pytestmark = pytest.mark.django_db

OVERFLOW = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, browser, tmp_path_factory):
    """The demo, served by a server of the module's own and removed after its last test.

    Every test reads what the module wrote once, so none may run in a transaction that is
    emptied when it ends: pytest-django's ``live_server`` would do that to each test that asks
    for it. The database is put back as it was found, reference data of the migrations
    included.

    The test database is set up before the browser starts, so that the connections the
    browser's fixture keeps are the test database's."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
    ):
        before = connections["default"].creation.serialize_db_to_string()
        loaded = load_demo()
        # Flushing afterwards is only safe on a database this module filled itself.
        assert loaded, "the demo was already in the database"
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        yield {"url": server.url, **_places()}
        server._live_server_modified_settings.disable()
        server.stop()
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connections["default"].creation.deserialize_db_from_string(before)


def _places():
    """Where the pages that take an id are: the park's desk, a ticket, a receipt, a work
    with a pledge in force (its table has a column of release buttons)."""
    park = Park.objects.get(memberships__user__email=PARK)
    desk = Event.objects.filter(owner=park, parent=None).order_by("pk").first()
    ticket = (
        Registration.objects.filter(
            user__email=PERSON,
            status=event_enums.RegistrationStatus.CONFIRMED,
            event__status=event_enums.EventStatus.PUBLISHED,
            event__ends_at__gt=timezone.now(),
        )
        .order_by("pk")
        .first()
    )
    receipt = (
        Application.objects.filter(
            enterprise__memberships__user__email=ENTERPRISE, submitted_at__isnull=False
        )
        .order_by("pk")
        .first()
    )
    programme = Programme.objects.filter(is_published=True).order_by("pk").first()
    screened = ReleaseFiling.objects.filter(cuts__isnull=False).order_by("pk").first()
    pledged = (
        Work.objects.filter(
            enterprise__memberships__user__email=ENTERPRISE,
            pledges__state=copyright_enums.PledgeState.ACTIVE,
        )
        .order_by("pk")
        .first()
    )
    return {
        "check-in desk": f"/park/events/{desk.pk}/check-in/",
        "ticket": f"/me/events/{ticket.pk}/",
        "receipt": f"/enterprise/applications/{receipt.pk}/",
        "receipt number": receipt.acceptance_number,
        "programme": f"/programmes/{programme.pk}/",
        "screening room": f"/gov/filings/releases/{screened.pk}/screening/",
        "copyright work": f"/enterprise/copyright/works/{pledged.pk}/",
    }


@pytest.fixture(scope="module")
def pages(browser, demo):
    """``pages[account, width, locale]``: a browser tab at ``width`` px speaking ``locale``,
    signed in as ``account`` (``None`` for a visitor). All are opened, and signed in, before
    the first test, so that their sessions outlive the transaction each test is rolled back
    in."""
    opened = {}
    for account in [None, ENTERPRISE, PARK, GOVERNMENT, PERSON, BANKER, PARTNER]:
        for viewport, locale in [
            (PHONE, LOCALE),
            (PHONE, ENGLISH),
            (LAPTOP, LOCALE),
            (LAPTOP, ENGLISH),
        ]:
            context = browser.new_context(locale=locale, viewport=viewport)
            context.set_default_timeout(TIMEOUT_MS)
            context.add_init_script(CSP_LISTENER)
            page = context.new_page()
            if account:
                sign_in(page, demo["url"], account)
            opened[account, viewport["width"], locale] = page
    yield opened
    for page in opened.values():
        page.context.close()


def sign_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def opened(pages, demo, account, path, viewport, locale=LOCALE):
    page = pages[account, viewport["width"], locale]
    response = page.goto(demo["url"] + demo.get(path, path))
    assert response.status == 200, f"{path}: {response.status}"
    return page


def boxes_overlap(first, second):
    return not (
        first["x"] + first["width"] <= second["x"]
        or second["x"] + second["width"] <= first["x"]
        or first["y"] + first["height"] <= second["y"]
        or second["y"] + second["height"] <= first["y"]
    )


@pytest.mark.parametrize(("viewport", "locale"), FITTING, ids=lambda value: str(value))
@pytest.mark.parametrize(("account", "path"), PHONE_PAGES)
def test_the_page_does_not_scroll_sideways(pages, demo, account, path, viewport, locale):
    page = opened(pages, demo, account, path, viewport, locale)

    scroll_width, client_width = page.evaluate(OVERFLOW)

    assert scroll_width <= client_width, (
        f"{path} is {scroll_width} px wide on a {client_width} px screen in {locale}"
    )


def test_a_wide_list_scrolls_inside_its_box_and_keeps_names_on_a_line(pages, demo):
    page = opened(pages, demo, None, "/enterprises/", PHONE)
    box = page.locator(".table-responsive").first
    first_name = box.locator("tbody tr td:first-child a").first

    box_width, table_width = box.evaluate("box => [box.clientWidth, box.scrollWidth]")
    name_box = first_name.bounding_box()
    line_height = first_name.evaluate("a => parseFloat(getComputedStyle(a).lineHeight)")

    assert table_width > box_width
    assert name_box["height"] <= 2 * line_height


def test_the_copyright_overviews_counts_are_in_view_on_a_phone(pages, demo):
    page = opened(pages, demo, GOVERNMENT, "/gov/copyright/", PHONE)

    boxes = [cell.bounding_box() for cell in page.locator("tbody td.text-end").all()]

    assert len(boxes) == 23
    assert max(box["x"] + box["width"] for box in boxes) <= PHONE["width"]


@pytest.mark.parametrize("path", ["/programmes/", "programme", "/gov/programmes/"])
def test_the_programme_window_and_budget_do_not_overlap_on_a_laptop(pages, demo, path):
    account = GOVERNMENT if path.startswith("/gov/") else None
    page = opened(pages, demo, account, path, LAPTOP)
    windows = page.locator(".cp-window")
    budgets = page.locator(".cp-budget")

    pairs = [
        (windows.nth(index).bounding_box(), budgets.nth(index).bounding_box())
        for index in range(budgets.count())
    ]

    assert pairs
    assert [pair for pair in pairs if boxes_overlap(*pair)] == []


@pytest.mark.parametrize(
    ("account", "path", "content"),
    [(PERSON, "ticket", "#ticket-code"), (ENTERPRISE, "receipt", "#acceptance-number")],
)
def test_a_ticket_and_a_receipt_print_without_the_navigation(pages, demo, account, path, content):
    page = opened(pages, demo, account, path, LAPTOP)

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    printed = {
        "header": page.locator("body > header").is_visible(),
        "footer": page.locator("body > footer").is_visible(),
        "buttons": page.locator("main .btn:visible").count(),
        "content": page.locator(content).is_visible(),
    }
    page.emulate_media(media="screen")

    assert pdf.startswith(b"%PDF")
    assert printed == {"header": False, "footer": False, "buttons": 0, "content": True}


def test_the_receipt_shows_its_acceptance_number(pages, demo):
    page = opened(pages, demo, ENTERPRISE, "receipt", LAPTOP)

    number = page.locator("#acceptance-number").inner_text()

    assert number == demo["receipt number"]
