"""Story: a keyboard user never loses their place. After each swap focus goes where they
expect (not back to the top of the page), and the customer grid's rows are walked with
the arrow keys, as in a spreadsheet, while it stays a table (docs/keyboard.md)."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from customers.deals.services import deal_create
from customers.models import Customer, Stage
from customers.record.services import contact_create
from e2e.conftest import add_activity, grant
from e2e.pages.customers import CustomerGrid
from e2e.pages.deals import DealBoard
from e2e.pages.record import RecordPage
from e2e.pages.timeline import Timeline

EDITING = re.compile(r"\bediting\b")


@pytest.fixture
def user(user):
    return grant(
        user,
        *("view_contact", "add_contact", "change_contact", "delete_contact"),
        *("view_interaction", "add_interaction", "change_interaction"),
        *("view_deal", "change_deal"),
    )


@pytest.fixture
def grid(logged_in_page, make_customer) -> CustomerGrid:
    """Three customers, newest first: Carol, Bob, Ann."""
    for name in ("Ann Able", "Bob Baker", "Carol Cook"):
        make_customer(name)
    return CustomerGrid(logged_in_page).open()


def edit_link(row):
    return row.get_by_role("link", name=re.compile(r"^Edit "))


# --- Focus after a swap ---------------------------------------------------------------


def test_edit_puts_focus_in_the_first_field_of_the_edit_row(grid):
    row = grid.row("Bob Baker")

    edit_link(row).press("Enter")

    expect(row).to_have_class(EDITING)
    expect(row.get_by_label("Name", exact=True)).to_be_focused()


def test_save_gives_focus_back_to_the_rows_edit_link(grid):
    row = grid.row("Bob Baker")
    edit_link(row).press("Enter")
    expect(row.get_by_label("Name", exact=True)).to_be_focused()

    grid.page.keyboard.type(" Jr")
    grid.page.keyboard.press("Enter")

    row = grid.row("Bob Baker Jr")  # a row is named by its customer's saved name
    expect(grid.cell(row, "Name")).to_have_text("Bob Baker Jr")
    expect(edit_link(row)).to_be_focused()
    # The next Tab goes on from there, not from the top of the page.
    grid.page.keyboard.press("Tab")
    expect(row.get_by_role("link", name=re.compile(r"^Delete "))).to_be_focused()


@pytest.mark.parametrize("how", ["Escape", "Cancel"])
def test_escape_or_cancel_gives_focus_back_to_the_rows_edit_link(grid, how):
    row = grid.row("Bob Baker")
    edit_link(row).press("Enter")
    expect(row).to_have_class(EDITING)

    if how == "Escape":
        grid.page.keyboard.press("Escape")
    else:
        row.get_by_role("link", name="Cancel", exact=True).press("Enter")

    expect(row).not_to_have_class(EDITING)
    expect(edit_link(row)).to_be_focused()


def test_a_dialog_gives_focus_back_and_a_deleted_rows_goes_to_the_next_row(grid):
    row = grid.row("Bob Baker")
    delete = row.get_by_role("link", name=re.compile(r"^Delete "))

    delete.press("Enter")
    dialog = grid.page.get_by_role("dialog")
    expect(dialog.get_by_role("link", name="Cancel")).to_be_focused()
    grid.page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(delete).to_be_focused()  # the control that opened it

    delete.press("Enter")
    dialog.get_by_role("button", name="Confirm delete").press("Enter")

    expect(grid.rows).to_have_count(2)
    expect(grid.row("Ann Able")).to_be_focused()  # Bob's row is gone: the next one
    assert not Customer.objects.filter(name="Bob Baker").exists()


def test_a_refresh_of_the_rows_keeps_focus_without_moving_the_view(logged_in_page, make_customer):
    """The rows refresh on their own after a change elsewhere (a delete, a new
    customer). Focus stays on the row the user last touched, but the view stays where
    they have scrolled since: a refresh must not pull them back to that row."""
    for n in range(1, 31):
        make_customer(f"Customer {n:02}")
    page = logged_in_page
    page.set_viewport_size({"width": 1280, "height": 600})
    grid = CustomerGrid(page).open()
    top_row = grid.rows.first
    top_row.focus()
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    scrolled = page.evaluate("() => window.scrollY")
    assert scrolled > 0

    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.evaluate("() => htmx.trigger(document.body, 'customers-changed')")
    expect(top_row).to_be_focused()  # the refreshed row, under the same id

    assert page.evaluate("() => window.scrollY") == scrolled


def test_adding_a_contact_leaves_focus_in_the_form_ready_for_the_next(
    logged_in_page, make_customer
):
    customer = make_customer("Acme")
    record = RecordPage(logged_in_page).open(customer)
    form = record.add_contact_form
    form.get_by_label("Name", exact=True).fill("Ann Smith")

    form.get_by_role("button", name="Add contact").press("Enter")

    expect(record.contact_row_named("Ann Smith")).to_be_visible()
    expect(form.get_by_label("Name", exact=True)).to_be_focused()
    expect(form.get_by_label("Name", exact=True)).to_have_value("")


def test_saving_a_contact_gives_focus_back_to_its_edit_link(logged_in_page, make_customer):
    customer = make_customer("Acme")
    bob = contact_create(customer=customer, name="Bob Boss")
    record = RecordPage(logged_in_page).open(customer)
    row = record.contact_row(bob)

    edit_link(row).press("Enter")
    expect(row.get_by_label("Name", exact=True)).to_be_focused()
    row.get_by_role("button", name="Save", exact=True).press("Enter")

    expect(row).not_to_have_class(EDITING)
    expect(edit_link(row)).to_be_focused()


def test_resolving_a_support_request_keeps_focus_on_it(logged_in_page, make_customer):
    customer = make_customer("Acme")
    add_activity(customer, "Cannot log in", kind="support")
    timeline = Timeline(logged_in_page).open(customer)

    timeline.item("Cannot log in").get_by_role("button", name="Resolve Cannot log in").press(
        "Enter"
    )

    expect(timeline.status("Cannot log in")).to_have_text("Resolved")
    reopen = timeline.item("Cannot log in").get_by_role("button", name="Reopen Cannot log in")
    expect(reopen).to_be_focused()


def test_a_moved_deal_keeps_focus_on_its_card(logged_in_page, make_customer, pipeline):
    deal_create(
        customer=make_customer("Acme"),
        title="Big win",
        amount=Decimal("500"),
        stage=Stage.objects.get(name="Proposal"),
    )
    board = DealBoard(logged_in_page).open()

    board.stage_select("Big win").select_option(label="Negotiation")
    board.move_button("Big win").press("Enter")

    expect(board.card("Big win", stage="Negotiation")).to_be_visible()
    expect(board.move_button("Big win")).to_be_focused()

    board.stage_select("Big win").press("ArrowDown")  # to Won
    board.stage_select("Big win").press("Enter")

    expect(board.card("Big win", stage="Won")).to_be_visible()
    expect(board.stage_select("Big win")).to_be_focused()


# --- The grid by keyboard -------------------------------------------------------------


def test_up_down_home_and_end_move_between_the_rows(grid):
    page = grid.page
    carol, bob, ann = grid.row("Carol Cook"), grid.row("Bob Baker"), grid.row("Ann Able")
    # Tab from the last column heading reaches the first row.
    grid.table.get_by_role("columnheader").get_by_role("link").last.focus()
    page.keyboard.press("Tab")
    expect(carol).to_be_focused()

    page.keyboard.press("ArrowDown")
    expect(bob).to_be_focused()
    page.keyboard.press("End")
    expect(ann).to_be_focused()
    page.keyboard.press("ArrowDown")  # no row after the last: it stays
    expect(ann).to_be_focused()
    page.keyboard.press("Home")
    expect(carol).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(carol).to_be_focused()

    # Still a table, read as one: rows of cells, no role="grid" in its place.
    expect(page.get_by_role("grid")).to_have_count(0)
    expect(grid.table.get_by_role("row")).to_have_count(4)  # the header and three rows


def test_up_and_down_keep_the_column(grid):
    page = grid.page
    edit_link(grid.row("Carol Cook")).focus()

    page.keyboard.press("ArrowDown")
    expect(edit_link(grid.row("Bob Baker"))).to_be_focused()
    page.keyboard.press("End")
    expect(edit_link(grid.row("Ann Able"))).to_be_focused()

    grid.cell(grid.row("Ann Able"), "Name").get_by_role("link").focus()
    page.keyboard.press("ArrowUp")
    expect(grid.cell(grid.row("Bob Baker"), "Name").get_by_role("link")).to_be_focused()


def test_enter_edits_the_focused_row_and_escape_cancels(grid):
    page = grid.page
    bob = grid.row("Bob Baker")
    grid.table.get_by_role("columnheader").get_by_role("link").last.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    expect(bob).to_be_focused()

    page.keyboard.press("Enter")

    name = bob.get_by_label("Name", exact=True)
    expect(name).to_be_focused()
    # Typing in a field keeps its own keys: the arrows and Home stay in the field.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Home")
    page.keyboard.type("Mr ")
    expect(name).to_be_focused()
    expect(name).to_have_value("Mr Bob Baker")

    page.keyboard.press("Escape")

    expect(bob).not_to_have_class(EDITING)
    expect(grid.cell(bob, "Name")).to_have_text("Bob Baker")
    expect(edit_link(bob)).to_be_focused()
    assert Customer.objects.filter(name="Bob Baker").exists()
