"""What is in the trash is hidden everywhere unless asked for.

A trashed customer keeps its contacts, interactions and deals untouched, so a
restore brings back exactly what was there; they are hidden through their customer.
"""

from django.db import models


class KeptCustomerManager(models.Manager):
    """Customers not in the trash: the default, so no list, search or form can show one."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class OfKeptCustomerManager(models.Manager):
    """Records whose customer is not in the trash."""

    def get_queryset(self):
        return super().get_queryset().filter(customer__deleted_at__isnull=True)
