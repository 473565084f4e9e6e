"""Writes go through the services, which validate and translate database refusals."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.utils import timezone

from customers.core.search import search_document
from customers.core.selectors import customer_search
from customers.core.services import customer_create, customer_delete, customer_update
from customers.models import Customer

pytestmark = pytest.mark.django_db

EMAIL_TAKEN = "Another customer already has this email address."


def search(query):
    return list(customer_search(queryset=Customer.objects.all(), query=query))


def test_create_cleans_and_stores_a_customer():
    customer = customer_create(
        name="José Álvarez", email="jose@example.com", phone="(202) 555-0143", company="Acme"
    )

    stored = Customer.objects.get(pk=customer.pk)
    assert stored.phone == "+12025550143"
    assert stored.status == Customer.Status.LEAD
    assert search("jose") == [stored]


def test_create_refuses_an_email_taken_in_another_case(make_customer):
    make_customer(email="Ann@X.com")

    with pytest.raises(ValidationError) as error:
        customer_create(name="Ann", email="ann@x.com")

    assert error.value.message_dict == {"email": [EMAIL_TAKEN]}
    assert Customer.objects.count() == 1


def test_create_refuses_invalid_fields():
    with pytest.raises(ValidationError) as error:
        customer_create(name="", email="not-an-email", phone="+1 123")

    assert set(error.value.message_dict) == {"name", "email", "phone"}
    assert not Customer.objects.exists()


def test_email_taken_between_validation_and_write_is_a_validation_error(make_customer):
    """The race: another request takes the email after our check but before our INSERT.

    A pre_save receiver runs after the service has validated, inside its transaction,
    just before the write; it turns the new customer's email into one that is already
    stored, so the database's unique constraint, not validation, refuses the write.
    """
    make_customer(name="Ann", email="ann@x.com")

    def email_taken_meanwhile(sender, instance, **kwargs):
        if instance.email == "fresh@x.com":
            instance.email = "ANN@x.com"

    pre_save.connect(email_taken_meanwhile, sender=Customer, dispatch_uid="race")
    try:
        with pytest.raises(ValidationError) as error:
            customer_create(name="Ann too", email="fresh@x.com")
    finally:
        pre_save.disconnect(sender=Customer, dispatch_uid="race")

    assert error.value.message_dict == {"email": [EMAIL_TAKEN]}
    assert list(Customer.objects.values_list("name", flat=True)) == ["Ann"]


def test_update_keeps_the_search_text_in_step(make_customer):
    customer = make_customer(name="Ann Lee", email="contact@example.com", phone="+442079460958")

    customer_update(customer=customer, data={"name": "Beatriz Souza", "phone": "(202) 555-0143"})

    assert search("souza") == [customer]
    assert search("555-0143") == [customer]
    assert search("lee") == []
    assert search("7946") == []


def test_update_writes_only_the_changed_fields(make_customer):
    """A stale copy updating one field must not undo another user's change to another."""
    customer = make_customer(name="Ann", company="Acme", phone="+442079460958")
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Customer.objects.filter(pk=customer.pk).update(updated_at=long_ago)
    someone_else = Customer.objects.get(pk=customer.pk)
    someone_else.company = "Globex"
    someone_else.save(update_fields=["company"])

    customer_update(customer=customer, data={"name": "Ann Lee"})

    stored = Customer.objects.get(pk=customer.pk)
    assert stored.name == "Ann Lee"
    assert stored.company == "Globex"
    assert stored.phone == "+442079460958"
    assert stored.updated_at > long_ago
    assert stored.created_at == customer.created_at
    assert stored.search_text == search_document(
        name="Ann Lee", email=stored.email, phone=stored.phone, company="Globex"
    )


def test_update_with_no_changes_writes_nothing(make_customer):
    customer = make_customer()
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Customer.objects.filter(pk=customer.pk).update(updated_at=long_ago)

    customer_update(customer=customer, data={})

    assert Customer.objects.get(pk=customer.pk).updated_at == long_ago


def test_update_refuses_an_email_taken_by_another_customer(make_customer):
    make_customer(email="ann@x.com")
    other = make_customer(email="bob@x.com")

    with pytest.raises(ValidationError) as error:
        customer_update(customer=other, data={"email": "ANN@X.COM"})

    assert error.value.message_dict == {"email": [EMAIL_TAKEN]}
    assert Customer.objects.get(pk=other.pk).email == "bob@x.com"


def test_a_customer_may_change_the_case_of_their_own_email(make_customer):
    customer = make_customer(email="ann@x.com")

    customer_update(customer=customer, data={"email": "Ann@X.com"})

    assert Customer.objects.get(pk=customer.pk).email == "Ann@X.com"


def test_delete_moves_the_customer_to_the_trash(make_customer, user):
    customer, other = make_customer(), make_customer()

    customer_delete(customer=customer, by=user)

    assert list(Customer.objects.all()) == [other]
    assert Customer.all_objects.get(pk=customer.pk).deleted_by == user
