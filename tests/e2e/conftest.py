"""Browser scenarios: Debian's Chromium, driven by Playwright's sync API, against live_server.

Every test here is marked ``e2e``. The directory is skipped when ``/usr/bin/chromium`` is
missing. Never run ``playwright install``: the browser is Debian's.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import translation

# Playwright's sync API keeps an asyncio event loop running in the test thread, and Django
# refuses ORM calls from a thread with a running loop. The ORM and the browser never run at the
# same moment here, so the guard is lifted for these tests.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
# A phone and a laptop. The scenarios people most rely on walk twice: in Chinese on a phone and
# in English on a laptop, so each language and each width is walked once (the phone checks in
# test_phones.py open the main pages at 390 px in both languages).
WIDTHS = {390: 844, 1280: 800}
EVERY_LANGUAGE_AND_WIDTH = [("zh-CN", 390), ("en-US", 1280)]
HERE = Path(__file__).parent

# Reports each Content-Security-Policy violation on the console, besides Chromium's own line,
# so that a violation is caught even if the browser's wording changes.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""

# Reports a page wider than the window (one that scrolls sideways) as a console error when it
# has loaded, so that every page a scenario opens is checked at the scenario's width.
OVERFLOW_LISTENER = """
window.addEventListener("load", () => {
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    // The innermost element whose box or content reaches past the window's edge.
    const wide = [...document.body.querySelectorAll("*")].filter((element) =>
      element.getBoundingClientRect().left + element.scrollWidth > root.clientWidth + 1
      && getComputedStyle(element).overflowX === "visible");
    const last = wide[wide.length - 1];
    const where = last ? `${last.tagName.toLowerCase()}.${last.className}` : "";
    const text = last ? last.textContent.trim().slice(0, 40) : "";
    console.error(`page overflow: ${location.pathname} is ${root.scrollWidth} px wide`
      + ` in a ${root.clientWidth} px window (${where}: "${text}")`);
  }
});
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    test_connections = {alias: connections[alias] for alias in connections}
    with sync_api.sync_playwright() as playwright:
        _keep_connections(test_connections)
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _keep_connections(test_connections):
    """Keep using the test databases' connection objects while Playwright's loop runs.

    Django keeps a thread's connections in an ``asgiref.local.Local``, which is thread-local in
    a thread without a running event loop and context-local in one with it. Once Playwright has
    started, the test thread has a running loop, so Django would open fresh connections there:
    ones without ``_test_serialized_contents`` (``serialized_rollback`` would then restore
    nothing, and the flush after a test would recreate content types under new ids), and, on
    in-memory SQLite, not the connection live_server's thread shares.
    """
    for alias, connection in test_connections.items():
        connections[alias] = connection


@pytest.fixture
def browser_locale():
    """The browser's language; override or parametrize it to see the English pages."""
    return "zh-CN"


@pytest.fixture
def browser_width():
    """The window's width in pixels; parametrize it with ``browser_locale`` through
    ``EVERY_LANGUAGE_AND_WIDTH`` to walk a scenario on a phone too."""
    return 1280


@pytest.fixture
def language(browser_locale):
    """The platform language the browser's locale is served in (``zh-CN`` -> ``zh-hans``)."""
    return translation.get_supported_language_variant(browser_locale.lower())


@pytest.fixture
def browser_errors():
    """Console errors (CSP violations among them) and uncaught exceptions of ``page``."""
    return []


@pytest.fixture
def page(browser, browser_locale, browser_width, browser_errors):
    context = browser.new_context(
        locale=browser_locale,
        viewport={"width": browser_width, "height": WIDTHS[browser_width]},
        accept_downloads=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(CSP_LISTENER)
    context.add_init_script(OVERFLOW_LISTENER)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            browser_errors.append(f"console: {message.text} ({message.location.get('url')})")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: browser_errors.append(f"page error: {error}"))
    yield page
    context.close()


@pytest.fixture(scope="session", autouse=True)
def _reference_data_restored(django_db_setup, django_db_blocker):
    """A transactional test empties every table when it ends, the reference data shipped by
    the data migrations (regions, categories, tags) included. ``serialized_rollback=True`` on
    the tests brings it back when the next such test starts; this puts it back after the last
    one too (emptying the tables first, as that test's teardown would have), so that a database
    kept by ``--reuse-db`` is whole for the next run."""
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                call_command(
                    "flush",
                    database=connection.alias,
                    interactive=False,
                    inhibit_post_migrate=True,
                    verbosity=0,
                )
                connection.creation.deserialize_db_from_string(contents)
