"""Saving with the version an edit started from: someone else's save is never overwritten.

"Alice" saves first (her edit started later or was quicker); "I" then save from the
version we both started with.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from customers.core.concurrency import EditConflict
from customers.core.services import customer_tag_add, customer_update, tag_get_or_create
from customers.deals.services import deal_create, deal_move, deal_update
from customers.models import ClosingReason, Customer, Deal, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(make_user):
    return make_user("alice", first_name="Alice", last_name="Ames")


def saved_by(user, model, pk, **data):
    """`user` saves `data` on a fresh copy of the row, as in her own request."""
    obj = model._default_manager.get(pk=pk)
    obj._history_user = user  # what the history middleware does during a request
    if model is Deal:
        return deal_update(deal=obj, data=data)
    return customer_update(customer=obj, data=data)


def fresh(customer):
    return Customer.objects.get(pk=customer.pk)


def test_without_a_version_nothing_is_checked(ann):
    saved_by(None, Customer, ann.pk, name="Ann Alice")

    saved = customer_update(customer=ann, data={"name": "Ann Mine"})

    assert saved is ann
    assert fresh(ann).name == "Ann Mine"


def test_same_version_saves_as_before(ann):
    saved = customer_update(customer=ann, data={"name": "Ann Mine"}, version=ann.version)

    assert fresh(ann).name == "Ann Mine"
    assert saved.version == fresh(ann).version == 2


def test_the_same_field_changed_by_both_is_a_conflict_and_nothing_is_saved(ann, alice):
    started = ann.version
    saved_by(alice, Customer, ann.pk, name="Ann Alice")

    with pytest.raises(EditConflict) as raised:
        customer_update(
            customer=fresh(ann), data={"name": "Ann Mine", "company": "Mine Ltd"}, version=started
        )

    conflict = raised.value
    assert set(conflict.fields) == {"name"}
    assert (conflict.fields["name"].theirs, conflict.fields["name"].mine) == (
        "Ann Alice",
        "Ann Mine",
    )
    assert conflict.by == alice
    assert conflict.version == started + 1
    assert conflict.mine == {"name": "Ann Mine", "company": "Mine Ltd"}
    after = fresh(ann)
    assert (after.name, after.company, after.version) == ("Ann Alice", "Acme", started + 1)


def test_different_fields_are_merged_without_a_conflict(ann, alice):
    started = ann.version
    saved_by(alice, Customer, ann.pk, email="ann.alice@example.com")

    # My form still shows the old email: it is sent back, unchanged by me.
    saved = customer_update(
        customer=fresh(ann), data={"name": "Ann Mine", "email": "ann@example.com"}, version=started
    )

    after = fresh(ann)
    assert (after.name, after.email) == ("Ann Mine", "ann.alice@example.com")
    assert saved.version == after.version == started + 2


def test_both_changing_a_field_to_the_same_value_is_no_conflict(ann, alice):
    started = ann.version
    saved_by(alice, Customer, ann.pk, company="Same Ltd")

    customer_update(customer=fresh(ann), data={"company": "Same Ltd"}, version=started)

    assert fresh(ann).company == "Same Ltd"


def test_keep_mine_saves_with_the_version_of_the_conflict(ann, alice):
    started = ann.version
    saved_by(alice, Customer, ann.pk, name="Ann Alice")
    with pytest.raises(EditConflict) as raised:
        customer_update(customer=fresh(ann), data={"name": "Ann Mine"}, version=started)

    customer_update(customer=fresh(ann), data={"name": "Ann Mine"}, version=raised.value.version)

    assert fresh(ann).name == "Ann Mine"


def test_take_theirs_keeps_their_value_and_my_other_changes(ann, alice):
    started = ann.version
    saved_by(alice, Customer, ann.pk, name="Ann Alice")
    mine = {"name": "Ann Mine", "company": "Mine Ltd"}
    with pytest.raises(EditConflict) as raised:
        customer_update(customer=fresh(ann), data=mine, version=started)
    conflict = raised.value

    # "Take theirs": what conflicted is left as they saved it.
    rest = {name: value for name, value in mine.items() if name not in conflict.fields}
    customer_update(customer=fresh(ann), data=rest, version=conflict.version)

    after = fresh(ann)
    assert (after.name, after.company) == ("Ann Alice", "Mine Ltd")


def test_a_choice_is_checked_for_a_conflict_again(ann, alice, make_user):
    started = ann.version
    saved_by(alice, Customer, ann.pk, name="Ann Alice")
    with pytest.raises(EditConflict) as first:
        customer_update(customer=fresh(ann), data={"name": "Ann Mine"}, version=started)
    bob = make_user("bob")
    saved_by(bob, Customer, ann.pk, name="Ann Bob")

    with pytest.raises(EditConflict) as second:
        customer_update(customer=fresh(ann), data={"name": "Ann Mine"}, version=first.value.version)

    assert second.value.fields["name"].theirs == "Ann Bob"
    assert second.value.by == bob
    assert fresh(ann).name == "Ann Bob"


def test_owners_are_compared_by_id(ann, alice, make_user):
    bob = make_user("bob")
    started = ann.version
    saved_by(alice, Customer, ann.pk, owner=alice)

    with pytest.raises(EditConflict) as raised:
        customer_update(customer=fresh(ann), data={"owner": bob}, version=started)
    assert raised.value.fields["owner"].theirs == alice

    # Choosing the owner she chose, as another object of the same user, is no conflict.
    customer_update(
        customer=fresh(ann), data={"owner": type(alice).objects.get(pk=alice.pk)}, version=started
    )
    assert fresh(ann).owner == alice


def test_without_the_base_in_history_every_change_of_mine_conflicts(ann, alice):
    started = ann.version
    saved_by(alice, Customer, ann.pk, email="ann.alice@example.com")
    Customer.history.filter(id=ann.pk, version=started).delete()

    with pytest.raises(EditConflict) as raised:
        customer_update(
            customer=fresh(ann),
            data={"name": "Ann Mine", "company": "Acme"},  # the company as it is now
            version=started,
        )

    assert set(raised.value.fields) == {"name"}
    assert fresh(ann).name == "Ann Lee"


def test_tag_changes_in_between_are_no_conflict(ann, alice):
    """Tags do not bump the version, but they do write history records."""
    started = ann.version
    customer_tag_add(customer=ann, tag=tag_get_or_create(name="VIP"))

    customer_update(customer=fresh(ann), data={"name": "Ann Mine"}, version=started)

    assert fresh(ann).name == "Ann Mine"


def test_a_customer_deleted_meanwhile_is_explained(ann):
    mine = fresh(ann)
    Customer.objects.filter(pk=ann.pk).delete()

    with pytest.raises(ValidationError, match="deleted while you were editing"):
        customer_update(customer=mine, data={"name": "Ann Mine"}, version=mine.version)


# --- Deals -------------------------------------------------------------------------


@pytest.fixture
def deal(ann):
    return deal_create(
        customer=ann, title="Fit-out", amount=Decimal("100"), stage=Stage.objects.get(name="New")
    )


def stage(name):
    return Stage.objects.get(name=name)


def test_two_moves_to_different_stages_conflict(deal, alice):
    started = deal.version
    saved_by(alice, Deal, deal.pk, stage=stage("Won"))

    with pytest.raises(EditConflict) as raised:
        deal_move(deal=Deal.objects.get(pk=deal.pk), stage=stage("Proposal"), version=started)

    assert set(raised.value.fields) == {"stage"}
    assert raised.value.fields["stage"].theirs == stage("Won")
    assert Deal.objects.get(pk=deal.pk).stage == stage("Won")


def test_a_move_after_an_edit_of_other_fields_is_merged(deal, alice):
    started = deal.version
    saved_by(alice, Deal, deal.pk, amount=Decimal("250.00"))

    deal_move(deal=Deal.objects.get(pk=deal.pk), stage=stage("Proposal"), version=started)

    after = Deal.objects.get(pk=deal.pk)
    assert (after.stage, after.amount) == (stage("Proposal"), Decimal("250.00"))


def test_a_move_to_lost_merged_keeps_its_reason(deal, alice):
    reason = ClosingReason.objects.get(name="Price too high")
    started = deal.version
    saved_by(alice, Deal, deal.pk, title="Fit-out, phase 2")

    deal_move(
        deal=Deal.objects.get(pk=deal.pk),
        stage=stage("Lost"),
        closing_reason=reason,
        version=started,
    )

    after = Deal.objects.get(pk=deal.pk)
    assert (after.title, after.stage, after.closing_reason) == (
        "Fit-out, phase 2",
        stage("Lost"),
        reason,
    )
