"""A customer with everything that goes along with it to the trash, for the trash tests."""

import datetime

from django.utils import timezone

from customers.core.services import customer_tag_add, tag_get_or_create
from customers.deals.services import deal_create
from customers.models import Customer, Stage
from customers.record.services import contact_create
from customers.timeline.services import interaction_create


def furnish(customer: Customer, *, user=None, contacts=2, interactions=3, deals=1) -> Customer:
    """Give `customer` tags, contacts, interactions and deals (named predictably)."""
    for name in ("VIP", "Partner"):
        customer_tag_add(customer=customer, tag=tag_get_or_create(name=name))
    for n in range(1, contacts + 1):
        contact_create(customer=customer, name=f"Contact {n} of {customer.name}", is_primary=n == 1)
    for n in range(1, interactions + 1):
        interaction_create(
            customer=customer,
            recorded_by=user,
            kind="call",
            subject=f"Call {n} with {customer.name}",
            happened_at=timezone.now() - datetime.timedelta(days=n),
        )
    for n in range(1, deals + 1):
        deal_create(
            customer=customer,
            title=f"Deal {n} of {customer.name}",
            amount="1000",
            stage=Stage.objects.get(name="New"),
            owner=user,
        )
    return customer
