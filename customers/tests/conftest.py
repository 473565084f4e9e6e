"""Fixtures shared by the CRM's tests."""

import pytest


@pytest.fixture
def ann(make_customer):
    """The customer most tests are about: every field of the grid filled in."""
    return make_customer(
        name="Ann Lee", email="ann@example.com", phone="+442079460958", company="Acme"
    )


@pytest.fixture
def every_column(user_client):
    """`user_client`, its user having chosen every column of the grid under "Columns"
    (some are hidden by default: customers/grid/columns.py)."""
    from customers.grid.columns import OPTIONAL

    response = user_client.post("/customers/columns/", {"columns": list(OPTIONAL)})
    assert response.status_code == 302
    return user_client
