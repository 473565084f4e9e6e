"""Actions on many customers at once. Each runs in one transaction: all or nothing.

Rows go one by one through the same services as a single edit, so every rule (and
every later side effect, such as history) applies to them too.
"""

from collections.abc import Iterable
from contextlib import contextmanager

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from customers.core.services import customer_tag_add, customer_trash, customer_update
from customers.models import Customer, Tag


@contextmanager
def _naming(customer: Customer):
    """Say which customer a rule stopped, since the whole action is undone for it."""
    try:
        yield
    except ValidationError as error:
        raise ValidationError(
            _("“{name}” could not be changed: {reasons}").format(
                name=customer.name, reasons=" ".join(error.messages)
            )
        ) from error


def _update_those_that_differ(customers, data: dict, *, differs) -> int:
    """Apply `data` to each customer for which `differs(customer)`; how many changed."""
    changed = 0
    for customer in customers:
        if differs(customer):
            with _naming(customer):
                customer_update(customer=customer, data=data)
            changed += 1
    return changed


@transaction.atomic
def customers_assign_owner(*, customers: Iterable[Customer], owner: AbstractBaseUser | None) -> int:
    """Give the customers to `owner` (None: to nobody). Returns how many changed."""
    owner_id = owner.pk if owner else None
    return _update_those_that_differ(
        customers, {"owner": owner}, differs=lambda customer: customer.owner_id != owner_id
    )


@transaction.atomic
def customers_set_status(*, customers: Iterable[Customer], status: str) -> int:
    return _update_those_that_differ(
        customers, {"status": status}, differs=lambda customer: customer.status != status
    )


@transaction.atomic
def customers_add_tag(*, customers: Iterable[Customer], tag: Tag) -> int:
    customers = list(customers)
    already = tag.customers.filter(pk__in=[c.pk for c in customers])
    tagged = set(already.values_list("pk", flat=True))
    for customer in customers:
        if customer.pk not in tagged:
            customer_tag_add(customer=customer, tag=tag)
    return len(customers) - len(tagged)


@transaction.atomic
def customers_delete(*, customers: Iterable[Customer], by: AbstractBaseUser | None) -> int:
    """Move the customers to the trash. Returns how many moved."""
    return customer_trash(customers=customers, by=by)
