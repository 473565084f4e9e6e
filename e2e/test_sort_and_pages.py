"""Story: the user sorts the grid by a column and pages through it."""

import re

from playwright.sync_api import expect

from e2e.pages.customers import url_with


def test_sort_by_name_ascending_then_descending(grid, make_customer):
    for name in ["Bert", "Dora", "Abel", "Carl"]:
        make_customer(name)
    grid.open()
    grid.expect_names(["Carl", "Abel", "Dora", "Bert"])  # newest first
    grid.mark_page()

    grid.sort_by("Name")

    grid.expect_names(["Abel", "Bert", "Carl", "Dora"])
    expect(grid.sort_state("Name")).to_have_attribute("aria-sort", "ascending")
    expect(grid.page).to_have_url(url_with(sort="name"))

    grid.sort_by("Name")

    grid.expect_names(["Dora", "Carl", "Bert", "Abel"])
    expect(grid.sort_state("Name")).to_have_attribute("aria-sort", "descending")
    expect(grid.page).to_have_url(url_with(sort="-name"))
    assert grid.is_same_page(), "sorting reloaded the page"


def test_pages_of_25_and_the_second_page_shows_the_rest(grid, make_customer):
    for number in range(1, 31):
        make_customer(f"Customer {number:02}")
    grid.open()
    expect(grid.rows).to_have_count(25)
    expect(grid.count).to_have_text("30 customers")
    expect(grid.rows.first).to_have_accessible_name("Customer 30")
    grid.mark_page()

    grid.go_to_page(2)

    expect(grid.page).to_have_url(url_with(page="2"))
    grid.expect_names([f"Customer {n:02}" for n in range(5, 0, -1)])
    expect(grid.count).to_have_text("30 customers")
    expect(grid.pagination.get_by_role("link", name="2", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(grid.pagination.get_by_role("link", name="Next")).to_have_count(0)

    grid.go_to_page("Previous")

    expect(grid.rows).to_have_count(25)
    expect(grid.rows.first).to_have_accessible_name("Customer 30")
    assert grid.is_same_page(), "paging reloaded the page"


def test_paging_keeps_the_sort_and_sorting_starts_again_at_page_one(grid, make_customer):
    for number in range(30, 0, -1):  # created in reverse, so sorting by name matters
        make_customer(f"Customer {number:02}")
    grid.open()

    grid.sort_by("Name")
    grid.go_to_page("Next")

    expect(grid.page).to_have_url(url_with(sort="name", page="2"))
    grid.expect_names([f"Customer {n:02}" for n in range(26, 31)])

    grid.sort_by("Name")  # now descending, from the first page

    expect(grid.page).to_have_url(url_with(sort="-name"))
    expect(grid.page).not_to_have_url(re.compile(r"[?&]page="))
    expect(grid.rows.first).to_have_accessible_name("Customer 30")
    expect(grid.rows).to_have_count(25)
