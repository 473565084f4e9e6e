"""Merging two customers, and undoing it: everything moves, and moves back exactly."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from customers.core.merge import (
    MergeConflict,
    customer_merge,
    customers_merged_into,
    merge_of,
    restore_from_trash,
)
from customers.core.services import customer_tag_add, customer_update, tag_get_or_create
from customers.history.selectors import customer_history
from customers.models import Contact, Customer, Deal, FollowUp, Interaction, MergeRecord
from customers.record.services import contact_create
from customers.tests.deals.test_totals import assert_in_step
from customers.tests.merging import add_one_of_each

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(make_customer, user):
    """Acme (the survivor, with a primary contact and a tag) and its duplicate, which has
    a contact, a call, a deal, a task and two tags of its own."""
    survivor = make_customer(name="Acme", email="hello@acme.test", company="")
    other = make_customer(
        name="ACME Inc.", email="sales@acme.test", phone="+442079460958", company="Acme"
    )
    contact_create(customer=survivor, name="Sam")
    add_one_of_each(other, by=user)
    customer_tag_add(customer=survivor, tag=tag_get_or_create(name="VIP"))
    for name in ("VIP", "Partner"):
        customer_tag_add(customer=other, tag=tag_get_or_create(name=name))
    return Customer.objects.get(pk=survivor.pk), Customer.objects.get(pk=other.pk)


def merge(survivor, other, user=None, **values):
    return customer_merge(survivor=survivor, other=other, values=values, by=user)


def holdings(customer):
    return {
        "contacts": sorted(
            Contact.objects.filter(customer=customer).values_list("name", flat=True)
        ),
        "interactions": list(
            Interaction.objects.filter(customer=customer).values_list("subject", flat=True)
        ),
        "deals": list(Deal._base_manager.filter(customer=customer).values_list("title", flat=True)),
        "tasks": list(FollowUp.objects.filter(customer=customer).values_list("title", flat=True)),
        "tags": sorted(customer.tags.values_list("name", flat=True)),
    }


def test_the_survivor_takes_everything_and_the_other_goes_to_the_trash(pair, user):
    survivor, other = pair

    merge(survivor, other, user, phone=other.phone, company=other.company)

    survivor = Customer.objects.get(pk=survivor.pk)
    assert holdings(survivor) == {
        "contacts": ["Olga", "Sam"],
        "interactions": ["Called Olga"],
        "deals": ["Renewal"],
        "tasks": ["Send quote"],
        "tags": ["Partner", "VIP"],
    }
    assert (survivor.name, survivor.phone, survivor.company) == ("Acme", "+442079460958", "Acme")
    assert survivor.next_step_due == datetime.date(2030, 1, 2)
    # Sam stays the primary contact: one per customer.
    assert list(survivor.contacts.filter(is_primary=True).values_list("name", flat=True)) == ["Sam"]
    other = Customer.all_objects.get(pk=other.pk)
    assert other.in_trash
    assert other.next_step_due is None
    assert merge_of(other).survivor == survivor
    assert_in_step()


def test_both_histories_show_the_merge(pair, user):
    survivor, other = pair

    merge(survivor, other, user, phone=other.phone)

    survivor_entry = customer_history(customer_id=survivor.pk).entries[0]
    other_entry = customer_history(customer_id=other.pk).entries[0]
    assert survivor_entry.headline == "Merged “ACME Inc.” into this customer"
    assert [(c.field, c.new) for c in survivor_entry.changes] == [("Phone", "+44 20 7946 0958")]
    assert other_entry.headline == "Merged into “Acme”"


def test_the_survivor_may_take_the_other_ones_email(pair):
    survivor, other = pair

    merge(survivor, other, email=other.email)

    assert Customer.objects.get(pk=survivor.pk).email == "sales@acme.test"


def test_an_email_another_customer_has_is_refused_on_the_email(pair, make_customer):
    survivor, other = pair
    make_customer(email="taken@acme.test")
    other.email = "taken@acme.test"  # as a stale object might say

    with pytest.raises(ValidationError) as refused:
        merge(survivor, other, email="taken@acme.test")

    assert "email" in refused.value.message_dict
    assert not Customer.all_objects.get(pk=other.pk).in_trash
    assert holdings(Customer.objects.get(pk=survivor.pk))["contacts"] == ["Sam"]


def test_a_save_since_the_page_was_shown_is_a_conflict(pair):
    survivor, other = pair
    seen = (survivor.version, other.version)
    customer_update(customer=other, data={"status": "active"})

    with pytest.raises(MergeConflict) as conflict:
        customer_merge(survivor=survivor, other=other, values={}, versions=seen)

    assert conflict.value.other.status == "active"
    assert not Customer.all_objects.get(pk=other.pk).in_trash
    assert not MergeRecord.objects.exists()


def test_undo_moves_back_exactly_what_moved(pair, user, make_customer):
    survivor, other = pair
    before = holdings(survivor), holdings(other)
    merge(survivor, other, user, phone=other.phone, email=other.email)

    [undone] = restore_from_trash(customers=[Customer.all_objects.get(pk=other.pk)], by=user)

    survivor = Customer.objects.get(pk=survivor.pk)
    other = Customer.objects.get(pk=other.pk)
    assert (holdings(survivor), holdings(other)) == before
    assert (survivor.phone, survivor.email) == ("", "hello@acme.test")
    assert other.email == "sales@acme.test"
    assert other.contacts.get().is_primary  # Olga was the primary contact, and is again
    assert other.next_step_due == datetime.date(2030, 1, 2)
    assert survivor.next_step_due is None
    assert undone.kept == []
    assert not MergeRecord.objects.exists()
    assert customer_history(customer_id=survivor.pk).entries[0].headline == (
        "Undid the merge with “ACME Inc.”"
    )
    assert_in_step()


def test_undo_leaves_what_was_edited_since_the_merge(pair, user):
    survivor, other = pair
    merge(survivor, other, user, phone=other.phone, company=other.company)
    customer_update(customer=Customer.objects.get(pk=survivor.pk), data={"company": "Acme Group"})

    [undone] = restore_from_trash(customers=[Customer.all_objects.get(pk=other.pk)], by=user)

    survivor = Customer.objects.get(pk=survivor.pk)
    assert survivor.company == "Acme Group"  # edited since: kept
    assert survivor.phone == ""  # as the merge left it: put back
    assert undone.kept == ["company"]


def test_undo_after_the_survivor_took_a_record_away_moves_back_the_rest(pair, user):
    survivor, other = pair
    merge(survivor, other, user)
    Interaction.objects.filter(subject="Called Olga").delete()

    restore_from_trash(customers=[Customer.all_objects.get(pk=other.pk)], by=user)

    assert holdings(Customer.objects.get(pk=other.pk))["deals"] == ["Renewal"]


def test_the_customers_merged_into_one_are_those_whose_merges_stand(make_customer, user):
    """Two into Acme, Acme into the group: the group has all three, until one is undone."""
    group, acme, twin, copy = (
        make_customer(name=name) for name in ("Group", "Acme", "Acme Inc.", "Acme copy")
    )
    merge(acme, twin, user)
    merge(acme, copy, user)
    merge(Customer.objects.get(pk=group.pk), Customer.all_objects.get(pk=acme.pk), user)

    assert customers_merged_into(customer_id=group.pk) == {acme.pk, twin.pk, copy.pk}
    assert customers_merged_into(customer_id=acme.pk) == {twin.pk, copy.pk}
    assert customers_merged_into(customer_id=twin.pk) == set()

    restore_from_trash(customers=[Customer.all_objects.get(pk=copy.pk)], by=user)

    assert customers_merged_into(customer_id=group.pk) == {acme.pk, twin.pk}
