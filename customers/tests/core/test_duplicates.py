"""Who looks like whom: the record's warning list and the grid's filter."""

import pytest

from customers.core.duplicates import customer_lookalikes, with_lookalikes
from customers.core.services import customer_trash
from customers.models import Customer

pytestmark = pytest.mark.django_db


def test_the_same_phone_or_the_same_name_and_company_look_alike(make_customer):
    ann = make_customer(name="Ann Lee", company="Acme", phone="+442079460958")
    make_customer(name="A. Lee", phone="+442079460958")
    make_customer(name="ANN LEE", company="ACME.")
    make_customer(name="Ann Lee", company="Other")  # another company: another Ann
    make_customer(name="Bob", phone="+442079460959")

    found = customer_lookalikes(customer=ann)

    assert found.total == 2
    why = {alike.customer.name: (alike.same_phone, alike.same_name) for alike in found.shown}
    assert why == {"A. Lee": (True, False), "ANN LEE": (False, True)}


def test_blanks_and_the_trash_are_like_nothing(make_customer):
    ann = make_customer(name="Ann", phone="")
    make_customer(name="Bob", phone="")  # both without a phone: not alike
    trashed = make_customer(name="Ann")
    customer_trash(customers=[trashed], by=None)

    assert not customer_lookalikes(customer=ann)


def test_at_most_five_are_named_and_the_rest_counted(make_customer, django_assert_num_queries):
    ann = make_customer(name="Ann", company="Acme")
    for _ in range(7):
        make_customer(name="ann", company="acme")

    with django_assert_num_queries(1):
        found = customer_lookalikes(customer=ann)

    assert len(found.shown) == 5
    assert found.total == 7
    assert found.more == 2


def test_the_filter_keeps_customers_another_looks_like(make_customer):
    ann = make_customer(name="Ann", phone="+442079460958")
    ann2 = make_customer(name="Other", phone="+442079460958")
    bob = make_customer(name="Bob", company="X")
    bob2 = make_customer(name="B-O-B", company="x")
    make_customer(name="Carl")
    lone = make_customer(name="Dora", company="D")
    customer_trash(customers=[make_customer(name="Dora", company="D")], by=None)

    kept = set(with_lookalikes(Customer.objects.all()).values_list("pk", flat=True))

    assert kept == {ann.pk, ann2.pk, bob.pk, bob2.pk}
    assert lone.pk not in kept


def test_past_a_hundred_the_count_stops(make_customer, monkeypatch):
    from customers.core import duplicates

    monkeypatch.setattr(duplicates, "COUNTED", 3)  # a hundred customers, in short
    ann = make_customer(name="Ann")
    for _ in range(4):
        make_customer(name="ann")

    found = customer_lookalikes(customer=ann)

    assert (found.total, found.capped) == (3, True)


def test_alike_by_both_is_named_once(make_customer):
    ann = make_customer(name="Ann", phone="+442079460958")
    make_customer(name="ANN", phone="+442079460958")

    [alike] = customer_lookalikes(customer=ann).shown

    assert (alike.same_phone, alike.same_name) == (True, True)
