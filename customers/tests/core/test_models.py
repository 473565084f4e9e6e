"""The customer table itself: what the database guarantees, whatever code writes to it."""

import pytest
from django.db import IntegrityError, transaction

from customers.core.selectors import customer_search
from customers.models import Customer

pytestmark = pytest.mark.django_db


def test_email_is_unique_regardless_of_case_in_the_database():
    Customer(name="Ann", email="Ann@X.com").save()

    # .save() skips validation: only the database constraint stands in the way.
    with pytest.raises(IntegrityError), transaction.atomic():
        Customer(name="Ann again", email="ann@x.com").save()

    assert Customer.objects.count() == 1


def test_phone_is_displayed_readably():
    customer = Customer(name="Ann", email="ann@example.com", phone="+442079460958")

    assert customer.phone_display == "+44 20 7946 0958"


def test_customer_without_phone_displays_nothing():
    assert Customer(name="Ann", email="ann@example.com").phone_display == ""


def test_saving_keeps_the_search_text_in_step(make_customer):
    customer = make_customer(name="Ann", email="contact@example.com")
    customer.name = "Beatriz"
    customer.save()

    found = customer_search(queryset=Customer.objects.all(), query="beatriz")
    assert list(found) == [customer]
    assert not customer_search(queryset=Customer.objects.all(), query="ann").exists()


def test_a_customer_is_shown_by_name(make_customer):
    assert str(make_customer(name="Ann Lee")) == "Ann Lee"
