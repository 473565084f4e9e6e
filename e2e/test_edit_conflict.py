"""Story: two people edit the same customer in the grid at once; nobody's work is lost.

Two browser contexts, each signed in as its own user, open the same row's inline
edit. Alice saves first. If I then change the same field, my row shows the conflict
(her value beside mine) and "Keep mine" saves mine; if I change another field, both
changes are kept without a word. The board's cards work the same way.
"""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from customers.deals.services import deal_create
from customers.models import Customer, Deal, Stage
from e2e.conftest import CUSTOMER_PERMISSIONS
from e2e.pages.customers import CustomerGrid

EDITING = re.compile(r"\bediting\b")


@pytest.fixture
def alice(user, password):
    alice = get_user_model().objects.create_user(
        username="alice", password=password, first_name="Alice", last_name="Ames"
    )
    alice.user_permissions.set(user.user_permissions.all())
    assert alice.user_permissions.count() == len(CUSTOMER_PERMISSIONS)
    return alice


@pytest.fixture
def two_grids(page, new_context, user, alice, log_in):
    """My grid and Alice's, in two browser contexts (two sessions)."""
    mine = CustomerGrid(log_in(page, user))
    hers = CustomerGrid(log_in(new_context().new_page(), alice))
    return mine, hers


@pytest.fixture
def both_editing_ann(two_grids, make_customer):
    """Ann Lee's row in edit mode in my grid and in Alice's, both opened before either
    saves: (ann, mine, hers, my_row, her_row)."""
    ann = make_customer("Ann Lee", email="ann@example.com", company="Acme")
    mine, hers = two_grids
    mine.open()
    hers.open()
    return ann, mine, hers, mine.edit(mine.row(ann)), hers.edit(hers.row(ann))


def test_second_save_of_the_same_field_shows_the_conflict_and_keep_mine_saves(both_editing_ann):
    ann, mine, hers, my_row, her_row = both_editing_ann

    her_row.fill(name="Ann Alice").save()
    expect(hers.row("Ann Alice")).not_to_have_class(EDITING)
    expect(hers.row("Ann Alice").get_by_role("cell", name="Ann Alice", exact=True)).to_be_visible()

    my_row.fill(name="Ann Mine").save()

    row = mine.row("Ann Alice")  # a row is named by its customer's saved name: hers
    expect(row.get_by_text("Saved meanwhile by Alice Ames: Ann Alice")).to_be_visible()
    expect(row.get_by_role("alert")).to_have_text(
        "Alice Ames saved this customer while you were editing. Choose what to keep."
    )
    expect(row.get_by_label("Name", exact=True)).to_have_value("Ann Mine")
    expect(row).to_have_class(EDITING)
    assert Customer.objects.get(pk=ann.pk).name == "Ann Alice"

    row.get_by_role("button", name="Keep mine").click()

    row = mine.row("Ann Mine")  # a row is named by its customer's name: now mine
    expect(row).not_to_have_class(EDITING)
    expect(row.get_by_role("cell", name="Ann Mine", exact=True)).to_be_visible()
    expect(mine.toast("Customer “Ann Mine” saved.")).to_be_visible()
    assert Customer.objects.get(pk=ann.pk).name == "Ann Mine"


def test_take_theirs_keeps_her_value_and_my_other_change(both_editing_ann):
    ann, mine, hers, my_row, her_row = both_editing_ann
    her_row.fill(name="Ann Alice").save()
    expect(hers.row("Ann Alice")).not_to_have_class(EDITING)

    my_row.fill(name="Ann Mine", company="Mine Ltd").save()
    row = mine.row("Ann Alice")  # a row is named by its customer's saved name: hers
    row.get_by_role("button", name="Take theirs").click()

    row = mine.row("Ann Alice")  # a row is named by its customer's name: now hers
    expect(row).not_to_have_class(EDITING)
    expect(row.get_by_role("cell", name="Ann Alice", exact=True)).to_be_visible()
    expect(row.get_by_role("cell", name="Mine Ltd", exact=True)).to_be_visible()
    saved = Customer.objects.get(pk=ann.pk)
    assert (saved.name, saved.company) == ("Ann Alice", "Mine Ltd")


def test_edits_of_different_fields_are_both_saved_without_a_conflict(both_editing_ann):
    ann, mine, hers, my_row, her_row = both_editing_ann

    her_row.fill(email="ann.alice@example.com").save()
    expect(hers.row(ann)).not_to_have_class(EDITING)
    my_row.fill(name="Ann Mine").save()

    row = mine.row("Ann Mine")  # a row is named by its customer's name: now mine
    expect(row).not_to_have_class(EDITING)
    expect(row.get_by_role("cell", name="Ann Mine", exact=True)).to_be_visible()
    expect(row.get_by_role("cell", name="ann.alice@example.com", exact=True)).to_be_visible()
    expect(row.get_by_text("Saved meanwhile")).to_have_count(0)
    saved = Customer.objects.get(pk=ann.pk)
    assert (saved.name, saved.email) == ("Ann Mine", "ann.alice@example.com")


def test_a_card_moved_meanwhile_shows_where_to_and_keep_mine_moves_it(
    two_grids, user, alice, make_customer, pipeline
):
    deal_permissions = Permission.objects.filter(codename__in=["view_deal", "change_deal"])
    for person in (user, alice):
        person.user_permissions.add(*deal_permissions)
    deal = deal_create(
        customer=make_customer("Acme"),
        title="Fit-out",
        amount=Decimal("100"),
        stage=Stage.objects.get(name="New"),
    )
    mine, hers = (grid.page for grid in two_grids)
    mine.goto("/deals/")
    hers.goto("/deals/")

    hers.get_by_label("Stage of Fit-out").select_option(label="Won")
    hers.get_by_role("button", name="Move Fit-out", exact=True).click()
    expect(column(hers, "Won").get_by_role("heading", name="Fit-out")).to_be_visible()
    mine.get_by_label("Stage of Fit-out").select_option(label="Proposal")
    mine.get_by_role("button", name="Move Fit-out", exact=True).click()

    card = mine.get_by_role("article", name="Fit-out")
    expect(card.get_by_role("alert")).to_have_text("Moved meanwhile to Won by Alice Ames")
    expect(card.get_by_label("Stage of Fit-out")).to_have_value(
        str(Stage.objects.get(name="Proposal").pk)
    )
    card.get_by_role("button", name="Keep mine").click()

    expect(column(mine, "Proposal").get_by_role("heading", name="Fit-out")).to_be_visible()
    assert Deal.objects.get(pk=deal.pk).stage.name == "Proposal"


def column(page, stage: str):
    return page.get_by_role("region", name=stage, exact=True)
