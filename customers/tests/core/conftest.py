"""Fixtures for the tests of who may reach a customer's pages."""

import pytest


@pytest.fixture
def customer(make_customer):
    """A customer whose name and email must not reach anyone refused its pages."""
    return make_customer(name="Secret Customer", email="secret@example.com")


@pytest.fixture
def customer_pages(customer):
    """The grid and the pages and fragments about `customer` a GET can ask for."""
    pk = customer.pk
    return [
        "/customers/",
        "/customers/create/",
        f"/customers/update/{pk}/",
        f"/customers/delete/{pk}/",
        f"/customers/{pk}/row/",
    ]
