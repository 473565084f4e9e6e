"""Browser tests: a real Chromium drives the app served by pytest-django's live server.

Self-contained: the users, customers and logged-in pages the stories need are made
here, not taken from the root conftest.

Against a deployed instance: with E2E_BASE_URL set, the pages come from that URL and
only the flows marked `deployed` run (the others make their data through the ORM, in
a database the instance does not share); they log in as E2E_USERNAME / E2E_PASSWORD
and make, and remove, their own data through the UI.

Which Chromium: $PLAYWRIGHT_CHROMIUM_EXECUTABLE if set, else the system one at
/usr/bin/chromium, else the one `playwright install chromium` downloads. With none of
them the run stops with instructions rather than skipping the browser tests.
"""

import datetime
import importlib
import itertools
import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import Page, expect

from customers.core.services import customer_create
from customers.timeline.services import interaction_create
from customers.tooling.benchmark.browser import CHROMIUM_ARGS, SYSTEM_CHROMIUM
from e2e.pages.customers import CustomerGrid
from e2e.pages.login import LoginPage
from e2e.pages.record import RecordPage

NO_CHROMIUM = """No Chromium for the browser tests (e2e/). Any one of these fixes it:
  - install the system package:      apt-get install chromium
  - let Playwright download its own: .venv/bin/python -m playwright install chromium
  - point at a Chromium binary:      export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/path/to/chromium
Or leave the browser tests out:      .venv/bin/python -m pytest --ignore=e2e"""

# A deployed instance to test instead of the live server, e.g. https://crm.example.test
DEPLOYED_URL = os.environ.get("E2E_BASE_URL", "").strip().rstrip("/")
DEPLOYED_LOGIN = ("E2E_USERNAME", "E2E_PASSWORD")

# Auto-waiting assertions give up after this long; a loaded CI machine needs more than
# Playwright's 5 s default now and then, and a passing test never waits it out.
expect.set_options(timeout=10_000)

USERNAME = "demo"
PASSWORD = "a-long-test-password-1234"
CUSTOMER_PERMISSIONS = ("view_customer", "add_customer", "change_customer", "delete_customer")
# As a Manager: any owner's customers, and choosing owners (e2e/test_roles.py is about roles).
CUSTOMER_PERMISSIONS += ("change_others_records", "reassign_owner")


# --- Environment ------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    """Playwright's sync API keeps an asyncio loop running in the test thread, which
    makes Django refuse ORM calls there (SynchronousOnlyOperation). The test thread
    only sets up and checks data between browser actions, so that is safe here.

    Session-scoped because the Playwright loop lives for the whole session too.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def chromium_executable(playwright) -> str:
    configured = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "").strip()
    if configured:
        if Path(configured).is_file():
            return configured
        pytest.exit(
            f"PLAYWRIGHT_CHROMIUM_EXECUTABLE is set to {configured!r}, which does not exist.\n"
            + NO_CHROMIUM,
            returncode=1,
        )
    if SYSTEM_CHROMIUM.is_file():
        return str(SYSTEM_CHROMIUM)
    bundled = playwright.chromium.executable_path
    if bundled and Path(bundled).is_file():
        return bundled
    pytest.exit(NO_CHROMIUM, returncode=1)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_name, request):
    if browser_name != "chromium":
        return browser_type_launch_args
    return {
        "headless": True,  # --headed still wins: it is in browser_type_launch_args
        **browser_type_launch_args,
        "executable_path": request.getfixturevalue("chromium_executable"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(request) -> str:
    """Pages are opened by path (page.goto("/customers/")) on the live server, or on
    the deployed instance at E2E_BASE_URL."""
    if DEPLOYED_URL:
        return DEPLOYED_URL
    return request.getfixturevalue("live_server").url


def pytest_collection_modifyitems(config, items):
    """With E2E_BASE_URL set, only the browser flows marked `deployed` run; the rest
    are deselected, and the run says how many and why. Without it they run on the live
    server, with the test database `account` makes its user in (asked for by marker:
    pytest-django decides on a transactional database from the fixtures a test names)."""
    here = Path(__file__).parent
    browser = [item for item in items if here in Path(item.path).parents]
    if not DEPLOYED_URL:
        for item in browser:
            if item.get_closest_marker("deployed"):
                item.add_marker(pytest.mark.django_db(transaction=True))
        return
    left_out = [item for item in browser if item.get_closest_marker("deployed") is None]
    kept = len(browser) - len(left_out)
    if kept and not all(os.environ.get(name) for name in DEPLOYED_LOGIN):
        pytest.exit(
            f"E2E_BASE_URL is set to {DEPLOYED_URL}: set {' and '.join(DEPLOYED_LOGIN)} "
            "too, the login the browser tests use there.",
            returncode=4,
        )
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in set(left_out)]
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter:
        reporter.write_line(
            f"E2E_BASE_URL={DEPLOYED_URL}: running the {kept} browser tests marked "
            f"'deployed'; {len(left_out)} others deselected, as they make their data "
            "through the test database, which a deployed instance does not share."
        )


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 800},
        "color_scheme": "light",
        "locale": "en-US",
        "timezone_id": "UTC",
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Every test logs in; the default hasher's deliberate slowness would dominate."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- Data -------------------------------------------------------------------------


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def user(live_server, transactional_db):
    """A plain (not staff, not superuser) user who may view, add, change and delete
    customers."""
    user = get_user_model().objects.create_user(
        username=USERNAME, email="demo@example.com", password=PASSWORD
    )
    return grant(user, *CUSTOMER_PERMISSIONS)


