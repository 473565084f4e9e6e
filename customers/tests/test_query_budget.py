"""The grid costs the same handful of queries however many customers there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from customers.models import Customer
from customers.search import search_document

pytestmark = pytest.mark.django_db

# session, user, 2 for permissions, count, one page of rows, its tags, and the choices
# of the tag filter and the bulk actions (owners, tags)
MOST_QUERIES = 10


def add_customers(count: int) -> None:
    """Top the table up to `count` customers, fast (bulk_create skips save())."""
    start = Customer.objects.count()
    Customer.objects.bulk_create(
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


def get_counting_queries(client, url, headers) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "htmx"])
@pytest.mark.parametrize(
    "url", ["/customers/", "/customers/?q=acme+customer&status=lead&sort=name&page=2"]
)
def test_grid_queries_do_not_grow_with_the_number_of_customers(user_client, url, headers):
    add_customers(10)
    with_ten, _ = get_counting_queries(user_client, url, headers)

    add_customers(1000)
    with_a_thousand, body = get_counting_queries(user_client, url, headers)

    assert "1,000 customers" in body
    assert body.count('<tr id="customer-') == 25
    assert with_ten == with_a_thousand
    assert with_a_thousand <= MOST_QUERIES
