"""Story: a sales rep creates a deal and moves it across the pipeline board, with the
column counts and totals following, with and without JavaScript."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from customers.deals.services import deal_create
from customers.models import Deal, Stage
from e2e.pages.deals import DealBoard, DealFormPage

PERMISSIONS = [
    f"{action}_{model}"
    for model in ("customer", "deal")
    for action in ("view", "add", "change", "delete")
]


@pytest.fixture(autouse=True)
def pipeline_defaults(pipeline):
    """Every story here needs the stages a fresh install has."""


@pytest.fixture
def user(live_server, transactional_db, password):
    """A sales rep who may work with customers and deals."""
    user = get_user_model().objects.create_user(
        username="rep", email="rep@example.com", password=password
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="customers", codename__in=PERMISSIONS)
    )
    return user


@pytest.fixture
def board(logged_in_page) -> DealBoard:
    return DealBoard(logged_in_page)


@pytest.fixture
def make_deal(make_customer):
    def make(title, *, customer="Acme", stage="New", amount="1000", **fields):
        return deal_create(
            customer=make_customer(customer),
            title=title,
            amount=Decimal(amount),
            stage=Stage.objects.get(name=stage),
            **fields,
        )

    return make


def test_create_a_deal_and_move_it_across_the_board(board, make_customer, make_deal):
    make_customer("Acme Corp", email="buyer@acme.example")
    make_deal("Catering", customer="Initech", amount="3500", currency="EUR")
    page = board.page

    form = DealFormPage(page).open()
    form.fill(customer="acme")
    expect(form.suggestions).to_have_count(1)
    expect(form.suggestions).to_have_attribute("value", "buyer@acme.example")
    form.fill(customer="buyer@acme.example", title="Office fit-out", amount="12000")
    form.save()

    expect(page).to_have_url(re.compile(r"/deals/$"))
    expect(board.toast("Deal “Office fit-out” created.")).to_be_visible()
    expect(board.card("Office fit-out", stage="New")).to_be_visible()
    expect(board.card("Office fit-out")).to_contain_text("Acme Corp")
    expect(board.card("Office fit-out")).to_contain_text("$12,000.00")
    expect(board.count("New")).to_have_text("2 deals")
    expect(board.total("New")).to_have_text("€3,500.00 · $12,000.00")
    expect(board.count("Qualified")).to_have_text("0 deals")
    board.mark_page()

    board.move("Office fit-out", "Qualified")

    expect(board.card("Office fit-out", stage="Qualified")).to_be_visible()
    expect(board.card("Office fit-out", stage="New")).to_have_count(0)
    expect(board.count("New")).to_have_text("1 deal")
    expect(board.total("New")).to_have_text("€3,500.00")
    expect(board.count("Qualified")).to_have_text("1 deal")
    expect(board.total("Qualified")).to_have_text("$12,000.00")
    expect(board.toast("“Office fit-out” moved to Qualified.")).to_be_visible()

    board.move("Office fit-out", "Won")

    expect(board.card("Office fit-out", stage="Won")).to_be_visible()
    expect(board.count("Qualified")).to_have_text("0 deals")
    expect(board.total("Qualified")).to_have_text("—")
    expect(board.column("Qualified")).to_contain_text("No deals")
    expect(board.count("Won")).to_have_text("1 deal")
    expect(board.total("Won")).to_have_text("$12,000.00")
    assert board.is_same_page(), "moving a deal reloaded the page"
    assert Deal.objects.get(title="Office fit-out").stage.name == "Won"


def test_moving_to_lost_asks_for_a_reason(board, make_deal):
    make_deal("Old bid", amount="800")
    board.open()
    board.mark_page()

    board.move("Old bid", "Lost")

    expect(board.reason_select("Old bid")).to_be_visible()
    expect(board.card("Old bid")).to_contain_text("Choose why the deal was lost.")
    expect(board.stage_select("Old bid")).to_have_value(str(Stage.objects.get(name="Lost").pk))
    expect(board.count("Lost")).to_have_text("0 deals")
    assert Deal.objects.get(title="Old bid").stage.name == "New"

    board.reason_select("Old bid").select_option(label="Chose a competitor")
    board.move_button("Old bid").click()

    expect(board.card("Old bid", stage="Lost")).to_be_visible()
    expect(board.count("Lost")).to_have_text("1 deal")
    expect(board.total("Lost")).to_have_text("$800.00")
    expect(board.count("New")).to_have_text("0 deals")
    assert board.is_same_page()
    deal = Deal.objects.get(title="Old bid")
    assert (deal.stage.name, deal.closing_reason.name) == ("Lost", "Chose a competitor")


def test_search_the_board_by_title_or_customer(board, make_deal):
    make_deal("Office fit-out", customer="Acme")
    make_deal("Roof repair", customer="Zoë Industries")
    board.open()
    expect(board.cards).to_have_count(2)

    board.search("zoe")

    expect(page_url := board.page).to_have_url(re.compile(r"/deals/\?q=zoe$"))
    expect(board.cards).to_have_count(1)
    expect(board.card("Roof repair")).to_be_visible()
    expect(board.count("New")).to_have_text("1 deal")

    board.search("fit")

    expect(page_url).to_have_url(re.compile(r"/deals/\?q=fit$"))
    expect(board.cards).to_have_count(1)
    expect(board.card("Office fit-out")).to_be_visible()


def test_my_deals_filter(board, make_deal, user):
    make_deal("Mine", owner=user)
    make_deal("Someone else's")
    board.open()

    board.my_deals.check()

    expect(board.page).to_have_url(re.compile(r"[?&]mine=on"))
    expect(board.cards).to_have_count(1)
    expect(board.card("Mine")).to_be_visible()


def test_move_without_javascript_keeps_the_filters(page_without_js, make_deal):
    page = page_without_js
    make_deal("Office fit-out", amount="12000")
    make_deal("Roof repair")
    board = DealBoard(page).open("?q=office")
    expect(board.cards).to_have_count(1)

    board.move_without_javascript("Office fit-out", "Proposal")

    expect(page).to_have_url(re.compile(r"/deals/\?q=office$"))
    expect(board.toast("“Office fit-out” moved to Proposal.")).to_be_visible()
    expect(board.card("Office fit-out", stage="Proposal")).to_be_visible()
    expect(board.count("Proposal")).to_have_text("1 deal")
    expect(board.total("Proposal")).to_have_text("$12,000.00")
    expect(board.count("New")).to_have_text("0 deals")

    board.move_without_javascript("Office fit-out", "Lost")

    expect(page.get_by_role("heading", name="Move Office fit-out", level=1)).to_be_visible()
    expect(page.get_by_text("Choose why the deal was lost.")).to_be_visible()
    board.reason_select("Office fit-out").select_option(label="No budget")
    board.card("Office fit-out").get_by_role("button", name="Move").click()

    expect(page).to_have_url(re.compile(r"/deals/\?q=office$"))
    expect(board.card("Office fit-out", stage="Lost")).to_be_visible()
    expect(board.count("Lost")).to_have_text("1 deal")


def test_new_deal_form_keeps_what_was_typed_when_invalid(board, make_customer):
    acme = make_customer("Acme Corp")
    form = DealFormPage(board.page).open(f"?customer={acme.pk}")
    expect(form.main).to_contain_text("Acme Corp")

    form.fill(title="Fit-out", amount="-5", stage="Lost")
    form.save()

    expect(form.main.get_by_text("The amount cannot be negative.")).to_be_visible()
    expect(form.main.get_by_text("Choose why the deal was lost.")).to_be_visible()
    expect(form.field("Title")).to_have_value("Fit-out")
    assert not Deal.objects.exists()

    form.fill(amount="5000", reason="Other")
    form.save()

    expect(board.page).to_have_url(re.compile(r"/deals/$"))
    deal = Deal.objects.get()
    assert (deal.customer, deal.stage.name, deal.closing_reason.name) == (acme, "Lost", "Other")
