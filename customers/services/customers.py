"""Every write to customers goes through here: views, admin, import and commands alike."""

from django.contrib.auth.models import AbstractBaseUser

from customers.models import Customer
from customers.services.concurrency import versioned_update
from customers.services.trash import customer_trash
from customers.services.validation import apply_changes, validated_save


def customer_create(
    *,
    name: str,
    email: str,
    phone: str = "",
    company: str = "",
    status: str = Customer.Status.LEAD,
    owner: AbstractBaseUser | None = None,
) -> Customer:
    customer = Customer(
        name=name, email=email, phone=phone, company=company, status=status, owner=owner
    )
    validated_save(customer)
    return customer


def customer_update(*, customer: Customer, data: dict, version: int | None = None) -> Customer:
    """Apply `data` (field name -> value) and save only those fields; returns the saved
    customer.

    With the `version` an edit form started from, a save made since is never overwritten:
    see `versioned_update` (it may raise EditConflict, and then saves nothing).
    """
    return versioned_update(customer, data, version=version, apply=_apply)


def _apply(customer: Customer, data: dict) -> None:
    if data:
        apply_changes(customer, data)


def customer_delete(*, customer: Customer, by: AbstractBaseUser | None) -> None:
    """Move the customer to the trash, from where it can be restored (or purged)."""
    customer_trash(customers=[customer], by=by)
