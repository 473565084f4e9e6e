"""Every road that writes leaves history: who did it, and each field's old → new.

Each test takes one road as a user would (a POST to the app or the admin) or as a
command does (no request, so no user: "System"), and reads the result back the way
the History dialog shows it.
"""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from customers.core.services import customer_tag_add, customer_update, tag_delete
from customers.deals.services import deal_create
from customers.grid.services import customers_set_status
from customers.history.selectors import EMPTY, SYSTEM, Change, customer_history
from customers.models import Contact, Customer, Deal, Interaction, Stage, Tag
from customers.record.services import contact_create
from customers.tests.posting import customer_form_with_owner
from customers.timeline.services import interaction_create
from ui.testing import HX

pytestmark = pytest.mark.django_db

# Everything a manager may do, so the test is about history, not about who may.
MANAGER_PERMISSIONS = tuple(
    f"{action}_{model}"
    for model in ("customer", "contact", "interaction", "tag", "deal")
    for action in ("view", "add", "change", "delete")
) + ("reassign_owner", "change_others_records", "resolve_interaction")


@pytest.fixture
def mia(make_user):
    return make_user("mia", first_name="Mia", last_name="Manager", perms=MANAGER_PERMISSIONS)


@pytest.fixture
def as_mia(client, mia):
    client.force_login(mia)
    return client


def newest(customer, count=1):
    """The newest `count` entries of the customer's history, newest first."""
    entries = customer_history(customer_id=customer.pk).entries[:count]
    return entries[0] if count == 1 else entries


# --- The customer -----------------------------------------------------------------------


def test_grid_inline_edit(as_mia, ann):
    response = as_mia.post(
        f"/customers/update/{ann.pk}/", customer_form_with_owner(ann, status="active"), headers=HX
    )

    assert response.status_code == 200
    entry = newest(ann)
    assert (entry.who, entry.headline) == ("Mia Manager", "Changed the customer")
    assert entry.changes == [Change("Status", "Lead", "Active")]


def test_record_header_edit(as_mia, ann, mia):
    response = as_mia.post(
        f"/customers/{ann.pk}/edit/",
        customer_form_with_owner(ann, company="Globex", owner=mia.pk),
        headers=HX,
    )

    assert response.status_code == 200
    entry = newest(ann)
    assert entry.who == "Mia Manager"
    assert entry.changes == [
        Change("Company", "Acme", "Globex"),
        Change("Owner", EMPTY, "Mia Manager"),
    ]


@pytest.fixture
def bob(make_customer):
    return make_customer(name="Bob Ray", email="bob@example.com")


def test_bulk_status(as_mia, ann, bob):
    response = as_mia.post(
        "/customers/bulk/",
        {"ids": [ann.pk, bob.pk], "action": "set_status", "status": "prospect"},
        headers=HX,
    )

    assert response.status_code == 200
    for customer in (ann, bob):
        entry = newest(customer)
        assert entry.who == "Mia Manager"
        assert entry.changes == [Change("Status", "Lead", "Prospect")]


def test_bulk_owner(as_mia, ann, bob, mia):
    response = as_mia.post(
        "/customers/bulk/",
        {"ids": [ann.pk, bob.pk], "action": "assign_owner", "owner": mia.pk},
        headers=HX,
    )

    assert response.status_code == 200
    for customer in (ann, bob):
        assert newest(customer).changes == [Change("Owner", EMPTY, "Mia Manager")]
        assert newest(customer).who == "Mia Manager"


def test_bulk_add_tag(as_mia, ann, bob):
    vip = Tag.objects.create(name="VIP")

    response = as_mia.post(
        "/customers/bulk/",
        {"ids": [ann.pk, bob.pk], "action": "add_tag", "tag": vip.pk},
        headers=HX,
    )

    assert response.status_code == 200
    for customer in (ann, bob):
        entry = newest(customer)
        assert (entry.who, entry.headline) == ("Mia Manager", "Tags: added VIP")


