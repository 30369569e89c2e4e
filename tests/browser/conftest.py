"""Real-browser fixtures: one live server and one Chromium for the whole session.

Debian's Chromium is driven by Playwright (``playwright install`` cannot download here);
each test gets its own browser context, so cookies and progress never leak between tests.
Without ``/usr/bin/chromium`` the browser tests are skipped, except under ``CI=true``,
where a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from app.content.model import Catalog
from tests.browser.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMEOUT_MS,
    LiveServer,
    Staff,
    Walker,
    make_staff,
    serve,
    with_legal_guide,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder runs in a browser, whether or not its module says so."""
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on a file SQLite database, served from a daemon thread."""
    database = tmp_path_factory.mktemp("browser") / "b.sqlite3"
    with serve(with_legal_guide(catalog), database) as server:
        yield server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium instead of a Playwright download."""
    if not CHROMIUM.exists():
        reason = (
            f"{CHROMIUM} is missing: install Debian's Chromium "
            "(apt-get install -y --no-install-recommends chromium) to run browser tests"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict, live_server: LiveServer) -> dict:
    """Every context talks to the live server, in a fixed locale."""
    return {**browser_context_args, "base_url": live_server.url, "locale": "en-GB"}


@pytest.fixture
def context(new_context) -> BrowserContext:  # type: ignore[no-untyped-def]
    """A fresh context per test, failing fast instead of after Playwright's 30 s."""
    ctx = new_context()
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx


@pytest.fixture(scope="session")
def staff(browser: Browser, live_server: LiveServer) -> Staff:
    """A facilitator and administrator with an organisation and a class, made once."""
    return make_staff(browser, live_server)


@pytest.fixture
def walker(
    new_context,
    context: BrowserContext,
    page: Page,  # type: ignore[no-untyped-def]
    live_server: LiveServer,
    staff: Staff,
) -> Walker:
    """Opens page types as this test's guest learner, or as staff where a learner may not."""

    def new_staff_context() -> BrowserContext:
        ctx = new_context(storage_state=staff.storage_state)
        ctx.set_default_timeout(TIMEOUT_MS)
        return ctx

    return Walker(live_server, context, page, new_staff_context)
