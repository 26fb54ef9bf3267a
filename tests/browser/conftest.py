"""Chromium through Playwright against pytest-django's live server.

Debian's Chromium (/usr/bin/chromium) is driven, not a downloaded browser, so the tests run
on a closed network. Screenshots go to artifacts/screenshots (git-ignored) for people to look at.
"""
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connections

from accounts import roles
from tests.conftest import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def browser(monkeypatch):
    """Chromium for one test; started per test so Playwright's event loop never outlives it."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"{message} and REQUIRE_SERVICES=1")  # CI installs it: its absence is a failure
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread while it is open; Django would
    # refuse the test's ORM calls made between two page actions, which are plain sync calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # ORM calls made while Playwright's loop runs get connections of their own context;
        # close them here, or PostgreSQL cannot drop the test database at the end of the run.
        connections.close_all()


def _ensure_role_groups() -> None:
    for role in roles.ALL_ROLES:
        Group.objects.get_or_create(name=role)


@pytest.fixture
def role_groups(transactional_db):
    """The role groups a data migration made; an earlier transactional test's flush removed them."""
    _ensure_role_groups()


@pytest.fixture(scope="module", autouse=True)
def role_groups_after(django_db_blocker):
    """Leave the groups as the migration made them for the tests that run after these: the
    flush that ends a transactional test empties every table, data-migration rows included."""
    yield
    with django_db_blocker.unblock():
        _ensure_role_groups()


@pytest.fixture
def new_page(browser, live_server, role_groups):
    """Open a fresh browser context (its own cookies) per person, at the live server."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": height}, accept_downloads=True)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def log_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