def test_admin_change(client, superuser, ann):
    client.force_login(superuser)
    vip = Tag.objects.create(name="VIP")

    response = client.post(
        f"/admin/customers/customer/{ann.pk}/change/",
        {
            **customer_form_with_owner(ann, name="Ann Smith", status="active"),
            "tags": [vip.pk],
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    tagged, changed = newest(ann, 2)
    assert (changed.who, changed.headline) == ("root", "Changed the customer")
    assert changed.changes == [
        Change("Name", "Ann Lee", "Ann Smith"),
        Change("Status", "Lead", "Active"),
    ]
    assert (tagged.who, tagged.headline) == ("root", "Tags: added VIP")


def test_record_tags_add_and_remove(as_mia, ann):
    response = as_mia.post(
        f"/customers/{ann.pk}/tags/add/", {"name": "Churn risk", "create": "Churn risk"}, headers=HX
    )
    assert response.status_code == 200
    tag = Tag.objects.get(name="Churn risk")
    response = as_mia.post(f"/customers/{ann.pk}/tags/{tag.pk}/remove/", headers=HX)
    assert response.status_code == 200

    removed, added = newest(ann, 2)
    assert (added.who, added.headline) == ("Mia Manager", "Tags: added Churn risk")
    assert (removed.who, removed.headline) == ("Mia Manager", "Tags: removed Churn risk")


# --- Commands and imports: through the services, without a request ---------------------


def test_services_without_a_request_are_the_system(ann, bob):
    customers_set_status(customers=[ann, bob], status="inactive")

    entry = newest(ann)
    assert (entry.who, entry.changes) == (SYSTEM, [Change("Status", "Lead", "Inactive")])
    assert ann.history.latest().history_user is None


def test_the_demo_command_leaves_history(settings):
    settings.DEBUG = True  # the demo login is made only while developing
    call_command("demo", customers=5, seed=1, stdout=StringIO())

    for customer in Customer.objects.all():
        history = customer_history(customer_id=customer.pk).entries
        created = history[-1]
        assert created.headline == "Created the customer"
        assert {entry.who for entry in history} == {SYSTEM}
        # Backdated with its creation record, which says when it was created.
        assert customer.history.earliest().history_date == customer.created_at
    made = [
        *Contact.history.filter(history_type="+"),
        *Interaction.history.filter(history_type="+"),
        *Deal.history.filter(history_type="+"),
    ]
    assert len(made) == Contact.objects.count() + Interaction.objects.count() + Deal.objects.count()


# --- Contacts -----------------------------------------------------------------------------


def test_contact_add_edit_and_delete(as_mia, ann):
    as_mia.post(f"/customers/{ann.pk}/contacts/add/", {"name": "Jane Doe"}, headers=HX)
    jane = Contact.objects.get(name="Jane Doe")
    as_mia.post(
        f"/contacts/{jane.pk}/edit/",
        {
            "name": "Jane Doe",
            "title": "CEO",
            "email": "",
            "phone": "",
            "is_primary": "on",
            "version": jane.version,
        },
        headers=HX,
    )
    as_mia.post(f"/contacts/{jane.pk}/delete/", headers=HX)

    deleted, changed, added = newest(ann, 3)
    assert {entry.who for entry in (deleted, changed, added)} == {"Mia Manager"}
    assert added.headline == "Added contact “Jane Doe”"
    assert changed.headline == "Changed contact “Jane Doe”"
    assert changed.changes == [Change("Role", EMPTY, "CEO")]
    assert deleted.headline == "Deleted contact “Jane Doe”"


def test_a_new_primary_contact_demotes_the_old_one_on_the_record(as_mia, ann):
    contact_create(customer=ann, name="Jane Doe")

    as_mia.post(
        f"/customers/{ann.pk}/contacts/add/", {"name": "Joe Bloggs", "is_primary": "on"}, headers=HX
    )

    added, demoted = newest(ann, 2)
    assert added.headline == "Added contact “Joe Bloggs”"
    assert demoted.headline == "Changed contact “Jane Doe”"
    assert (demoted.who, demoted.changes) == (
        "Mia Manager",
        [Change("Primary contact", "Yes", "No")],
    )


# --- Interactions -------------------------------------------------------------------------


def test_interaction_add_and_resolve(as_mia, ann, mia):
    as_mia.post(
        f"/customers/{ann.pk}/activity/add/",
        {"kind": "support", "subject": "Cannot log in", "happened_at": "2025-03-14T09:30"},
        headers=HX,
    )
    request = Interaction.objects.get()
    as_mia.post(f"/activity/{request.pk}/status/", {"status": "resolved"}, headers=HX)

    resolved, added = newest(ann, 2)
    assert (added.who, added.headline) == ("Mia Manager", "Added support request “Cannot log in”")
    assert Change("Recorded by", EMPTY, "Mia Manager") in added.changes
    assert (resolved.who, resolved.headline) == (
        "Mia Manager",
        "Changed support request “Cannot log in”",
    )
    assert resolved.changes == [Change("Status", "Open", "Resolved")]


def test_interactions_made_by_a_service_alone(ann, mia):
    interaction_create(customer=ann, recorded_by=mia, kind="call", subject="Intro call")

    assert (newest(ann).who, newest(ann).headline) == (SYSTEM, "Added call “Intro call”")


# --- Deals ----------------------------------------------------------------------------------


def test_deal_create_move_and_delete(as_mia, ann):
    new, qualified = Stage.objects.get(name="New"), Stage.objects.get(name="Qualified")
    response = as_mia.post(
        "/deals/create/",
        {
            "customer": ann.email,
            "title": "Q4 renewal",
            "amount": "4200.00",
            "currency": "USD",
            "stage": new.pk,
            "expected_close": "",
            "owner": "",
            "lead_source": "",
            "closing_reason": "",
        },
        headers=HX,
    )
    assert response.status_code == 200
    deal = Deal.objects.get()
    as_mia.post(
        f"/deals/{deal.pk}/move/", {"stage": qualified.pk, "version": deal.version}, headers=HX
    )
    as_mia.post(f"/deals/{deal.pk}/delete/", headers=HX)

    deleted, moved, created = newest(ann, 3)
    assert {entry.who for entry in (deleted, moved, created)} == {"Mia Manager"}
    assert created.headline == "Added deal “Q4 renewal”"
    assert Change("Amount", EMPTY, "4,200.00") in created.changes
    assert moved.headline == "Changed deal “Q4 renewal”"
    assert moved.changes == [Change("Stage", "New", "Qualified")]
    assert deleted.headline == "Deleted deal “Q4 renewal”"


def test_deal_made_by_a_service_alone(ann):
    deal_create(customer=ann, title="Pilot", amount=Decimal(5), stage=Stage.objects.first())
    customer_update(customer=ann, data={"company": "Globex"})
    customer_tag_add(customer=ann, tag=Tag.objects.create(name="VIP"))

    assert [entry.who for entry in newest(ann, 4)] == [SYSTEM] * 4


# --- What the database would otherwise do behind the history's back ---------------------


def test_deleting_a_contact_unlinks_its_interactions_on_the_record(as_mia, ann, mia):
    jane = contact_create(customer=ann, name="Jane Doe")
    interaction_create(customer=ann, recorded_by=mia, kind="call", subject="Intro", contact=jane)

    as_mia.post(f"/contacts/{jane.pk}/delete/", headers=HX)

    deleted, unlinked = newest(ann, 2)
    assert deleted.headline == "Deleted contact “Jane Doe”"
    assert unlinked.headline == "Changed call “Intro”"
    assert (unlinked.who, unlinked.changes) == ("Mia Manager", [Change("With", "Jane Doe", EMPTY)])


def test_deleting_a_tag_takes_it_off_each_customer_on_the_record(ann, bob):
    vip = Tag.objects.create(name="VIP")
    for customer in (ann, bob):
        customer_tag_add(customer=customer, tag=vip)

    vip_pk = vip.pk
    tag_delete(tag=vip)

    assert not Tag.objects.exists()
    for customer in (ann, bob):
        # Tags keep no history of their own, so a deleted tag's name is gone with it.
        assert newest(customer).headline == f"Tags: removed deleted tag #{vip_pk}"
