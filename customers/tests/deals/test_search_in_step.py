"""Deal search follows every write at once: deals made, renamed and deleted, in bulk
too, and their customers renamed, trashed, restored and purged."""

from decimal import Decimal

import pytest

from customers.core.search import indexed_text
from customers.core.services import customer_delete, customer_restore, customer_update
from customers.deals.selectors import deal_list, deal_search
from customers.deals.services import deal_create, deal_delete, deal_update
from customers.models import Customer, Deal, Stage
from customers.trash.services import customer_purge

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme(make_customer):
    return make_customer(name="Acme Widgets", email="ops@example.test")


@pytest.fixture
def bystander(make_customer):
    """A deal the tests never search for, so a search that finds everything does not
    pass for one that finds the right deal."""
    deal_create(
        customer=make_customer(name="Bo Bystander", email="bo@elsewhere.test"),
        title="Unrelated",
        amount=Decimal(1),
        stage=Stage.objects.get(name="New"),
    )


def new_deal(customer, title="Roof repair"):
    return deal_create(
        customer=customer, title=title, amount=Decimal(100), stage=Stage.objects.get(name="New")
    )


def titles(query: str) -> list[str]:
    return sorted(deal.title for deal in deal_search(queryset=deal_list(), query=query))


def test_a_new_deal_is_found_by_its_title_and_its_customer(acme, bystander):
    new_deal(acme)

    assert titles("roof") == ["Roof repair"]
    assert titles("acme") == ["Roof repair"]


def test_deals_made_by_bulk_create_are_found(acme, bystander):
    deal = Deal(customer=acme, title="Gazebo", amount=Decimal(5), stage=Stage.objects.first())
    deal.derive()
    Deal.objects.bulk_create([deal])

    assert titles("gazebo") == ["Gazebo"]


def test_a_renamed_deal_is_found_by_its_new_title_only(acme, bystander):
    deal = new_deal(acme)

    deal_update(deal=deal, data={"title": "Solar panels"})

    assert titles("solar") == ["Solar panels"]
    assert titles("roof") == []


def test_a_deal_is_found_by_its_customers_new_name(acme, bystander):
    new_deal(acme)

    customer_update(customer=acme, data={"name": "Globex"})

    assert titles("globex") == ["Roof repair"]
    assert titles("acme") == []


def test_a_deleted_deal_is_no_longer_found(acme, bystander):
    deal = new_deal(acme)

    deal_delete(deal=deal)

    assert titles("roof") == []


def test_deals_go_and_come_back_with_their_customer(acme, bystander, user):
    new_deal(acme)

    customer_delete(customer=acme, by=user)
    assert titles("roof") == []

    customer_restore(customers=[Customer.all_objects.get(pk=acme.pk)], by=user)
    assert titles("roof") == ["Roof repair"]

    customer_delete(customer=acme, by=user)
    customer_purge(customers=[Customer.all_objects.get(pk=acme.pk)])
    assert titles("roof") == []
    assert not Deal._base_manager.filter(search_text=indexed_text("Roof repair")).exists()


def test_a_board_search_finds_through_the_index(user_client, acme, bystander):
    new_deal(acme, "Café fit-out")

    body = user_client.get("/deals/", {"q": "cafe acme"}).content.decode()

    assert body.count('<article id="deal-') == 1
    assert "Café fit-out" in body
