"""Reads for deals: board totals and cards, search, a customer's deals, money."""

from decimal import Decimal

import pytest

from customers.core.money import format_money
from customers.core.search import indexed_text
from customers.deals.selectors import (
    board_totals,
    customer_deals,
    deal_board,
    deal_list,
    deal_owners,
    deal_search,
)
from customers.models import Deal

pytestmark = pytest.mark.django_db


def column(columns, name):
    return next(c for c in columns if c.stage.name == name)


def test_board_has_a_column_per_stage_in_order_even_when_empty():
    columns = deal_board(queryset=deal_list())

    assert [c.stage.name for c in columns] == [
        "New",
        "Qualified",
        "Proposal",
        "Negotiation",
        "Won",
        "Lost",
    ]
    assert all(c.count == 0 and c.totals == [] and c.deals == [] for c in columns)


def test_board_counts_and_totals_each_stage_per_currency(make_deal):
    make_deal("A", amount="12000.00")
    make_deal("B", amount="500.50")
    make_deal("C", amount="3500", currency="EUR")
    make_deal("D", stage="Qualified", amount="10", currency="GBP")

    columns = deal_board(queryset=deal_list())

    new = column(columns, "New")
    assert new.count == 3
    assert [(t.currency, t.amount) for t in new.totals] == [
        ("EUR", Decimal("3500.00")),
        ("USD", Decimal("12500.50")),
    ]
    assert {d.title for d in new.deals} == {"A", "B", "C"}
    qualified = column(columns, "Qualified")
    assert (qualified.count, [(t.currency, t.amount) for t in qualified.totals]) == (
        1,
        [("GBP", Decimal("10.00"))],
    )
    assert column(columns, "Won").count == 0


def test_totals_are_one_query(make_deal, django_assert_num_queries):
    make_deal(amount="1")
    make_deal(stage="Won", amount="2", currency="SEK")

    with django_assert_num_queries(1):
        totals = board_totals(queryset=deal_list())

    assert len(totals) == 2


def test_cards_are_capped_per_column_newest_updated_first(make_deal):
    deals = [make_deal(f"Deal {n}") for n in range(5)]
    deals[0].save()  # touched last: now the most recently updated
    make_deal("Other column", stage="Won")

    columns = deal_board(queryset=deal_list(), per_stage=2)

    new = column(columns, "New")
    assert new.count == 5
    assert [d.title for d in new.deals] == ["Deal 0", "Deal 4"]
    assert new.more == 3
    assert [d.title for d in column(columns, "Won").deals] == ["Other column"]
    assert column(columns, "Won").more == 0


def test_board_costs_three_queries(make_deal, django_assert_num_queries):
    for n in range(4):
        make_deal(f"Deal {n}", stage=["New", "Won"][n % 2])

    with django_assert_num_queries(3):  # stages, totals, cards (with customer, owner)
        columns = deal_board(queryset=deal_list())
        shown = [(d.customer.name, d.owner, d.stage.name) for c in columns for d in c.deals]

    assert len(shown) == 4


def test_a_searched_board_shows_each_columns_newest_matches(make_deal, make_customer):
    for n in range(3):
        make_deal(f"Roof {n}", stage="New")
    make_deal("Windows", stage="New")
    make_deal("Windows too", customer=make_customer(name="Roofers Ltd"), stage="Won")

    searched = deal_search(queryset=deal_list(), query="roof")
    columns = deal_board(queryset=searched, per_stage=2)

    new = column(columns, "New")
    assert [d.title for d in new.deals] == ["Roof 2", "Roof 1"]  # the two newest of three
    assert (new.count, new.more) == (3, 1)
    assert [d.title for d in column(columns, "Won").deals] == ["Windows too"]  # by customer


def test_search_by_title_or_customer_name_ignoring_case_and_accents(make_deal, make_customer):
    make_deal("Café fit-out", customer=make_customer(name="Acme"))
    make_deal("Roof repair", customer=make_customer(name="José Álvarez"))
    make_deal("Windows", customer=make_customer(name="Globex"))

    def titles(query):
        return sorted(d.title for d in deal_search(queryset=deal_list(), query=query))

    assert titles("cafe") == ["Café fit-out"]
    assert titles("CAFÉ") == ["Café fit-out"]
    assert titles("jose") == ["Roof repair"]
    assert titles("alvarez roof") == ["Roof repair"]  # one word each: customer, title
    assert titles("globex roof") == []
    assert titles("") == ["Café fit-out", "Roof repair", "Windows"]


def test_deal_owners_are_the_users_who_own_deals(make_deal, make_user):
    ann = make_user("ann")
    make_user("bob")
    make_deal(owner=ann)
    make_deal(owner=ann)
    make_deal()

    assert list(deal_owners()) == [ann]


def test_customer_deals_are_the_customers_newest_and_one_more(make_deal, make_customer):
    acme = make_customer(name="Acme")
    for n in range(4):
        make_deal(f"Deal {n}", customer=acme)
    make_deal("Someone else's")

    deals = customer_deals(customer=acme, limit=2)

    assert [d.title for d in deals] == ["Deal 3", "Deal 2", "Deal 1"]


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("12000", "USD", "$12,000.00"),
        ("3500.5", "EUR", "€3,500.50"),
        ("0", "GBP", "£0.00"),
        ("120000", "JPY", "¥120,000"),
        ("900", "CHF", "CHF\N{NO-BREAK SPACE}900.00"),
        ("1234567.89", "CAD", "CA$1,234,567.89"),
    ],
)
def test_money_is_readable(amount, currency, shown):
    assert format_money(Decimal(amount), currency) == shown


def test_deal_keeps_a_folded_title_for_search(make_deal):
    deal = make_deal("Ça Marche")

    assert Deal.objects.get(pk=deal.pk).search_text == indexed_text("ca marche")
