"""Story: the address bar says only what the user asked for, on a page that exists,
with JavaScript or without: a bookmark of a list that shrank, the last row of the last
page deleted, a search sent by the Search button."""

import re

import pytest
from playwright.sync_api import expect

from e2e.pages.customers import CustomerGrid


@pytest.fixture
def twenty_six(make_customer):
    """Two pages: the oldest customer alone on page 2."""
    for number in range(1, 27):
        make_customer(f"Customer {number:02}")


def test_a_search_sent_without_javascript_keeps_only_what_was_set(grid_without_js):
    grid = grid_without_js.open()

    grid.search_box.fill("jose")
    grid.filters.get_by_role("button", name="Search").click()

    expect(grid.page).to_have_url(re.compile(r"/customers/\?q=jose$"))
    expect(grid.search_box).to_have_value("jose")


def test_a_live_search_pushes_only_what_is_set(logged_in_page):
    grid = CustomerGrid(logged_in_page).open()

    grid.filters.get_by_label("Status", exact=True).select_option(label="Lead")
    expect(grid.page).to_have_url(re.compile(r"/customers/\?status=lead$"))
    grid.filters.get_by_label("Status", exact=True).select_option(index=0)
    grid.search("jose")

    expect(grid.page).to_have_url(re.compile(r"/customers/\?q=jose$"))


def test_a_bookmark_past_the_last_page_opens_the_last(logged_in_page, twenty_six):
    grid = CustomerGrid(logged_in_page)

    grid.open("?page=999")

    expect(grid.page).to_have_url(re.compile(r"/customers/\?page=2$"))
    grid.expect_names(["Customer 01"])
    expect(grid.pagination.get_by_role("link", name="2", exact=True)).to_have_attribute(
        "aria-current", "page"
    )


def test_deleting_the_last_row_of_the_last_page_lands_on_the_page_before(
    logged_in_page, twenty_six
):
    grid = CustomerGrid(logged_in_page).open("?page=2")
    grid.expect_names(["Customer 01"])

    grid.delete(grid.row("Customer 01")).confirm()

    expect(grid.page).to_have_url(re.compile(r"/customers/$"))
    expect(grid.rows).to_have_count(25)
    expect(grid.pagination).to_have_count(0)  # one page: no page links
