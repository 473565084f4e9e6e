"""Story: a support agent keeps a customer's contacts up to date on the record page,
without the page ever reloading, and still can with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

from customers.models import Contact
from customers.record.services import contact_create
from e2e.conftest import grant
from e2e.pages.record import RecordPage, record_url

CONTACT_PERMISSIONS = ("view_contact", "add_contact", "change_contact", "delete_contact")
PRIMARY = re.compile(r"\bPrimary\b")


@pytest.fixture
def user(user):
    """The story's user may also see, add, change and delete contacts."""
    return grant(user, *CONTACT_PERMISSIONS)


@pytest.fixture
def ann(make_customer):
    return make_customer("Ann Smith")


@pytest.fixture
def record(logged_in_page) -> RecordPage:
    return RecordPage(logged_in_page)


def test_add_edit_and_delete_a_contact_without_a_reload(record, ann):
    record.open(ann)
    record.mark_page()

    # Add: the first contact is the primary one, and the form clears.
    record.add_contact(name="Bob Boss", role="CEO", email="bob@example.com", phone="2025550143")

    bob_row = record.contact_row_named("Bob Boss")
    expect(bob_row).to_be_visible()
    expect(bob_row).to_contain_text("CEO")
    expect(bob_row).to_contain_text("+1 202-555-0143")
    expect(bob_row).to_contain_text(PRIMARY)
    expect(record.toast("Contact “Bob Boss” added.")).to_be_visible()
    expect(record.add_contact_form.get_by_label("Name", exact=True)).to_have_value("")
    bob = Contact.objects.get(name="Bob Boss")

    # A second, marked primary, takes the mark.
    record.add_contact(name="Cleo Clerk", email="cleo@example.com", primary=True)
    expect(record.contact_row_named("Cleo Clerk")).to_be_visible()
    cleo = Contact.objects.get(name="Cleo Clerk")
    expect(record.contact_row(cleo)).to_contain_text(PRIMARY)
    expect(record.contact_row(bob)).not_to_contain_text(PRIMARY)
    expect(record.contact_rows.first).to_have_id(f"contact-{cleo.pk}")

    # Edit in place.
    row = record.edit_contact(record.contact_row(bob))
    row.fill(role="Chair", email="robert@example.com")
    row.save()

    expect(record.contact_row(bob)).not_to_have_class(re.compile(r"\bediting\b"))
    expect(record.contact_row(bob)).to_contain_text("Chair")
    expect(record.contact_row(bob)).to_contain_text("robert@example.com")
    expect(record.toast("Contact “Bob Boss” saved.")).to_be_visible()

    # Delete the primary, in the dialog: the mark goes to the one left.
    dialog = record.delete_contact(record.contact_row(cleo), "Cleo Clerk")
    dialog.confirm()

    expect(dialog.dialog).to_have_count(0)
    expect(record.contact_row(cleo)).to_have_count(0)
    expect(record.contact_row(bob)).to_contain_text(PRIMARY)
    expect(record.toast("Contact “Cleo Clerk” deleted.")).to_be_visible()

    assert record.is_same_page(), "a contact change reloaded the page"
    bob.refresh_from_db()
    assert (bob.title, bob.email, bob.is_primary) == ("Chair", "robert@example.com", True)
    assert list(Contact.objects.all()) == [bob]


def test_a_refused_contact_keeps_what_was_typed(record, ann):
    record.open(ann)
    record.mark_page()

    record.add_contact(name="Bob Boss", role="CEO", email="not-an-email")

    form = record.add_contact_form
    expect(form.get_by_text("Enter a valid email address, like name@example.com.")).to_be_visible()
    expect(form.get_by_label("Name", exact=True)).to_have_value("Bob Boss")
    expect(form.get_by_label("Role", exact=True)).to_have_value("CEO")
    assert not Contact.objects.exists()

    form.get_by_label("Email", exact=True).fill("bob@example.com")
    form.get_by_role("button", name="Add contact").click()

    expect(record.contact_row_named("Bob Boss")).to_be_visible()
    expect(form.get_by_label("Name", exact=True)).to_have_value("")
    assert record.is_same_page()


def test_cancel_and_escape_put_a_contact_row_back(record, ann):
    bob = contact_create(customer=ann, name="Bob Boss", title="CEO")
    record.open(ann)
    before = record.contact_row(bob).inner_text()

    row = record.edit_contact(record.contact_row(bob))
    row.fill(name="Someone Else")
    row.cancel_link.click()
    expect(record.contact_row(bob)).not_to_have_class(re.compile(r"\bediting\b"))
    expect(record.contact_row(bob)).to_have_text(before)

    row = record.edit_contact(record.contact_row(bob))
    row.row.get_by_label("Role", exact=True).press("Escape")
    expect(record.contact_row(bob)).not_to_have_class(re.compile(r"\bediting\b"))
    assert Contact.objects.get(pk=bob.pk).name == "Bob Boss"


def test_cancel_in_the_delete_dialog_keeps_the_contact(record, ann):
    bob = contact_create(customer=ann, name="Bob Boss")
    record.open(ann)

    dialog = record.delete_contact(record.contact_row(bob), "Bob Boss")
    dialog.cancel_link.click()

    expect(dialog.dialog).to_have_count(0)
    expect(record.contact_row(bob)).to_be_visible()
    assert Contact.objects.filter(pk=bob.pk).exists()


# --- Without JavaScript -----------------------------------------------------------


def test_add_and_delete_a_contact_without_javascript(record_without_js, ann):
    record = record_without_js
    page = record.page
    record.open(ann)

    record.add_contact(name="Bob Boss", email="bob@example.com")

    expect(page).to_have_url(re.compile(rf"{record_url(ann)}#contacts$"))
    expect(record.toast("Contact “Bob Boss” added.")).to_be_visible()
    bob = Contact.objects.get(name="Bob Boss")
    expect(record.contact_row(bob)).to_contain_text(PRIMARY)

    record.contact_row(bob).get_by_role("link", name=re.compile(r"^Delete\b")).click()

    expect(page).to_have_url(re.compile(rf"/contacts/{bob.pk}/delete/$"))
    expect(page.get_by_role("heading", name="Delete Bob Boss?", level=1)).to_be_visible()
    page.get_by_role("button", name="Confirm delete").click()

    expect(page).to_have_url(re.compile(rf"{record_url(ann)}#contacts$"))
    expect(record.toast("Contact “Bob Boss” deleted.")).to_be_visible()
    expect(record.contact_rows).to_have_count(0)
    assert not Contact.objects.exists()
