"""A customer's change history as a person reads it: merged, newest first, readable."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from customers.core.services import customer_tag_add, customer_tag_remove, customer_update
from customers.deals.services import deal_create, deal_delete, deal_move
from customers.history.selectors import (
    EMPTY,
    SYSTEM,
    Change,
    customer_history,
    customer_history_subject,
)
from customers.models import ClosingReason, Contact, Customer, LeadSource, Stage, Tag
from customers.record.services import contact_create, contact_delete, contact_update
from customers.timeline.services import interaction_create, interaction_set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann(make_customer):
    return make_customer(name="Ann Lee", email="ann@example.com")


@pytest.fixture
def mia(make_user):
    return make_user("mia", first_name="Mia", last_name="Manager")


def entries(customer, **kwargs):
    return customer_history(customer_id=customer.pk, **kwargs).entries


def headlines(customer) -> list[str]:
    return [entry.headline for entry in entries(customer)]


def test_a_new_customer_has_its_creation_with_the_values_it_was_given(ann):
    [created] = entries(ann)

    assert created.headline == "Created the customer"
    assert created.who == SYSTEM  # made outside a request: no user
    assert created.changes == [
        Change("Name", EMPTY, "Ann Lee"),
        Change("Email", EMPTY, "ann@example.com"),
        Change("Status", EMPTY, "Lead"),
    ]


def test_changes_show_readable_names_labels_and_empty_values(ann, mia):
    customer_update(
        customer=ann,
        data={"status": Customer.Status.ACTIVE, "owner": mia, "phone": "+442079460958"},
    )
    customer_update(customer=ann, data={"owner": None, "phone": ""})

    cleared, changed, _ = entries(ann)

    assert changed.headline == "Changed the customer"
    assert changed.changes == [
        Change("Phone", EMPTY, "+44 20 7946 0958"),
        Change("Status", "Lead", "Active"),
        Change("Owner", EMPTY, "Mia Manager"),
    ]
    assert cleared.changes == [
        Change("Phone", "+44 20 7946 0958", EMPTY),
        Change("Owner", "Mia Manager", EMPTY),
    ]


def test_bookkeeping_fields_never_show(ann):
    customer_update(customer=ann, data={"company": "Acme"})

    [change] = entries(ann)[0].changes

    # updated_at, version and search_text changed too; nobody changed them.
    assert change == Change("Company", EMPTY, "Acme")


def test_a_save_that_changed_nothing_visible_is_left_out(ann):
    ann.save()

    assert headlines(ann) == ["Created the customer"]


def test_newest_first_across_the_customer_and_its_records(ann, user):
    contact_create(customer=ann, name="Jane Doe")
    interaction_create(customer=ann, recorded_by=user, kind="call", subject="Intro call")
    deal_create(
        customer=ann, title="Q4 renewal", amount=Decimal("100"), stage=Stage.objects.first()
    )
    customer_update(customer=ann, data={"company": "Acme"})

    assert headlines(ann) == [
        "Changed the customer",
        "Added deal “Q4 renewal”",
        "Added call “Intro call”",
        "Added contact “Jane Doe”",
        "Created the customer",
    ]


def test_another_customers_changes_are_not_shown(ann, make_customer):
    bob = make_customer(name="Bob")
    contact_create(customer=bob, name="Bob's contact")

    assert headlines(ann) == ["Created the customer"]


def test_tags_added_and_removed(ann):
    vip = Tag.objects.create(name="VIP")
    churn = Tag.objects.create(name="Churn risk")

    customer_tag_add(customer=ann, tag=vip)
    customer_tag_add(customer=ann, tag=churn)
    customer_tag_remove(customer=ann, tag=vip)

    removed, added, first, _ = entries(ann)
    assert first.headline == "Tags: added VIP"
    assert added.headline == "Tags: added Churn risk"
    assert removed.headline == "Tags: removed VIP"
    assert removed.changes == []


def test_tags_added_and_removed_in_one_record(ann):
    vip = Tag.objects.create(name="VIP")
    churn = Tag.objects.create(name="Churn risk")
    customer_tag_add(customer=ann, tag=churn)
    ann.tags.set([vip])  # records the removal, then the addition
    # Leave out the record in between, as if both had happened in one step.
    ann.history.order_by("-history_date", "-history_id")[1].delete()

    assert entries(ann)[0].headline == "Tags: added VIP; removed Churn risk"


def test_contact_added_changed_and_deleted(ann):
    jane = contact_create(customer=ann, name="Jane Doe", title="CEO")
    contact_update(contact=jane, data={"title": "CTO", "email": "jane@example.com"})
    contact_delete(contact=jane)

    deleted, changed, added, _ = entries(ann)

    assert added.headline == "Added contact “Jane Doe”"
    assert added.changes == [
        Change("Name", EMPTY, "Jane Doe"),
        Change("Role", EMPTY, "CEO"),
        Change("Primary contact", EMPTY, "Yes"),
    ]
    assert changed.headline == "Changed contact “Jane Doe”"
    assert changed.changes == [
        Change("Role", "CEO", "CTO"),
        Change("Email", EMPTY, "jane@example.com"),
    ]
    assert deleted.headline == "Deleted contact “Jane Doe”"
    assert deleted.changes == []


def test_a_new_primary_contact_takes_the_mark_from_the_old_one_in_the_history(ann):
    jane = contact_create(customer=ann, name="Jane Doe")
    contact_create(customer=ann, name="Joe Bloggs", is_primary=True)

    # The old primary's demotion is a save of its own, not a silent update.
    added_joe, demoted_jane = entries(ann)[:2]
    assert demoted_jane.headline == "Changed contact “Jane Doe”"
    assert demoted_jane.changes == [Change("Primary contact", "Yes", "No")]
    assert added_joe.headline == "Added contact “Joe Bloggs”"
    assert not Contact.objects.get(pk=jane.pk).is_primary


def test_interactions_name_their_kind_and_the_contact_even_once_deleted(ann, mia):
    jane = contact_create(customer=ann, name="Jane Doe")
    request = interaction_create(
        customer=ann,
        recorded_by=mia,
        kind="support",
        subject="Cannot log in",
        happened_at=timezone.make_aware(datetime.datetime(2025, 3, 14, 9, 30)),
        contact=jane,
    )
    interaction_set_status(interaction=request, status="resolved")
    contact_delete(contact=jane)

    deleted, unlinked, resolved, added = entries(ann)[:4]

    assert deleted.headline == "Deleted contact “Jane Doe”"
    assert unlinked.changes == [Change("With", "Jane Doe", EMPTY)]

    assert added.headline == "Added support request “Cannot log in”"
    changes = {change.field: change for change in added.changes}
    assert changes["Kind"].new == "Support request"
    assert changes["Recorded by"].new == "Mia Manager"
    assert changes["With"].new == "Jane Doe"
    assert changes["When"].new == "Mar 14, 2025, 09:30"
    assert changes["Status"].new == "Open"
    assert resolved.headline == "Changed support request “Cannot log in”"
    assert resolved.changes == [Change("Status", "Open", "Resolved")]


def test_deal_stage_reason_and_source_by_name(ann, mia):
    deal = deal_create(
        customer=ann,
        title="Q4 renewal",
        amount=Decimal("12500"),
        currency="EUR",
        stage=Stage.objects.get(name="New"),
        owner=mia,
        lead_source=LeadSource.objects.get(name="Referral"),
    )
    deal_move(
        deal=deal,
        stage=Stage.objects.get(name="Lost"),
        closing_reason=ClosingReason.objects.get(name="Price too high"),
    )
    deal_delete(deal=deal)

    deleted, moved, added, _ = entries(ann)

    assert deleted.headline == "Deleted deal “Q4 renewal”"
    assert moved.headline == "Changed deal “Q4 renewal”"
    assert moved.changes == [
        Change("Stage", "New", "Lost"),
        Change("Reason lost", EMPTY, "Price too high"),
    ]
    changes = {change.field: change.new for change in added.changes}
    assert changes["Amount"] == "12,500.00"
    assert changes["Currency"] == "EUR – Euro"
    assert changes["Owner"] == "Mia Manager"
    assert changes["Lead source"] == "Referral"


def test_trash_and_restore_are_told_as_such(ann, mia):
    ann.deleted_at, ann.deleted_by = timezone.now(), mia
    ann.save(update_fields=["deleted_at", "deleted_by"])
    ann.deleted_at = ann.deleted_by = None
    ann.save(update_fields=["deleted_at", "deleted_by"])

    restored, trashed, _ = entries(ann)

    assert trashed.headline == "Moved to the trash"
    assert restored.headline == "Restored from the trash"
    assert trashed.changes == restored.changes == []


def test_the_history_outlives_a_purged_customer(ann):
    contact_create(customer=ann, name="Jane Doe")
    customer_update(customer=ann, data={"name": "Ann Smith"})
    pk = ann.pk
    Customer.all_objects.get(pk=pk).delete()

    subject = customer_history_subject(customer_id=pk)
    history = customer_history(customer_id=pk).entries

    assert subject.purged and subject.name == "Ann Smith"
    assert {entry.headline for entry in history[:2]} == {
        "Deleted the customer",
        "Deleted contact “Jane Doe”",
    }
    assert history[-1].headline == "Created the customer"


def test_no_subject_for_a_customer_that_never_was():
    assert customer_history_subject(customer_id=987654) is None


def test_a_trashed_customer_is_its_subject(ann):
    ann.deleted_at = timezone.now()
    ann.save()

    subject = customer_history_subject(customer_id=ann.pk)

    assert subject.in_trash and not subject.purged and subject.customer == ann


def test_who_is_the_users_name(ann, mia, user):
    ann.history.update(history_user=mia)

    assert entries(ann)[0].who == "Mia Manager"
    ann.history.update(history_user=user)
    assert entries(ann)[0].who == "clerk"  # no full name: the username


def test_pages_of_the_newest_first_and_then_the_older_ones(ann):
    for n in range(60):
        customer_update(customer=ann, data={"company": f"Company {n}"})

    first = customer_history(customer_id=ann.pk)
    second = customer_history(customer_id=ann.pk, before=first.next_cursor)

    assert len(first.entries) == 50
    assert first.entries[0].changes == [Change("Company", "Company 58", "Company 59")]
    assert first.entries[-1].changes == [Change("Company", "Company 9", "Company 10")]
    assert second.next_cursor is None
    assert [e.changes[0].new for e in second.entries[:-1]] == [
        f"Company {n}" for n in range(9, -1, -1)
    ]
    assert second.entries[-1].headline == "Created the customer"


def test_paging_is_steady_while_new_changes_arrive(ann):
    for n in range(55):
        customer_update(customer=ann, data={"company": f"Company {n}"})
    first = customer_history(customer_id=ann.pk)

    customer_update(customer=ann, data={"company": "Newest"})
    second = customer_history(customer_id=ann.pk, before=first.next_cursor)

    assert [e.changes[0].new for e in second.entries[:-1]] == [
        f"Company {n}" for n in range(4, -1, -1)
    ]


@pytest.mark.parametrize("cursor", ["x", "1.2", "1.2.3.4", "-1.0.1", "99999999999999999999.0.1"])
def test_a_cursor_not_given_out_is_refused(ann, cursor):
    with pytest.raises(ValueError):
        customer_history(customer_id=ann.pk, before=cursor)


@pytest.mark.parametrize("changes", [3, 60])
def test_a_page_costs_the_same_queries_however_many_changes(
    ann, mia, changes, django_assert_max_num_queries
):
    jane = contact_create(customer=ann, name="Jane Doe")
    deal = deal_create(customer=ann, title="Deal", amount=Decimal(1), stage=Stage.objects.first())
    tag = Tag.objects.create(name="VIP")
    stages = list(Stage.objects.filter(outcome="open"))
    for n in range(changes):
        customer_update(customer=ann, data={"company": f"Company {n}", "owner": mia})
        contact_update(contact=jane, data={"title": f"Role {n}"})
        deal_move(deal=deal, stage=stages[n % len(stages)])
        interaction_create(customer=ann, recorded_by=mia, kind="note", subject=f"Note {n}")
        customer_tag_add(customer=ann, tag=tag)
        customer_tag_remove(customer=ann, tag=tag)

    with django_assert_max_num_queries(12):
        customer_history(customer_id=ann.pk)
