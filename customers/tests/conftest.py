"""Fixtures shared by the CRM's tests."""

import datetime

import pytest
from django.utils import timezone

from customers.core.services import customer_tag_add, tag_get_or_create
from customers.models import Customer


@pytest.fixture
def ann(make_customer):
    """The customer most tests are about: every field of the grid filled in."""
    return make_customer(
        name="Ann Lee", email="ann@example.com", phone="+442079460958", company="Acme"
    )


@pytest.fixture
def many(make_customer, user):
    """31 customers (more than a page of 25): some Acme, some active, some tagged VIP,
    some the user's, created on different days. The grid's export and its print must
    both find exactly the grid's customers among them."""
    vip = tag_get_or_create(name="VIP")
    customers = []
    for n in range(31):
        customer = make_customer(
            name=f"{'Zed' if n % 2 else 'Amy'} {n:02}",
            company="Acme" if n % 3 == 0 else "Globex",
            status=Customer.Status.ACTIVE if n % 4 == 0 else Customer.Status.LEAD,
            owner=user if n % 5 == 0 else None,
        )
        if n % 2 == 0:
            customer_tag_add(customer=customer, tag=vip)
        customers.append(customer)
    # Some created on other days, so the date filters and the Created sort have work.
    for days, customer in enumerate(customers[:10], start=1):
        Customer.objects.filter(pk=customer.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days)
        )
    return customers


@pytest.fixture
def every_column(user_client):
    """`user_client`, its user having chosen every column of the grid under "Columns"
    (some are hidden by default: customers/grid/columns.py)."""
    from customers.grid.columns import OPTIONAL

    response = user_client.post("/customers/columns/", {"columns": list(OPTIONAL)})
    assert response.status_code == 302
    return user_client
