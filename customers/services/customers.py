"""Every write to customers goes through here: views, admin, import and commands alike."""

from django.contrib.auth.models import AbstractBaseUser

from customers.models import Customer
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


def customer_update(*, customer: Customer, data: dict) -> Customer:
    """Apply `data` (field name -> value) and save only those fields."""
    if data:
        apply_changes(customer, data)
    return customer


def customer_delete(*, customer: Customer, by: AbstractBaseUser | None) -> None:
    """Move the customer to the trash, from where it can be restored (or purged)."""
    customer_trash(customers=[customer], by=by)
