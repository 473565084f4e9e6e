"""Story: after searching or paging, Back and Forward show whole pages, never a fragment."""

import re

from playwright.sync_api import expect

from e2e.pages.customers import url_with


def expect_full_grid_page(grid):
    """The whole page: header, heading, filter form, one results region, the table."""
    expect(grid.page.get_by_role("banner")).to_be_visible()
    expect(grid.heading).to_be_visible()
    expect(grid.filters).to_be_visible()
    expect(grid.search_box).to_be_visible()
    expect(grid.new_customer_button).to_be_visible()
    expect(grid.table).to_be_visible()
    expect(grid.page.locator("#results")).to_have_count(1)
    expect(grid.page.locator("h1")).to_have_count(1)
    expect(grid.page).to_have_title("Customers · CRM")


def test_back_after_a_search_shows_the_full_earlier_page(grid, make_customer):
    for name in ["Ann Smith", "Bob Jones", "Carol Smithers"]:
        make_customer(name)
    grid.open()
    grid.search("smith")
    grid.search("smithers")
    expect(grid.rows).to_have_count(1)
    grid.mark_page()

    grid.page.go_back()

    grid.wait_for_reload()  # htmx keeps no snapshots: the page is loaded afresh
    expect(grid.page).to_have_url(url_with(q="smith"))
    expect_full_grid_page(grid)
    expect(grid.search_box).to_have_value("smith")
    grid.expect_names(["Carol Smithers", "Ann Smith"])

    grid.mark_page()
    grid.page.go_back()

    grid.wait_for_reload()
    expect(grid.page).to_have_url(re.compile(r"/customers/$"))
    expect_full_grid_page(grid)
    expect(grid.search_box).to_have_value("")
    expect(grid.rows).to_have_count(3)
    expect(grid.count).to_have_text("3 customers")

    grid.mark_page()
    grid.page.go_forward()

    grid.wait_for_reload()
    expect(grid.page).to_have_url(url_with(q="smith"))
    expect_full_grid_page(grid)
    expect(grid.search_box).to_have_value("smith")
    expect(grid.rows).to_have_count(2)


def test_back_after_paging_and_sorting_shows_the_earlier_page(grid, make_customer):
    for number in range(1, 31):
        make_customer(f"Customer {number:02}")
    grid.open()
    grid.sort_by("Name")
    grid.go_to_page(2)
    expect(grid.rows).to_have_count(5)
    grid.mark_page()

    grid.page.go_back()

    grid.wait_for_reload()
    expect(grid.page).to_have_url(re.compile(r"/customers/\?sort=name$"))
    expect_full_grid_page(grid)
    expect(grid.rows).to_have_count(25)
    expect(grid.rows.first).to_have_accessible_name("Customer 01")
    expect(grid.sort_state("Name")).to_have_attribute("aria-sort", "ascending")


def test_back_from_another_page_shows_the_searched_grid_in_full(grid, make_customer):
    """The URL htmx pushed was also fetched as a fragment: the browser's cache must
    not hand that fragment back when the user returns to it from another page."""
    for name in ["Ann Smith", "Bob Jones"]:
        make_customer(name)
    grid.open()
    grid.search("smith")

    grid.page.get_by_role("link", name="Change password").click()
    expect(grid.page.get_by_role("heading", level=1)).not_to_have_text("Customers")
    grid.page.go_back()

    expect(grid.page).to_have_url(url_with(q="smith"))
    expect_full_grid_page(grid)
    expect(grid.search_box).to_have_value("smith")
    grid.expect_names(["Ann Smith"])
