"""Narrowing the grid by status and by the day a customer was created."""

import datetime

import pytest
from django.utils import timezone

from customers.models import Customer

pytestmark = pytest.mark.django_db

DATE_ORDER = "The end date must not be before the start date."


def day(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


@pytest.fixture
def customers(make_customer):
    """Today's active Ann, and Bob, a lead created ten days ago."""
    ann = make_customer(name="Ann Today", status=Customer.Status.ACTIVE)
    bob = make_customer(name="Bob Earlier", status=Customer.Status.LEAD)
    Customer.objects.filter(pk=bob.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    return ann, bob


def grid(client, **query) -> str:
    response = client.get("/customers/", query)
    assert response.status_code == 200
    return response.content.decode()


def test_status_filter(user_client, customers):
    page = grid(user_client, status="active")

    assert "Ann Today" in page
    assert "Bob Earlier" not in page
    assert "1 customer<" in page


def test_a_customer_created_today_is_within_today_to_today(user_client, customers):
    page = grid(user_client, created_from=day(), created_to=day())

    assert "Ann Today" in page
    assert "Bob Earlier" not in page


def test_created_from(user_client, customers):
    page = grid(user_client, created_from=day(-5))

    assert "Ann Today" in page
    assert "Bob Earlier" not in page


def test_created_to(user_client, customers):
    page = grid(user_client, created_to=day(-5))

    assert "Bob Earlier" in page
    assert "Ann Today" not in page


def test_range_covering_both_days_includes_whole_days(user_client, customers):
    page = grid(user_client, created_from=day(-10), created_to=day())

    assert "Ann Today" in page
    assert "Bob Earlier" in page
    assert "2 customers" in page


def test_filters_combine_with_search(user_client, customers):
    assert "Ann Today" in grid(user_client, q="ann", status="active", created_from=day())
    assert "No customers found" in grid(user_client, q="bob", status="active")


def test_end_before_start_is_explained(user_client, customers):
    page = grid(user_client, created_from=day(), created_to=day(-1))

    assert DATE_ORDER in page
    assert "Ann Today" not in page


@pytest.mark.parametrize(
    ("query", "field"),
    [({"created_from": "garbage"}, "Created from"), ({"status": "bogus"}, "Status")],
)
def test_invalid_filter_values_are_explained(user_client, customers, query, field):
    page = grid(user_client, **query)

    assert f"{field}: " in page
    assert 'role="alert"' in page


def test_filter_values_stay_in_the_form(user_client, customers):
    page = grid(user_client, q="ann", status="active", created_from=day())

    assert 'value="ann"' in page
    assert '<option value="active" selected>' in page
    assert f'value="{day()}"' in page


@pytest.mark.parametrize("query", ["created_from=0001-01-01", "created_to=9999-12-31"])
def test_far_off_dates_are_refused_in_any_time_zone(user_client, settings, query):
    """Midnight on 1 Jan of year 1 in Berlin is still year 0 in UTC: out of range."""
    settings.TIME_ZONE = "Europe/Berlin"

    response = user_client.get(f"/customers/?{query}")

    assert response.status_code == 200
    assert "Enter a date from 1900 to 2999." in response.content.decode()
