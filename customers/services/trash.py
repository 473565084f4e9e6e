"""The trash: a deleted customer is only marked, so it can be brought back exactly.

Contacts, interactions and deals are left as they are. They are hidden through their
customer (see customers.models.trash), so a restore brings back exactly what was
there, and a purge takes them along by cascade. Every mark goes through save(), so
simple-history records who trashed or restored a customer, and its version moves on.
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from customers.models import Customer

TRASH_FIELDS = ["deleted_at", "deleted_by"]


@transaction.atomic
def customer_trash(*, customers: Iterable[Customer], by: AbstractBaseUser | None) -> int:
    """Move the customers to the trash. Returns how many moved (any already there stay)."""
    now = timezone.now()
    moved = 0
    for customer in customers:
        if customer.in_trash:
            continue
        customer.deleted_at, customer.deleted_by = now, by
        _save_as(customer, by)
        moved += 1
    return moved


@transaction.atomic
def customer_restore(*, customers: Iterable[Customer], by: AbstractBaseUser | None) -> int:
    """Bring the customers back from the trash, all or none. Returns how many came back.

    A kept customer may have taken the email of a trashed one meanwhile; the email is
    unique among kept customers, so such a restore is refused, saying which two clash.
    `by` is who restores: history records it as the user of the request.
    """
    customers = [c for c in customers if c.in_trash]
    _refuse_taken_emails(customers)
    for customer in customers:
        customer.deleted_at, customer.deleted_by = None, None
        _save_as(customer, by)
    return len(customers)


def _save_as(customer: Customer, by: AbstractBaseUser | None) -> None:
    # History names `by` even outside a request (the admin's actions, a shell).
    if by is not None:
        customer._history_user = by
    customer.save(update_fields=TRASH_FIELDS)


def _refuse_taken_emails(customers: list[Customer]) -> None:
    wanted: dict[str, Customer] = {}
    for customer in customers:
        email = customer.email.lower()
        if email in wanted:
            raise ValidationError(
                f"“{customer.name}” cannot be restored together with “{wanted[email].name}”: "
                f"both have the email {customer.email}. Restore one, and change its email "
                "before restoring the other."
            )
        wanted[email] = customer
    if not wanted:
        return
    holder = (
        Customer.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=wanted)
        .order_by("name", "id")
        .first()
    )
    if holder is not None:
        trashed = wanted[holder.email.lower()]
        raise ValidationError(
            f"“{trashed.name}” cannot be restored: its email {trashed.email} now belongs to "
            f"“{holder.name}”. Change one of the two emails first.",
            code="email_taken",
        )


@transaction.atomic
def customer_purge(*, customers: Iterable[Customer]) -> int:
    """Delete the customers for good, with their contacts, interactions and deals.

    simple-history keeps a "deleted" record of each, so their history outlives them.
    Returns how many customers were purged.
    """
    if not isinstance(customers, QuerySet):
        customers = Customer.all_objects.filter(pk__in=[c.pk for c in customers])
    # One cascade for all of them; it still sends the per-row signals history needs.
    _, deleted = customers.delete()
    return deleted.get(Customer._meta.label, 0)


def trash_purge(*, older_than_days: int = 30) -> int:
    """Purge what has been in the trash longer than `older_than_days` days."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    return customer_purge(customers=Customer.all_objects.filter(deleted_at__lt=cutoff))
