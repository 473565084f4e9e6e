"""The trash: a deleted customer is only marked, so it can be brought back exactly.

Contacts, interactions and deals are left as they are. They are hidden through their
customer (see customers.models.trash), so a restore brings back exactly what was
there, and a purge takes them along by cascade. Every mark goes through save(), so
simple-history records who trashed or restored a customer, and its version moves on.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from customers.models import Customer


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
