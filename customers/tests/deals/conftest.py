"""Fixtures shared by the deals' tests."""

from decimal import Decimal

import pytest

from customers.deals.services import deal_create
from customers.models import Stage


@pytest.fixture
def make_deal(make_customer):
    """make_deal("Title", stage="Won", amount="99.5", currency="GBP"...): a deal made
    through the service, of a new customer unless one is given."""

    def make(title="Deal", *, customer=None, stage="New", amount="1000", **fields):
        return deal_create(
            customer=customer or make_customer(),
            title=title,
            amount=Decimal(amount),
            stage=Stage.objects.get(name=stage),
            **fields,
        )

    return make
