"""Customers by the hundred for the tests of what a page costs, made fast: bulk_create
skips save(), the services and their history."""

from customers.core.search import search_document
from customers.models import Customer


def add_customers(count: int) -> list[Customer]:
    """Top the table up to `count` customers, all at Acme and all findable by search;
    the ones it added."""
    start = Customer.objects.count()
    return Customer.objects.bulk_create(
        Customer(
            name=f"Customer {n}",
            email=f"c{n}@example.com",
            company="Acme",
            search_text=search_document(
                name=f"Customer {n}", email=f"c{n}@example.com", phone="", company="Acme"
            ),
        )
        for n in range(start, count)
    )
