"""Story: saved work never looks lost. After Back (or Forward) a page shows what the
server holds now, not the copy the browser kept from before htmx changed it. Each page
is loaded directly, as a bookmark or a typed address would load it."""

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import grant
from e2e.pages.customers import CustomerGrid
from e2e.pages.record import RecordPage
from e2e.pages.timeline import Timeline


@pytest.fixture
def user(user):
    return grant(user, "view_interaction", "add_interaction", "view_contact")


def test_back_to_the_grid_shows_a_row_saved_inline(logged_in_page, make_customer):
    make_customer("Probe Person", company="Old Co")
    page = logged_in_page
    grid = CustomerGrid(page).open()

    row = grid.edit(grid.row("Probe Person"))
    row.fill(company="Back Probe Co")
    row.save()
    expect(grid.cell(grid.row("Probe Person"), "Company")).to_have_text("Back Probe Co")
    grid.row("Probe Person").get_by_role("link", name="Probe Person", exact=True).click()
    expect(page.get_by_role("heading", name="Probe Person", level=1)).to_be_visible()

    page.go_back()

    expect(grid.heading).to_be_visible()
    expect(grid.cell(grid.row("Probe Person"), "Company")).to_have_text("Back Probe Co")
    page.go_forward()
    expect(RecordPage(page).fact("Company")).to_have_text("Back Probe Co")


def test_back_to_the_record_shows_a_note_added_there(logged_in_page, make_customer):
    customer = make_customer("Noted Ltd")
    page = logged_in_page
    RecordPage(page).open(customer)
    timeline = Timeline(page)

    timeline.add(subject="Called about the renewal")
    expect(timeline.item("Called about the renewal")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Customers").click()
    expect(page).to_have_url(re.compile(r"/customers/$"))

    page.go_back()

    expect(page).to_have_url(re.compile(rf"/customers/{customer.pk}/$"))
    expect(timeline.item("Called about the renewal")).to_be_visible()


def test_a_page_restored_from_the_back_forward_cache_is_asked_for_again(
    logged_in_page, make_customer
):
    """Chromium here keeps no-store pages out of its back-forward cache; a browser that
    restores one anyway (as some now do) fires pageshow with `persisted`, and the page
    then reloads. That restore is simulated: the event is what such a browser sends."""
    customer = make_customer("Cached Ltd")
    record = RecordPage(logged_in_page).open(customer)
    record.mark_page()

    with logged_in_page.expect_navigation():
        logged_in_page.evaluate(
            "window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))"
        )

    expect(record.heading).to_have_text("Cached Ltd")
    assert not record.is_same_page()


def test_an_ordinary_page_load_does_not_reload(logged_in_page, make_customer):
    customer = make_customer("Loaded Once")
    record = RecordPage(logged_in_page).open(customer)
    record.mark_page()

    logged_in_page.evaluate(
        "window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: false}))"
    )
    logged_in_page.wait_for_timeout(300)

    assert record.is_same_page()
