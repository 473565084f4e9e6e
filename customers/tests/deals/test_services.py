"""Writes for deals: a lost deal needs a reason, a reopened one loses it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from customers.core.search import indexed_text
from customers.deals.services import deal_create, deal_delete, deal_move, deal_update
from customers.models import ClosingReason, Deal, Stage

pytestmark = pytest.mark.django_db


def stage(name):
    return Stage.objects.get(name=name)


@pytest.fixture
def reason():
    return ClosingReason.objects.get(name="Price too high")


@pytest.fixture
def deal(make_customer):
    return deal_create(
        customer=make_customer(), title="Fit-out", amount=Decimal("100"), stage=stage("New")
    )


def test_create_keeps_what_it_is_given(make_customer, user):
    acme = make_customer(name="Acme")

    deal = deal_create(
        customer=acme,
        title="Fit-out",
        amount=Decimal("12000.50"),
        currency="EUR",
        stage=stage("Proposal"),
        owner=user,
    )

    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.customer, saved.title, saved.amount, saved.currency, saved.owner) == (
        acme,
        "Fit-out",
        Decimal("12000.50"),
        "EUR",
        user,
    )
    assert saved.stage.name == "Proposal"


def test_create_refuses_a_negative_amount(make_customer):
    with pytest.raises(ValidationError) as error:
        deal_create(customer=make_customer(), title="X", amount=Decimal("-1"), stage=stage("New"))

    assert "amount" in error.value.message_dict
    assert not Deal.objects.exists()


def test_create_lost_needs_a_reason(make_customer):
    with pytest.raises(ValidationError) as error:
        deal_create(customer=make_customer(), title="X", amount=Decimal(1), stage=stage("Lost"))

    assert error.value.message_dict == {"closing_reason": ["Choose why the deal was lost."]}


def test_create_open_deal_drops_a_reason(make_customer, reason):
    deal = deal_create(
        customer=make_customer(),
        title="X",
        amount=Decimal(1),
        stage=stage("New"),
        closing_reason=reason,
    )

    assert Deal.objects.get(pk=deal.pk).closing_reason is None


def test_move_to_lost_without_a_reason_changes_nothing(deal):
    with pytest.raises(ValidationError) as error:
        deal_move(deal=deal, stage=stage("Lost"))

    assert "closing_reason" in error.value.message_dict
    assert Deal.objects.get(pk=deal.pk).stage.name == "New"


def test_move_to_lost_with_a_reason(deal, reason):
    deal_move(deal=deal, stage=stage("Lost"), closing_reason=reason)

    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.stage.name, saved.closing_reason) == ("Lost", reason)


def test_reopening_a_lost_deal_clears_its_reason(deal, reason):
    deal_move(deal=deal, stage=stage("Lost"), closing_reason=reason)

    deal_move(deal=deal, stage=stage("Negotiation"))

    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.stage.name, saved.closing_reason) == ("Negotiation", None)


def test_update_out_of_lost_clears_the_reason_too(deal, reason):
    deal_move(deal=deal, stage=stage("Lost"), closing_reason=reason)

    deal_update(deal=deal, data={"stage": stage("Won")})

    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.stage.name, saved.closing_reason) == ("Won", None)


def test_update_within_lost_keeps_the_reason(deal, reason):
    deal_move(deal=deal, stage=stage("Lost"), closing_reason=reason)

    deal_update(deal=deal, data={"title": "Renamed"})

    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.title, saved.closing_reason, saved.search_text) == (
        "Renamed",
        reason,
        indexed_text("renamed"),
    )


def test_delete(deal):
    deal_delete(deal=deal)

    assert not Deal.objects.exists()


def test_a_move_to_the_stage_the_deal_is_in_changes_nothing(deal):
    before = (deal.version, deal.history.count())

    deal_move(deal=deal, stage=stage("New"), version=deal.version)
    deal_move(deal=deal, stage=stage("New"))

    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.version, saved.history.count()) == before


def test_a_lost_deal_moved_to_lost_again_with_another_reason_saves_only_the_reason(deal, reason):
    deal_move(deal=deal, stage=stage("Lost"), closing_reason=reason)
    other = ClosingReason.objects.exclude(pk=reason.pk).first()
    version = Deal.objects.get(pk=deal.pk).version

    deal_move(deal=deal, stage=stage("Lost"), closing_reason=other, version=version)

    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.stage.name, saved.closing_reason, saved.version) == ("Lost", other, version + 1)
