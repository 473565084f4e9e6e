"""The grid costs the same handful of queries however many customers there are."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from customers.core import search_index
from customers.core.search import search_document
from customers.models import Customer, Interaction, Tag
from customers.tests.bulk import add_customers
from ui.testing import count_queries

pytestmark = pytest.mark.django_db

# session, user, 2 for permissions, count, one page of rows with their owners and tags,
# and the choices of the tag filter and (on the full page) the bulk actions (owners, tags)
MOST_QUERIES = 9


def index_lookups(url: str) -> int:
    """A search asks the index how many match, where it can (SQLite): that decides
    how to read the rows, and stands in for the count when nothing else narrows them."""
    return int(search_index.indexed() and "q=" in url)


def test_the_choices_of_a_select_are_read_in_one_query(user_client):
    # Not through a server-side cursor, which on PostgreSQL takes three round trips more
    # (DISABLE_SERVER_SIDE_CURSORS in the settings).
    with CaptureQueriesContext(connection) as context:
        body = user_client.get("/customers/").content.decode()

    assert 'name="tag"' in body
    assert [q["sql"] for q in context.captured_queries if q["sql"].startswith("DECLARE")] == []


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "htmx"])
@pytest.mark.parametrize(
    "url", ["/customers/", "/customers/?q=acme+customer&status=lead&sort=name&page=2"]
)
def test_grid_queries_do_not_grow_with_the_number_of_customers(user_client, url, headers):
    add_customers(30)  # a few, but a page 2
    with_a_few, _ = count_queries(user_client, url, headers)

    add_customers(1000)
    with_a_thousand, body = count_queries(user_client, url, headers)

    assert "1,000 customers" in body
    assert body.count('<tr id="customer-') == 25
    assert with_a_few == with_a_thousand
    assert with_a_thousand <= MOST_QUERIES + index_lookups(url)


# --- The grid's own columns: owners, tags, last activity, open support requests ---------


TAGS_EACH = 3


@pytest.fixture
def crm(user, make_user):
    """Three owners (the logged-in user first) and eight tags to share out."""
    owners = [user, make_user("rep1", first_name="Rita"), make_user("rep2", first_name="Sam")]
    tags = Tag.objects.bulk_create(Tag(name=f"Tag {n}", colour="blue") for n in range(8))
    return owners, tags


def add_full_customers(count: int, owners, tags) -> None:
    """Top the table up to `count` customers, each with an owner, three tags, a note,
    a call and a support request (every other one still open), all by bulk_create."""
    start = Customer.objects.count()
    customers = Customer.objects.bulk_create(
        Customer(
            name=f"Customer {n}",
            email=f"c{n}@example.com",
            company="Acme",
            owner=owners[n % len(owners)],
            search_text=search_document(
                name=f"Customer {n}", email=f"c{n}@example.com", phone="", company="Acme"
            ),
        )
        for n in range(start, count)
    )
    Customer.tags.through.objects.bulk_create(
        Customer.tags.through(customer_id=customer.pk, tag_id=tags[(n + k * 3) % len(tags)].pk)
        for n, customer in enumerate(customers, start)
        for k in range(TAGS_EACH)
    )
    now = timezone.now()
    Interaction.objects.bulk_create(
        Interaction(
            customer=customer,
            kind=kind,
            support_status=status,
            subject=kind,
            happened_at=now - datetime.timedelta(days=n % 30, hours=hours),
        )
        for n, customer in enumerate(customers, start)
        for kind, status, hours in [
            ("note", "", 1),
            ("call", "", 2),
            ("support", "open" if n % 2 == 0 else "resolved", 3),
        ]
    )


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "htmx"])
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?sort=name&page=2",
        "?tag={tag}&mine=on&open_requests=on&q=customer&sort=-created",
    ],
    ids=["first-page", "sorted-page-2", "all-filters"],
)
def test_grid_columns_cost_the_same_queries_at_any_size(every_column, crm, query, headers):
    user_client = every_column
    owners, tags = crm
    url = "/customers/" + query.format(tag=tags[0].pk)

    add_full_customers(30, owners, tags)  # a few, but a page 2
    with_a_few, small = count_queries(user_client, url, headers)

    add_full_customers(1000, owners, tags)
    with_a_thousand, body = count_queries(user_client, url, headers)

    assert body.count('<tr id="customer-') == 25
    assert body.count('class="tag-chip') == 25 * TAGS_EACH
    assert 'data-label="Owner">Rita</td>' in body or 'data-label="Owner">clerk</td>' in body
    assert "badge-open" in body
    assert re.search(r'data-label="Last activity">\w{3} \d{1,2}, \d{4}</td>', body)
    assert with_a_few == with_a_thousand
    # The tag filter looks its tag up once to validate it.
    assert with_a_thousand <= MOST_QUERIES + ("tag=" in query) + index_lookups(url)
