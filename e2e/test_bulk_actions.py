"""Story: the user ticks customers in the grid and acts on them all at once."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from customers.core.services import customer_update
from customers.models import Customer, Tag
from e2e.pages.customers import DeletePage


@pytest.fixture
def dana(user):
    """Another active user, who can be given customers."""
    return get_user_model().objects.create_user(
        "dana", "dana@example.com", "x", first_name="Dana", last_name="Scully"
    )


@pytest.fixture
def five(make_customer):
    """Five customers; the grid lists them newest first: Eve, Dan, Cy, Bob, Ann."""
    return [make_customer(name) for name in ("Ann", "Bob", "Cy", "Dan", "Eve")]


def test_assign_an_owner_to_three_customers(grid, five, dana):
    ann, bob, cy, dan, eve = five
    grid.open()
    grid.mark_page()
    expect(grid.bulk.count).to_have_text("None selected")

    grid.tick(grid.row(ann), grid.row(cy), grid.row(eve))
    expect(grid.bulk.count).to_have_text("3 selected")
    grid.bulk.assign_owner("Dana Scully")

    expect(grid.toast("3 customers assigned to Dana Scully.")).to_be_visible()
    for customer in (ann, cy, eve):
        expect(grid.cell(grid.row(customer), "Owner")).to_have_text("Dana Scully")
    for customer in (bob, dan):
        expect(grid.cell(grid.row(customer), "Owner")).to_have_text("")
    # The grid was redrawn: nothing is ticked any more.
    expect(grid.bulk.count).to_have_text("None selected")
    for customer in five:
        expect(grid.checkbox(grid.row(customer))).not_to_be_checked()
    assert grid.is_same_page(), "the bulk action reloaded the page"
    assert set(Customer.objects.filter(owner=dana).values_list("name", flat=True)) == {
        "Ann",
        "Cy",
        "Eve",
    }


def test_select_all_on_this_page(grid, make_customer):
    Customer.objects.bulk_create(
        Customer(name=f"Customer {n:02}", email=f"c{n}@example.com") for n in range(30)
    )
    grid.open()

    grid.bulk.select_all.check()

    expect(grid.rows).to_have_count(25)  # one page
    for n in range(25):
        expect(grid.checkbox(grid.rows.nth(n))).to_be_checked()
    expect(grid.bulk.count).to_have_text("25 selected")

    grid.checkbox(grid.rows.first).uncheck()
    expect(grid.bulk.count).to_have_text("24 selected")
    expect(grid.bulk.select_all).not_to_be_checked()
    assert grid.bulk.select_all.evaluate("box => box.indeterminate")

    grid.bulk.select_all.click()  # a half-ticked box ticks them all again
    expect(grid.bulk.count).to_have_text("25 selected")
    expect(grid.checkbox(grid.rows.first)).to_be_checked()

    grid.bulk.select_all.uncheck()
    expect(grid.bulk.count).to_have_text("None selected")
    expect(grid.rows.locator("input[name='ids']:checked")).to_have_count(0)

    grid.bulk.select_all.check()
    grid.bulk.set_status("Active")
    expect(grid.toast("25 customers set to Active.")).to_be_visible()
    assert Customer.objects.filter(status="active").count() == 25


def test_a_search_clears_the_ticks_and_the_bar_says_so(grid, five):
    """The bar stays while the rows change under it; it counts the new rows' boxes."""
    ann = five[0]
    grid.open()
    grid.bulk.select_all.check()
    expect(grid.bulk.count).to_have_text("5 selected")

    grid.search("ann")

    expect(grid.rows).to_have_count(1)
    expect(grid.bulk.count).to_have_text("None selected")
    expect(grid.bulk.select_all).not_to_be_checked()
    grid.tick(grid.row(ann))
    expect(grid.bulk.count).to_have_text("1 selected")


def test_bulk_delete_asks_in_a_dialog_then_the_rows_go(grid, five):
    ann, bob, cy, dan, eve = five
    grid.open()
    grid.mark_page()

    grid.tick(grid.row(bob), grid.row(dan))
    dialog = grid.bulk.delete("2 customers")

    expect(dialog.names).to_have_text([re.compile(r"^Bob \("), re.compile(r"^Dan \(")])
    dialog.confirm()

    expect(dialog.dialog).to_have_count(0)
    expect(grid.row(bob)).to_have_count(0)
    expect(grid.row(dan)).to_have_count(0)
    expect(grid.toast("2 customers moved to the trash.")).to_be_visible()
    grid.expect_names(["Eve", "Cy", "Ann"])
    expect(grid.count).to_have_text("3 customers")
    assert grid.is_same_page(), "deleting reloaded the page"
    assert set(Customer.objects.values_list("name", flat=True)) == {"Ann", "Cy", "Eve"}