def grant(user, *codenames: str):
    """Give `user` these permissions of the CRM too (a story's extra rights)."""
    permissions = Permission.objects.filter(
        content_type__app_label="customers", codename__in=codenames
    )
    assert permissions.count() == len(codenames)
    user.user_permissions.add(*permissions)
    return user


def add_activity(customer, subject, *, kind="note", minutes_ago=60):
    """An entry on `customer`'s timeline, recorded by nobody, `minutes_ago` ago."""
    return interaction_create(
        customer=customer,
        recorded_by=None,
        kind=kind,
        subject=subject,
        happened_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def pipeline(live_server, transactional_db):
    """The stages, closing reasons and lead sources a fresh install has.

    They come from a data migration, and browser tests flush the database after each
    test, so they are put back the way the migration puts them.
    """
    migration = importlib.import_module("customers.migrations.0004_pipeline_defaults")
    migration.add_defaults(apps, None)


@pytest.fixture
def make_customer(live_server, transactional_db):
    """Create a customer through the service, as the app does; the email defaults to a
    unique one made from the name. Customers made later are newer (listed first)."""
    numbers = itertools.count(1)

    def make(name: str, **fields):
        if "email" not in fields:
            local = re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".") or "customer"
            fields["email"] = f"{local}.{next(numbers)}@example.com"
        return customer_create(name=name, **fields)

    return make


# --- Pages ------------------------------------------------------------------------


@pytest.fixture
def log_in(password):
    """Log `user` in on `page` through the real login form."""

    def log_in(page: Page, user) -> Page:
        LoginPage(page).open().log_in(user.get_username(), password)
        expect(page).to_have_url(re.compile(r"/customers/$"))
        return page

    return log_in


@pytest.fixture
def logged_in_page(page, user, log_in) -> Page:
    return log_in(page, user)


@pytest.fixture
def page_without_js(new_context, user, log_in) -> Page:
    """A page of a browser with JavaScript off, logged in as `user`."""
    return log_in(new_context(java_script_enabled=False).new_page(), user)


@pytest.fixture
def account(request) -> tuple[str, str]:
    """Who a `deployed` flow logs in as: E2E_USERNAME / E2E_PASSWORD on a deployed
    instance, else `user` on the live server. Nothing else of the database is used."""
    if DEPLOYED_URL:
        return tuple(os.environ[name] for name in DEPLOYED_LOGIN)
    return request.getfixturevalue("user").get_username(), PASSWORD


@pytest.fixture
def account_page(page, account) -> Page:
    """`page`, logged in as `account` through the real login form."""
    LoginPage(page).open().log_in(*account)
    expect(page).to_have_url(re.compile(r"/customers/$"))
    return page


@pytest.fixture
def grid(logged_in_page) -> CustomerGrid:
    """The customer grid for a logged-in user. Call .open() once the data is made."""
    return CustomerGrid(logged_in_page)


@pytest.fixture
def grid_without_js(page_without_js) -> CustomerGrid:
    """The customer grid with JavaScript off. Call .open() once the data is made."""
    return CustomerGrid(page_without_js)


@pytest.fixture
def record_without_js(page_without_js) -> RecordPage:
    """The record page with JavaScript off."""
    return RecordPage(page_without_js)
