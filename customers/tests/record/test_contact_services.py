"""Contacts: one primary per customer, kept by the services and by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from customers.core.versioned import changed_values
from customers.models import Contact
from customers.record.forms import ContactForm
from customers.record.services import contact_create, contact_delete, contact_update

pytestmark = pytest.mark.django_db


def primary_of(customer) -> list[str]:
    return list(customer.contacts.filter(is_primary=True).values_list("name", flat=True))


def test_create_stores_the_fields_and_normalises_the_phone(ann):
    bob = contact_create(
        customer=ann, name="Bob", title="CEO", email="bob@example.com", phone="(202) 555-0143"
    )

    stored = Contact.objects.get(pk=bob.pk)
    assert (stored.name, stored.title, stored.email, stored.phone) == (
        "Bob",
        "CEO",
        "bob@example.com",
        "+12025550143",
    )


def test_the_first_contact_is_primary_and_the_next_is_not(ann):
    contact_create(customer=ann, name="Bob")
    contact_create(customer=ann, name="Cleo")

    assert primary_of(ann) == ["Bob"]


def test_a_new_primary_takes_the_mark(ann):
    contact_create(customer=ann, name="Bob")
    contact_create(customer=ann, name="Cleo", is_primary=True)

    assert primary_of(ann) == ["Cleo"]


def test_marking_a_contact_primary_moves_the_mark(ann):
    contact_create(customer=ann, name="Bob")
    cleo = contact_create(customer=ann, name="Cleo")

    contact_update(contact=cleo, data={"is_primary": True})

    assert primary_of(ann) == ["Cleo"]


def test_unmarking_the_primary_hands_the_mark_to_the_next(ann):
    bob = contact_create(customer=ann, name="Bob")
    contact_create(customer=ann, name="Cleo")

    contact_update(contact=bob, data={"is_primary": False})

    assert primary_of(ann) == ["Cleo"]


def test_unmarking_through_a_form_hands_the_mark_on_too(ann):
    """A ModelForm sets the new value on the instance before the service sees it."""
    bob = contact_create(customer=ann, name="Bob")
    contact_create(customer=ann, name="Cleo")
    form = ContactForm({"name": "Bob", "version": bob.version}, instance=bob)  # box unticked
    assert form.is_valid()
    assert bob.is_primary is False

    contact_update(contact=bob, data=changed_values(form))

    assert primary_of(ann) == ["Cleo"]


def test_the_only_contact_stays_primary(ann):
    bob = contact_create(customer=ann, name="Bob")

    contact_update(contact=bob, data={"is_primary": False})

    assert primary_of(ann) == ["Bob"]


def test_deleting_the_primary_promotes_the_next_by_name(ann):
    bob = contact_create(customer=ann, name="Bob")
    contact_create(customer=ann, name="Zed")
    contact_create(customer=ann, name="Cleo")

    contact_delete(contact=bob)

    assert primary_of(ann) == ["Cleo"]


def test_deleting_another_contact_leaves_the_mark(ann):
    contact_create(customer=ann, name="Bob")
    cleo = contact_create(customer=ann, name="Cleo")

    contact_delete(contact=cleo)

    assert primary_of(ann) == ["Bob"]


def test_each_customer_has_its_own_primary(ann, make_customer):
    other = make_customer(name="Other")
    contact_create(customer=ann, name="Bob")
    contact_create(customer=other, name="Olga")

    assert primary_of(ann) == ["Bob"]
    assert primary_of(other) == ["Olga"]


def test_the_database_refuses_a_second_primary(ann):
    contact_create(customer=ann, name="Bob")

    with pytest.raises(IntegrityError), transaction.atomic():
        Contact(customer=ann, name="Cleo", is_primary=True).save()


def test_invalid_email_is_refused(ann):
    with pytest.raises(ValidationError) as error:
        contact_create(customer=ann, name="Bob", email="not-an-email")

    assert "email" in error.value.message_dict
    assert not Contact.objects.exists()


def test_the_same_email_may_belong_to_contacts_at_two_customers(ann, make_customer):
    other = make_customer(name="Other")

    contact_create(customer=ann, name="Bob", email="bob@example.com")
    contact_create(customer=other, name="Bob", email="bob@example.com")

    assert Contact.objects.filter(email="bob@example.com").count() == 2


def test_update_writes_only_the_given_fields(ann):
    bob = contact_create(customer=ann, name="Bob", title="CEO")
    Contact.objects.filter(pk=bob.pk).update(email="elsewhere@example.com")

    contact_update(contact=bob, data={"title": "Chair"})

    stored = Contact.objects.get(pk=bob.pk)
    assert (stored.title, stored.email) == ("Chair", "elsewhere@example.com")
