"""Story: a keyboard user never destroys or moves anything by a stray key. A delete
dialog opens on Cancel; a deal card's stage is browsed with the arrow keys and moved
only by an explicit choice (Move, or Enter)."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from playwright.sync_api import expect

from customers.deals.services import deal_create
from customers.models import Customer, Deal, Stage
from e2e.conftest import grant
from e2e.pages.customers import CustomerGrid
from e2e.pages.deals import DealBoard


@pytest.fixture
def user(user):
    return grant(user, "view_deal", "change_deal")


@pytest.fixture
def pipeline(live_server, transactional_db):
    """The stages a fresh install has (a data migration; e2e flushes after each test)."""
    importlib.import_module("customers.migrations.0004_pipeline_defaults").add_defaults(apps, None)


def test_enter_in_a_fresh_delete_dialog_deletes_nothing(logged_in_page, make_customer):
    make_customer("Keep Me Ltd")
    grid = CustomerGrid(logged_in_page).open()

    dialog = grid.delete(grid.row("Keep Me Ltd"))
    expect(dialog.cancel_link).to_be_focused()
    logged_in_page.keyboard.press("Enter")

    expect(dialog.dialog).to_have_count(0)
    expect(grid.row("Keep Me Ltd")).to_be_visible()
    assert Customer.objects.filter(name="Keep Me Ltd").exists()


def test_arrow_keys_browse_the_stages_and_enter_moves(logged_in_page, make_customer, pipeline):
    deal = deal_create(
        customer=make_customer("Acme"),
        title="Big win",
        amount=Decimal("500"),
        stage=Stage.objects.get(name="Won"),
    )
    board = DealBoard(logged_in_page).open()
    moves = []
    logged_in_page.on(
        "request", lambda request: moves.append(request.url) if "/move/" in request.url else None
    )
    select = board.stage_select("Big win")

    select.focus()
    select.press("ArrowUp")
    expect(select).to_have_value(str(Stage.objects.get(name="Negotiation").pk))
    logged_in_page.wait_for_timeout(500)  # long enough for a request on change to be sent

    assert moves == []
    assert Deal.objects.get(pk=deal.pk).stage.name == "Won"
    expect(board.card("Big win", stage="Won")).to_be_visible()

    select.press("Enter")

    expect(board.card("Big win", stage="Negotiation")).to_be_visible()
    expect(board.toast("“Big win” moved to Negotiation.")).to_be_visible()
    assert Deal.objects.get(pk=deal.pk).stage.name == "Negotiation"


def test_enter_in_a_fresh_bulk_delete_dialog_deletes_nothing(logged_in_page, make_customer):
    make_customer("First Keep")
    make_customer("Second Keep")
    grid = CustomerGrid(logged_in_page).open()
    grid.tick(grid.row("First Keep"), grid.row("Second Keep"))

    dialog = grid.bulk.delete("2 customers")
    expect(dialog.cancel_link).to_be_focused()
    logged_in_page.keyboard.press("Enter")

    expect(dialog.dialog).to_have_count(0)
    expect(grid.rows).to_have_count(2)
    assert Customer.objects.count() == 2
