"""The customer form: what a user is told about each mistake, and what it cleans to."""

import pytest

from customers.core.forms import CustomerForm
from customers.deals.forms import DealForm
from customers.deals.services import deal_create
from customers.models import Stage

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Ann Lee",
    "email": "ann@example.com",
    "phone": "",
    "company": "Acme",
    "status": "lead",
}


def errors_for(**changes):
    form = CustomerForm(data={**VALID, **changes})
    assert not form.is_valid()
    return form.errors


def test_valid_input_is_accepted_and_the_phone_normalised():
    form = CustomerForm(data={**VALID, "phone": "(202) 555-0143"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+12025550143"


@pytest.mark.parametrize("name", ["", "   "])
def test_missing_name(name):
    assert errors_for(name=name)["name"] == ["Enter the customer's name."]


def test_name_longer_than_100_characters():
    assert errors_for(name="x" * 101)["name"] == [
        "Ensure this value has at most 100 characters (it has 101)."
    ]


def test_name_of_exactly_100_characters_is_fine():
    assert CustomerForm(data={**VALID, "name": "x" * 100}).is_valid()


def test_missing_email():
    assert errors_for(email="")["email"] == ["Enter the customer's email address."]


@pytest.mark.parametrize("email", ["ann", "ann@", "ann@example", "@example.com", "ann example.com"])
def test_invalid_email(email):
    assert errors_for(email=email)["email"] == [
        "Enter a valid email address, like name@example.com."
    ]


def test_email_taken_by_another_customer_in_another_case(make_customer):
    make_customer(email="Ann@Example.com")

    assert errors_for(email="ann@example.COM")["email"] == [
        "Another customer already has this email address."
    ]


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        (
            "call me",
            "A phone number may contain only digits, spaces, dashes, dots, brackets "
            "and a leading +.",
        ),
        ("+1 202 555 0143 0000 0", "A phone number has at most 15 digits."),
        ("+1 123", "Enter a valid phone number, with its country code, e.g. +44 20 7946 0958."),
    ],
)
def test_invalid_phone(phone, message):
    assert errors_for(phone=phone)["phone"] == [message]


def test_unknown_status():
    assert "status" in errors_for(status="vip")


def test_a_deal_keeps_its_deactivated_owner_on_the_edit_form(make_customer, make_user):
    gone = make_user("gone", is_active=False, first_name="Gone", last_name="Away")
    deal = deal_create(
        customer=make_customer(), title="Pilot", amount=100, stage=Stage.objects.first(), owner=gone
    )

    form = DealForm(instance=deal)

    assert form.initial["owner"] == gone.pk
    assert gone in form.fields["owner"].queryset
    assert gone not in DealForm().fields["owner"].queryset
