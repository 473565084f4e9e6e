"""The timeline costs the same few queries however long it is."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from customers.models import Interaction
from customers.record.services import contact_create
from ui.testing import HX, count_queries

pytestmark = pytest.mark.django_db

# session, user, permissions, customer, the page of items (who and with whom joined in),
# the contacts for "With"; and the record page's own sections on top of those.
MOST_QUERIES_ON_THE_TIMELINE = 7


@pytest.fixture
def customer(make_customer, user):
    customer = make_customer()
    contacts = [contact_create(customer=customer, name=f"Contact {n}") for n in range(3)]
    customer.contacts_for_test = contacts
    return customer


def add_interactions(customer, user, count: int) -> None:
    """Top the timeline up to `count` interactions, of every kind, with recorders and
    contacts, so that a missing join would show as a query per item."""
    start = Interaction.objects.filter(customer=customer).count()
    kinds = Interaction.Kind.values
    noon = timezone.now().replace(hour=12)
    Interaction.objects.bulk_create(
        Interaction(
            customer=customer,
            kind=kinds[n % len(kinds)],
            support_status="open" if kinds[n % len(kinds)] == "support" else "",
            subject=f"Item {n}",
            body="Line one\nline two",
            happened_at=noon - datetime.timedelta(minutes=n),
            recorded_by=user,
            contact=customer.contacts_for_test[n % 3],
        )
        for n in range(start, count)
    )


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
@pytest.mark.parametrize("query", ["", "?kind=support", "?before={cursor}"])
def test_the_timeline_does_not_grow_with_its_items(user_client, customer, user, query, headers):
    url = f"/customers/{customer.pk}/activity/"

    add_interactions(customer, user, 5)
    cursor = Interaction.objects.order_by("-happened_at", "-id")[1].pk
    with_five, _ = count_queries(user_client, url + query.format(cursor=cursor), headers)

    add_interactions(customer, user, 60)
    cursor = Interaction.objects.order_by("-happened_at", "-id")[19].pk
    with_sixty, body = count_queries(user_client, url + query.format(cursor=cursor), headers)

    assert body.count('<li id="interaction-') == (12 if "kind" in query else 20)
    assert with_five == with_sixty
    assert with_sixty <= MOST_QUERIES_ON_THE_TIMELINE


def test_the_timeline_adds_a_fixed_cost_to_the_record_page(user_client, customer, user):
    url = f"/customers/{customer.pk}/"

    add_interactions(customer, user, 5)
    with_five, _ = count_queries(user_client, url, {})

    add_interactions(customer, user, 60)
    with_sixty, body = count_queries(user_client, url, {})

    assert body.count('<li id="interaction-') == 20
    assert with_five == with_sixty


def test_adding_costs_the_same_however_long_the_timeline(user_client, customer, user):
    url = f"/customers/{customer.pk}/activity/add/"
    data = {"kind": "call", "subject": "Hello", "happened_at": "2025-03-14T09:30"}

    add_interactions(customer, user, 5)
    with CaptureQueriesContext(connection) as few:
        assert user_client.post(url, data, headers=HX).status_code == 200
    add_interactions(customer, user, 60)
    with CaptureQueriesContext(connection) as many:
        assert user_client.post(url, data, headers=HX).status_code == 200

    assert len(few.captured_queries) == len(many.captured_queries)
