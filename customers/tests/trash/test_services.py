"""The trash services: delete marks, restore brings back exactly, purge deletes for good."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from customers.core.services import (
    customer_create,
    customer_delete,
    customer_restore,
    customer_trash,
)
from customers.grid.services import customers_delete
from customers.models import Contact, Customer, Deal, Interaction
from customers.tests.furnished import furnish
from customers.trash.selectors import AlongWith, along_with
from customers.trash.services import customer_purge, trash_purge

pytestmark = pytest.mark.django_db


def snapshot(pk: int) -> dict:
    """Everything a user could see of a customer and what belongs to it."""
    customer = Customer.all_objects.get(pk=pk)
    return {
        "fields": {
            name: getattr(customer, name)
            for name in ("name", "email", "phone", "company", "status", "owner_id", "created_at")
        },
        "tags": sorted(customer.tags.values_list("name", flat=True)),
        "contacts": list(Contact.objects.filter(customer_id=pk).order_by("id").values()),
        "interactions": list(Interaction.objects.filter(customer_id=pk).order_by("id").values()),
        "deals": list(Deal._base_manager.filter(customer_id=pk).order_by("id").values()),
    }


@pytest.fixture
def acme(make_customer, user):
    customer = make_customer(
        name="Acme", email="a@b.com", phone="+1 202 555 0143", company="Acme Inc", owner=user
    )
    return furnish(customer, user=user)


# --- Delete: to the trash -------------------------------------------------------------


def test_delete_marks_who_and_when_and_hides_the_customer(acme, user):
    before = timezone.now()

    customer_delete(customer=acme, by=user)

    trashed = Customer.all_objects.get(pk=acme.pk)
    assert trashed.in_trash and trashed.deleted_by == user
    assert before <= trashed.deleted_at <= timezone.now()
    assert not Customer.objects.filter(pk=acme.pk).exists()


def test_delete_leaves_what_belongs_to_the_customer_untouched_but_hides_its_deals(acme, user):
    contacts, interactions = acme.contacts.count(), acme.interactions.count()
    deals = list(Deal.objects.filter(customer=acme).values())

    customer_delete(customer=acme, by=user)

    assert Contact.objects.filter(customer_id=acme.pk).count() == contacts == 2
    assert Interaction.objects.filter(customer_id=acme.pk).count() == interactions == 3
    assert list(Deal._base_manager.filter(customer_id=acme.pk).values()) == deals
    assert not Deal.objects.filter(customer_id=acme.pk).exists()  # hidden with its customer


def test_delete_is_recorded_in_history_with_who_and_the_version_moves_on(acme, user):
    version = acme.version

    customer_delete(customer=acme, by=user)

    latest = Customer.history.filter(id=acme.pk).latest("history_date")
    assert latest.deleted_at is not None and latest.history_user == user
    assert Customer.all_objects.get(pk=acme.pk).version == version + 1


def test_bulk_delete_moves_all_to_the_trash(make_customer, user):
    customers = [make_customer(), make_customer(), make_customer()]

    assert customers_delete(customers=customers, by=user) == 3

    assert not Customer.objects.exists()
    assert Customer.all_objects.filter(deleted_by=user).count() == 3


def test_trashing_twice_keeps_the_first_mark(acme, user, make_user):
    customer_trash(customers=[acme], by=user)
    first = Customer.all_objects.get(pk=acme.pk).deleted_at

    assert customer_trash(customers=[acme], by=make_user("other")) == 0

    trashed = Customer.all_objects.get(pk=acme.pk)
    assert (trashed.deleted_at, trashed.deleted_by) == (first, user)


def test_a_trashed_customers_email_can_be_used_by_a_new_customer(acme, user):
    customer_delete(customer=acme, by=user)

    newcomer = customer_create(name="Acme Ltd", email="A@B.com")

    assert list(Customer.objects.all()) == [newcomer]


# --- Restore ----------------------------------------------------------------------------


def test_undo_restores_exactly(acme, user):
    before = snapshot(acme.pk)
    customer_delete(customer=acme, by=user)

    assert customer_restore(customers=[Customer.all_objects.get(pk=acme.pk)], by=user) == 1

    restored = Customer.objects.get(pk=acme.pk)
    assert not restored.in_trash and restored.deleted_by is None
    assert snapshot(acme.pk) == before
    assert before["tags"] == ["Partner", "VIP"] and len(before["deals"]) == 1
    assert restored.owner == user
    assert Deal.objects.filter(customer=restored).count() == 1


def test_restore_is_recorded_in_history(acme, user, make_user):
    boss = make_user("boss")
    customer_delete(customer=acme, by=user)

    customer_restore(customers=[Customer.all_objects.get(pk=acme.pk)], by=boss)

    latest = Customer.history.filter(id=acme.pk).latest("history_date")
    assert latest.deleted_at is None and latest.history_user == boss


def test_restore_is_refused_when_the_email_is_taken_and_nothing_changes(make_customer, acme, user):
    other = make_customer(name="Bea", email="bea@example.com")
    customer_delete(customer=acme, by=user)
    customer_delete(customer=other, by=user)
    customer_create(name="Acme Ltd", email="A@B.COM")  # the same email, another case

    trashed = list(Customer.all_objects.filter(pk__in=[acme.pk, other.pk]))
    with pytest.raises(ValidationError) as refused:
        customer_restore(customers=trashed, by=user)

    assert refused.value.messages == [
        "“Acme” cannot be restored: its email a@b.com now belongs to “Acme Ltd”. "
        "Change one of the two emails first."
    ]
    # All or nothing: Bea, whose email is free, stays in the trash too.
    assert (
        Customer.all_objects.filter(pk__in=[acme.pk, other.pk], deleted_at__isnull=False).count()
        == 2
    )


def test_restoring_two_with_the_same_email_at_once_is_refused(make_customer, user):
    first = make_customer(name="First", email="same@example.com")
    customer_delete(customer=first, by=user)
    second = make_customer(name="Second", email="same@example.com")
    customer_delete(customer=second, by=user)

    with pytest.raises(ValidationError, match="both have the email same@example.com"):
        customer_restore(customers=list(Customer.all_objects.all()), by=user)

    assert not Customer.objects.exists()


def test_restoring_a_kept_customer_does_nothing(acme, user):
    version = acme.version

    assert customer_restore(customers=[acme], by=user) == 0

    assert Customer.objects.get(pk=acme.pk).version == version


# --- Purge ------------------------------------------------------------------------------


def test_purge_deletes_for_good_with_everything_and_history_remembers(acme, user):
    customer_delete(customer=acme, by=user)

    assert customer_purge(customers=[Customer.all_objects.get(pk=acme.pk)]) == 1

    assert not Customer.all_objects.filter(pk=acme.pk).exists()
    assert not Contact.objects.filter(customer_id=acme.pk).exists()
    assert not Interaction.objects.filter(customer_id=acme.pk).exists()
    assert not Deal._base_manager.filter(customer_id=acme.pk).exists()
    assert Customer.history.filter(id=acme.pk, history_type="-").count() == 1
    assert Contact.history.filter(customer_id=acme.pk, history_type="-").count() == 2
    assert Deal.history.filter(customer_id=acme.pk, history_type="-").count() == 1


def test_trash_purge_takes_only_what_is_older_than_the_limit(make_customer, user):
    old, recent, kept = make_customer(), make_customer(), make_customer()
    customer_delete(customer=old, by=user)
    customer_delete(customer=recent, by=user)
    Customer.all_objects.filter(pk=old.pk).update(
        deleted_at=timezone.now() - datetime.timedelta(days=31)
    )
    Customer.all_objects.filter(pk=recent.pk).update(
        deleted_at=timezone.now() - datetime.timedelta(days=29)
    )

    assert trash_purge() == 1

    assert set(Customer.all_objects.values_list("pk", flat=True)) == {recent.pk, kept.pk}
    assert trash_purge(older_than_days=7) == 1
    assert list(Customer.all_objects.all()) == [kept]


# --- What goes along -------------------------------------------------------------------


def test_along_with_counts_and_names_contacts_then_deals_then_interactions(acme):
    along = along_with(customers=[acme])

    assert (along.contacts, along.interactions, along.deals) == (2, 3, 1)
    assert str(along) == "2 contacts, 3 interactions, 1 deal"
    assert [str(item) for item in along.named] == [
        "Contact 1 of Acme (contact)",
        "Contact 2 of Acme (contact)",
        "Deal 1 of Acme (deal)",
        "Call 1 with Acme (call)",  # the latest first
        "Call 2 with Acme (call)",
        "Call 3 with Acme (call)",
    ]
    assert along.more == 0


def test_along_with_names_ten_and_says_how_many_more(make_customer, user):
    customers = [furnish(make_customer(name=f"C{n}"), user=user) for n in range(3)]

    along = along_with(customers=customers)

    assert str(along) == "6 contacts, 9 interactions, 3 deals"
    assert len(along.named) == 10
    assert along.more == 8


def test_along_with_nothing(make_customer):
    along = along_with(customers=[make_customer()])

    assert str(along) == "nothing else"
    assert along.named == [] and along.more == 0
    assert str(AlongWith(contacts=1, interactions=1)) == "1 contact, 1 interaction"


def test_along_with_costs_the_same_for_one_customer_or_many(
    make_customer, user, django_assert_max_num_queries
):
    many = [furnish(make_customer(), user=user) for _ in range(12)]

    with django_assert_max_num_queries(6):
        along_with(customers=many[:1])
    with django_assert_max_num_queries(6):
        along_with(customers=many)
