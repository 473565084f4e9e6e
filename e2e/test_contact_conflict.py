"""Story: two people edit the same contact on a customer's record at once; nobody's
work is lost. As with customers and deals, the second save of the same field shows
both values in the contact's row, and "Keep mine" saves mine."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from customers.models import Contact
from customers.record.services import contact_create
from e2e.conftest import grant
from e2e.pages.record import RecordPage

EDITING = re.compile(r"\bediting\b")
CONTACT_PERMISSIONS = ("view_contact", "change_contact")


@pytest.fixture
def user(user):
    return grant(user, *CONTACT_PERMISSIONS)


@pytest.fixture
def alice(user, password):
    alice = get_user_model().objects.create_user(
        username="alice", password=password, first_name="Alice", last_name="Ames"
    )
    alice.user_permissions.set(user.user_permissions.all())
    return alice


def test_a_stale_contact_edit_shows_the_conflict_and_keep_mine_saves(
    page, new_context, user, alice, log_in, make_customer
):
    ann = make_customer("Ann Smith")
    bob = contact_create(customer=ann, name="Bob Boss", title="CEO")
    mine = RecordPage(log_in(page, user)).open(ann)
    hers = RecordPage(log_in(new_context().new_page(), alice)).open(ann)
    my_row = mine.edit_contact(mine.contact_row(bob))
    her_row = hers.edit_contact(hers.contact_row(bob))

    her_row.fill(role="Chair").save()
    expect(hers.contact_row(bob)).not_to_have_class(EDITING)

    my_row.fill(role="Founder").save()

    row = mine.contact_row(bob)
    expect(row.get_by_text("Saved meanwhile by Alice Ames: Chair")).to_be_visible()
    expect(row.get_by_role("alert")).to_have_text(
        "Alice Ames saved this contact while you were editing. Choose what to keep."
    )
    expect(row.get_by_label("Role", exact=True)).to_have_value("Founder")
    assert Contact.objects.get(pk=bob.pk).title == "Chair"

    row.get_by_role("button", name="Keep mine").click()

    expect(row).not_to_have_class(EDITING)
    expect(row.get_by_role("cell", name="Founder", exact=True)).to_be_visible()
    assert Contact.objects.get(pk=bob.pk).title == "Founder"