def test_cancelling_the_bulk_delete_keeps_everyone_and_the_ticks(grid, five):
    ann, bob, *_ = five
    grid.open()

    grid.tick(grid.row(ann), grid.row(bob))
    dialog = grid.bulk.delete("2 customers")
    dialog.cancel_link.click()

    expect(dialog.dialog).to_have_count(0)
    expect(grid.rows).to_have_count(5)
    expect(grid.bulk.count).to_have_text("2 selected")
    assert Customer.objects.count() == 5


def test_bulk_set_status(grid, five):
    ann, bob, cy, dan, eve = five
    grid.open()
    grid.mark_page()

    grid.tick(grid.row(ann), grid.row(bob))
    grid.bulk.set_status("Prospect")

    expect(grid.toast("2 customers set to Prospect.")).to_be_visible()
    for customer in (ann, bob):
        expect(grid.cell(grid.row(customer), "Status")).to_have_text("Prospect")
    for customer in (cy, dan, eve):
        expect(grid.cell(grid.row(customer), "Status")).to_have_text("Lead")
    assert grid.is_same_page()


def test_bulk_add_tag_then_filter_by_it(grid, five):
    ann, bob, cy, *_ = five
    Tag.objects.create(name="VIP", colour=Tag.Colour.PURPLE)
    grid.open()

    grid.tick(grid.row(ann), grid.row(cy))
    grid.bulk.add_tag("VIP")

    expect(grid.toast("Tag “VIP” added to 2 customers.")).to_be_visible()
    expect(grid.cell(grid.row(ann), "Tags")).to_have_text("VIP")
    expect(grid.cell(grid.row(bob), "Tags")).to_have_text("")

    grid.filters.get_by_label("Tag", exact=True).select_option(label="VIP")
    grid.expect_names(["Cy", "Ann"])


def test_an_action_with_nothing_ticked_says_why(grid, five):
    grid.open()

    grid.bulk.assign_owner("No owner")

    expect(grid.toast("Select at least one customer first.")).to_be_visible()
    expect(grid.rows).to_have_count(5)


def test_a_missing_choice_keeps_the_ticks_and_says_why(grid, five):
    ann, bob, *_ = five
    grid.open()

    grid.tick(grid.row(ann), grid.row(bob))
    grid.bulk.set_status_button.click()

    expect(grid.toast("Choose the new status.")).to_be_visible()
    expect(grid.bulk.count).to_have_text("2 selected")
    expect(grid.checkbox(grid.row(ann))).to_be_checked()
    assert set(Customer.objects.values_list("status", flat=True)) == {"lead"}


# --- Without JavaScript -------------------------------------------------------------------


def test_bulk_status_and_delete_without_javascript(grid_without_js, five):
    ann, bob, cy, dan, eve = five
    grid = grid_without_js
    page = grid.page
    for customer in (ann, dan):
        customer_update(customer=customer, data={"company": "Hanover"})
    grid.open("?q=hanover")

    grid.tick(grid.row(ann), grid.row(dan))
    grid.bulk.set_status("Active")

    expect(page).to_have_url(re.compile(r"/customers/\?q=hanover$"))
    expect(grid.toast("2 customers set to Active.")).to_be_visible()
    expect(grid.cell(grid.row(ann), "Status")).to_have_text("Active")

    grid.tick(grid.row(ann), grid.row(dan))
    grid.bulk.delete_button.click()
    confirm = DeletePage(page, "2 customers")
    expect(confirm.heading).to_be_visible()
    confirm.confirm_button.click()

    expect(page).to_have_url(re.compile(r"/customers/\?q=hanover$"))
    expect(grid.toast("2 customers moved to the trash.")).to_be_visible()
    expect(grid.empty_message).to_be_visible()
    assert set(Customer.objects.values_list("name", flat=True)) == {"Bob", "Cy", "Eve"}
