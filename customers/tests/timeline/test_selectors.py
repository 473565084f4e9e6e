"""The timeline reads newest first, filters by kind and pages by keyset."""

import datetime

import pytest
from django.utils import timezone

from customers.models import Interaction
from customers.timeline.selectors import interaction_timeline, interaction_timeline_page
from customers.timeline.services import interaction_create

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(datetime.datetime(2025, 3, 14, 12, 0))


def add(customer, subject, *, kind="note", at=NOON):
    return interaction_create(
        customer=customer, recorded_by=None, kind=kind, subject=subject, happened_at=at
    )


def subjects(items):
    return [item.subject for item in items]


def test_newest_first_by_when_it_happened_then_by_id(make_customer):
    customer = make_customer()
    add(customer, "old", at=NOON - datetime.timedelta(days=2))
    add(customer, "new", at=NOON + datetime.timedelta(days=1))
    add(customer, "noon 1")
    add(customer, "noon 2")

    assert subjects(interaction_timeline(customer=customer)) == ["new", "noon 2", "noon 1", "old"]


def test_only_this_customers_interactions(make_customer):
    mine, theirs = make_customer(), make_customer()
    add(mine, "mine")
    add(theirs, "theirs")

    assert subjects(interaction_timeline(customer=mine)) == ["mine"]


def test_filter_by_kind(make_customer):
    customer = make_customer()
    add(customer, "a note")
    add(customer, "a call", kind="call")
    add(customer, "a request", kind="support")

    assert subjects(interaction_timeline(customer=customer, kind="call")) == ["a call"]
    assert subjects(interaction_timeline(customer=customer, kind="support")) == ["a request"]


def test_an_unknown_kind_shows_everything(make_customer):
    customer = make_customer()
    add(customer, "a note")
    add(customer, "a call", kind="call")

    assert len(interaction_timeline(customer=customer, kind="gossip")) == 2


def test_pages_follow_on_without_duplicates_or_gaps_when_times_are_equal(make_customer):
    customer = make_customer()
    # 45 items, most at the very same moment, so only the id tells them apart.
    for n in range(40):
        add(customer, f"same {n}")
    for n in range(5):
        add(customer, f"earlier {n}", at=NOON - datetime.timedelta(minutes=n + 1))

    first = interaction_timeline_page(customer=customer, size=20)
    second = interaction_timeline_page(customer=customer, before=first.next_cursor, size=20)
    third = interaction_timeline_page(customer=customer, before=second.next_cursor, size=20)

    seen = [*first.items, *second.items, *third.items]
    assert [len(first.items), len(second.items), len(third.items)] == [20, 20, 5]
    assert [item.pk for item in seen] == [
        item.pk for item in interaction_timeline(customer=customer)
    ]
    assert len({item.pk for item in seen}) == 45
    assert first.next_cursor == first.items[-1].pk
    assert third.next_cursor is None


def test_paging_keeps_the_kind_filter(make_customer):
    customer = make_customer()
    for n in range(5):
        add(customer, f"call {n}", kind="call")
        add(customer, f"note {n}")

    first = interaction_timeline_page(customer=customer, kind="call", size=3)
    rest = interaction_timeline_page(
        customer=customer, kind="call", before=first.next_cursor, size=3
    )

    assert subjects(first.items) == ["call 4", "call 3", "call 2"]
    assert subjects(rest.items) == ["call 1", "call 0"]
    assert rest.next_cursor is None


def test_exactly_a_page_has_no_next_page(make_customer):
    customer = make_customer()
    for n in range(3):
        add(customer, f"item {n}")

    page = interaction_timeline_page(customer=customer, size=3)

    assert len(page.items) == 3
    assert page.next_cursor is None


def test_a_cursor_from_another_customer_or_gone_finds_nothing_older(make_customer):
    mine, theirs = make_customer(), make_customer()
    add(mine, "mine")
    foreign = add(theirs, "theirs", at=NOON + datetime.timedelta(days=1))

    assert interaction_timeline_page(customer=mine, before=foreign.pk).items == []
    assert interaction_timeline_page(customer=mine, before=999_999).items == []
    assert Interaction.objects.count() == 2
