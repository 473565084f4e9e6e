"""The grid's "Possible duplicates": customers another customer looks like."""

import re

import pytest

from customers.core.services import customer_trash
from customers.models import Customer
from customers.tests.grid.reading import shown
from customers.tests.grid.test_query_budget import MOST_QUERIES
from ui.testing import HX, count_queries

pytestmark = pytest.mark.django_db


def test_only_customers_that_look_alike_are_shown(user_client, make_customer):
    make_customer(name="Ann Lee", phone="+442079460958")
    make_customer(name="Anne Lee", phone="+442079460958")
    make_customer(name="Bob", company="Acme")
    make_customer(name="Bob.", company="ACME")
    make_customer(name="Cy", company="Acme")
    customer_trash(customers=[make_customer(name="Cy", company="acme")], by=None)

    assert shown(user_client, duplicates="on") == ["Ann Lee", "Anne Lee", "Bob", "Bob."]
    assert shown(user_client, HX, duplicates="on", q="bob") == ["Bob", "Bob."]


def test_the_filter_is_a_labelled_checkbox(user_client):
    body = user_client.get("/customers/").content.decode()

    assert re.search(r'<input type="checkbox" name="duplicates"[^>]*id="id_duplicates"', body)
    assert '<label for="id_duplicates">Possible duplicates</label>' in body


def add_pairs(count: int) -> None:
    """Top up to `count` pairs of customers with the same name, by bulk_create (which
    derives the likeness key as save() does)."""
    start = Customer.objects.count() // 2
    Customer.objects.bulk_create(
        Customer(name=f"Customer {n}", email=f"c{n}-{twin}@example.com")
        for n in range(start, count)
        for twin in (1, 2)
    )


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_the_filter_costs_the_same_queries_at_any_size(user_client, headers):
    url = "/customers/?duplicates=on&sort=name&page=2"
    add_pairs(20)
    with_a_few, _ = count_queries(user_client, url, headers)

    add_pairs(500)
    with_many, body = count_queries(user_client, url, headers)

    assert "1,000 customers" in body
    assert with_a_few == with_many
    assert with_many <= MOST_QUERIES
