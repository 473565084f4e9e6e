"""What the merge tests give a customer to merge away: one record of each kind that
moves with it."""

import datetime
from decimal import Decimal

from customers.deals.services import deal_create
from customers.followups.services import task_create
from customers.models import Contact, Stage
from customers.record.services import contact_create
from customers.timeline.services import interaction_create


def add_one_of_each(customer, *, by) -> Contact:
    """A contact (Olga), a call with her, a deal (Renewal) and a task (Send quote) on
    `customer`; returns the contact."""
    olga = contact_create(customer=customer, name="Olga")
    interaction_create(customer=customer, recorded_by=by, kind="call", subject="Called Olga")
    deal_create(
        customer=customer,
        title="Renewal",
        amount=Decimal("250.00"),
        stage=Stage.objects.order_by("position", "pk").first(),
    )
    task_create(
        customer=customer, title="Send quote", due_date=datetime.date(2030, 1, 2), created_by=by
    )
    return olga
