"""Story: a user chooses which columns the grid shows, under "Columns". The grid redraws
in place, the choice is still there after a reload and in their next session, another
user's grid is their own, and without JavaScript "Apply" does the same."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from e2e.conftest import CUSTOMER_PERMISSIONS, grant
from e2e.pages.customers import CustomerGrid, url_with

DEFAULT = [
    *("Name", "Email", "Phone", "Company", "Owner", "Tags", "Status", "Next step"),
    "Actions",
]


def shown(grid: CustomerGrid) -> list[str]:
    """The columns' headers (uppercase by CSS, so compared folded), leaving out the
    checkboxes' column, always there, its header read out only."""
    return [header.casefold() for header in grid.column_headers() if header != "Select"]


def folded(headers: list[str]) -> list[str]:
    return [header.casefold() for header in headers]


@pytest.fixture
def ann(make_customer):
    return make_customer("Ann Lee", email="ann@example.com", phone="+442079460958")


def test_chosen_columns_redraw_the_grid_and_stay_after_a_reload(grid, ann):
    grid.open("?q=ann")
    grid.mark_page()
    assert shown(grid) == folded(DEFAULT)

    columns = grid.columns()
    expect(columns.box("Phone")).to_be_checked()
    expect(columns.box("Created")).not_to_be_checked()
    columns.box("Created").check()
    expect(grid.table.get_by_role("columnheader", name="Created")).to_be_visible()
    columns.box("Phone").uncheck()

    expect(grid.table.get_by_role("columnheader", name="Phone")).to_have_count(0)
    assert grid.is_same_page(), "choosing a column reloaded the page"
    expect(columns.group).to_be_visible()  # the chooser stays open for the next one
    expect(grid.page).to_have_url(url_with(q="ann"))
    grid.expect_names(["Ann Lee"])  # still the same search
    expected = [*DEFAULT[:2], *DEFAULT[3:-1], "Created", "Actions"]
    assert shown(grid) == folded(expected)

    grid.page.reload()

    expect(grid.table.get_by_role("columnheader", name="Created")).to_be_visible()
    assert shown(grid) == folded(expected)
    expect(grid.table.get_by_role("columnheader", name="Phone")).to_have_count(0)


def test_another_user_keeps_their_own_columns(grid, ann, new_context, log_in, password):
    other = grant(
        get_user_model().objects.create_user(username="otto", password=password),
        *CUSTOMER_PERMISSIONS,
    )
    grid.open()
    grid.columns().box("Created").check()
    expect(grid.table.get_by_role("columnheader", name="Created")).to_be_visible()

    theirs = CustomerGrid(log_in(new_context().new_page(), other)).open()

    assert shown(theirs) == folded(DEFAULT)
    theirs.columns().box("Email").uncheck()
    expect(theirs.table.get_by_role("columnheader", name="Email")).to_have_count(0)
    grid.page.reload()
    expect(grid.table.get_by_role("columnheader", name="Email")).to_be_visible()
    expect(grid.table.get_by_role("columnheader", name="Created")).to_be_visible()


def test_default_columns_puts_them_back(grid, ann):
    grid.open()
    columns = grid.columns()
    columns.box("Tags").uncheck()
    expect(grid.table.get_by_role("columnheader", name="Tags")).to_have_count(0)

    columns.default_button.click()

    expect(grid.table.get_by_role("columnheader", name="Tags")).to_be_visible()
    expect(grid.columns().box("Tags")).to_be_checked()
    assert shown(grid) == folded(DEFAULT)


def test_choosing_columns_without_javascript(page_without_js, ann):
    page = page_without_js
    grid = CustomerGrid(page).open("?q=ann&sort=name")

    columns = grid.columns()  # a <details>: it opens without JavaScript
    columns.box("Created").check()
    columns.box("Email").uncheck()
    columns.apply_button.click()

    expect(page).to_have_url(re.compile(r"/customers/\?q=ann&sort=name$"))
    expect(grid.table.get_by_role("columnheader", name="Created")).to_be_visible()
    expect(grid.table.get_by_role("columnheader", name="Email")).to_have_count(0)
    grid.expect_names(["Ann Lee"])

    page.reload()
    assert shown(grid) == folded([*DEFAULT[:1], *DEFAULT[2:-1], "Created", "Actions"])
