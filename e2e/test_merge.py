"""Story: the record warns that a customer looks like another; the user merges the two,
picking the other's email and company, sees everything in one record, and thinks better
of it with Undo."""

import pytest
from playwright.sync_api import expect

from customers.models import Customer
from customers.record.services import contact_create
from e2e.conftest import grant
from e2e.pages.merge import DuplicateWarning
from e2e.pages.record import RecordPage


@pytest.fixture
def user(user):
    return grant(user, "view_contact", "add_contact", "change_contact", "delete_contact")


@pytest.fixture
def pair(make_customer):
    acme = make_customer("Acme", email="hello@acme.test", phone="+442079460958")
    twin = make_customer(
        "Acme Ltd", email="sales@acme.test", phone="+442079460958", company="Acme Trading"
    )
    contact_create(customer=twin, name="Olga Berg")
    return acme, twin


def test_warning_merge_pick_confirm_then_undo(logged_in_page, pair):
    acme, twin = pair
    record = RecordPage(logged_in_page).open(acme)
    warning = DuplicateWarning(logged_in_page)
    expect(warning.region).to_contain_text("1 other customer looks like this one")
    expect(warning.region).to_contain_text("same phone")

    merge = warning.merge("Acme Ltd")
    expect(merge.choice("Email", "hello@acme.test")).to_be_checked()
    expect(merge.choice("Company", "Acme Trading")).to_be_checked()  # Acme has none
    merge.pick("Email", "sales@acme.test")
    merge.confirm()

    toast = "Merged “Acme Ltd” into “Acme”."
    expect(record.toast(toast)).to_be_visible()
    expect(record.fact("Email")).to_contain_text("sales@acme.test")
    expect(record.fact("Company")).to_have_text("Acme Trading")
    expect(record.contact_rows).to_contain_text(["Olga Berg"])
    expect(warning.region).to_have_count(0)

    merge.undo(toast)

    expect(record.toast("Restored “Acme Ltd”. The merge into “Acme” is undone.")).to_be_visible()
    expect(record.fact("Email")).to_contain_text("hello@acme.test")
    expect(record.contact_rows).to_have_count(0)
    assert Customer.objects.get(pk=twin.pk).contacts.get().name == "Olga Berg"
