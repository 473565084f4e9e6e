"""Actions on many customers at once. Each runs in one transaction: all or nothing.

Rows go one by one through the same services as a single edit, so every rule (and
every later side effect, such as history) applies to them too.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from customers.models import Customer, Tag
from customers.services.customers import customer_delete, customer_update
from customers.services.tags import customer_tag_add


@transaction.atomic
def customers_assign_owner(
    *, customers: Iterable[Customer], owner: AbstractBaseUser | None
) -> int:
    changed = 0
    for customer in customers:
        if customer.owner_id != (owner.pk if owner else None):
            customer_update(customer=customer, data={"owner": owner})
            changed += 1
    return changed


@transaction.atomic
def customers_set_status(*, customers: Iterable[Customer], status: str) -> int:
    changed = 0
    for customer in customers:
        if customer.status != status:
            customer_update(customer=customer, data={"status": status})
            changed += 1
    return changed


@transaction.atomic
def customers_add_tag(*, customers: Iterable[Customer], tag: Tag) -> int:
    customers = list(customers)
    already = set(tag.customers.filter(pk__in=[c.pk for c in customers]).values_list("pk", flat=True))
    for customer in customers:
        if customer.pk not in already:
            customer_tag_add(customer=customer, tag=tag)
    return len(customers) - len(already)


@transaction.atomic
def customers_delete(*, customers: Iterable[Customer]) -> int:
    deleted = 0
    for customer in customers:
        customer_delete(customer=customer)
        deleted += 1
    return deleted
