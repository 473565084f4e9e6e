"""Fixtures shared by the CRM's tests."""

import pytest


@pytest.fixture
def ann(make_customer):
    """The customer most tests are about: every field of the grid filled in."""
    return make_customer(
        name="Ann Lee", email="ann@example.com", phone="+442079460958", company="Acme"
    )
