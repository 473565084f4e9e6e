"""Every write to customers goes through here: views, admin, import and commands alike."""

from django.db import IntegrityError, transaction

from customers.models import Customer


def _validated_save(customer: Customer, **save_kwargs) -> None:
    # The unique-email constraint is left to the database, which checks it anyway;
    # a violation is then explained as the validation error it is. (Forms check it
    # before this, to show the error beside the field with everything else.)
    customer.full_clean(exclude={"search_text"}, validate_constraints=False)
    try:
        with transaction.atomic():
            customer.save(**save_kwargs)
    except IntegrityError:
        customer.validate_constraints()
        raise


def customer_create(
    *,
    name: str,
    email: str,
    phone: str = "",
    company: str = "",
    status: str = Customer.Status.LEAD,
) -> Customer:
    customer = Customer(name=name, email=email, phone=phone, company=company, status=status)
    _validated_save(customer)
    return customer


def customer_update(*, customer: Customer, data: dict) -> Customer:
    """Apply `data` (field name -> value) and save only those fields."""
    if not data:
        return customer
    for field, value in data.items():
        setattr(customer, field, value)
    _validated_save(customer, update_fields=set(data))
    return customer


def customer_delete(*, customer: Customer) -> None:
    customer.delete()
