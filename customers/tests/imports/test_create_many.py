"""customers_create_many: what customer_create does, for many at once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from customers.core.services import customers_create_many, tag_get_or_create
from customers.models import Customer


def test_creates_each_with_its_tags_and_one_history_entry(user):
    vip, partner = tag_get_or_create(name="VIP"), tag_get_or_create(name="Partner")
    ann, bob = customers_create_many(
        new=[
            (Customer(name="Ann", email="ann@example.com", phone="415 555 0100"), [vip, partner]),
            (Customer(name="Bob", email="bob@example.com", owner=user), []),
        ],
        by=user,
    )
    ann.refresh_from_db()
    assert ann.phone == "+14155550100"  # cleaned as customer_create cleans it
    assert sorted(ann.tags.values_list("name", flat=True)) == ["Partner", "VIP"]
    assert ann.search_text  # the search document is made, as save() makes it
    (entry,) = ann.history.all()
    assert (entry.history_type, entry.history_user) == ("+", user)
    assert sorted(t.tag.name for t in entry.tags.all()) == ["Partner", "VIP"]
    assert Customer.objects.get(pk=bob.pk).owner == user


def test_refuses_all_when_one_breaks_a_rule(db):
    with pytest.raises(ValidationError) as refused:
        customers_create_many(
            new=[
                (Customer(name="Ann", email="ann@example.com"), []),
                (Customer(name="Bad", email="not-an-email"), []),
            ]
        )
    assert "email" in refused.value.message_dict
    assert not Customer.objects.exists()


def test_a_taken_email_is_refused_by_the_database(make_customer):
    make_customer(email="Taken@example.com")
    with pytest.raises(IntegrityError):
        customers_create_many(new=[(Customer(name="Again", email="taken@EXAMPLE.com"), [])])
    assert Customer.objects.count() == 1
