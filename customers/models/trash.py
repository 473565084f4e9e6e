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
    """Records whose customer is not in the trash.

    Told apart from the few customers in the trash (an index holds them), not by a join
    to every record's customer: a board's totals read every deal, and a join would
    read every customer too.
    """

    def get_queryset(self):
        customers = self.model._meta.get_field("customer").related_model
        in_trash = customers.all_objects.filter(deleted_at__isnull=False).values("pk")
        return super().get_queryset().exclude(customer__in=in_trash)
