"""Story: what a page shows that depends on what was just changed on it refreshes with
it, and no swap aims at what is not there (no console errors)."""

import pytest
from playwright.sync_api import expect

from e2e.conftest import add_activity, grant
from e2e.pages.record import RecordPage
from e2e.pages.timeline import Timeline

PERMISSIONS = ("view_interaction", "add_interaction", "view_contact", "add_contact")


@pytest.fixture
def user(user):
    return grant(user, *PERMISSIONS)


@pytest.fixture
def customer(make_customer):
    return make_customer("Acme Ltd")


@pytest.fixture
def console_errors(page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


def test_a_contact_just_added_can_be_chosen_for_an_activity(logged_in_page, customer):
    record = RecordPage(logged_in_page).open(customer)
    timeline = Timeline(logged_in_page)
    record.mark_page()
    timeline.field("Subject").fill("Typed before the contact was added")

    record.add_contact(name="Nia Fresh", email="nia@example.com")
    expect(record.contact_row_named("Nia Fresh")).to_be_visible()

    expect(timeline.field("With").get_by_role("option", name="Nia Fresh")).to_be_attached()
    timeline.field("With").select_option(label="Nia Fresh")
    timeline.add_button.click()
    expect(timeline.item("Typed before the contact was added")).to_contain_text("with Nia Fresh")
    assert record.is_same_page()


def test_the_with_choice_survives_another_contact_added(logged_in_page, customer):
    record = RecordPage(logged_in_page).open(customer)
    record.add_contact(name="Kim First")
    timeline = Timeline(logged_in_page)
    expect(timeline.field("With").get_by_role("option", name="Kim First")).to_be_attached()
    timeline.field("With").select_option(label="Kim First")

    record.add_contact(name="Lee Second")

    expect(timeline.field("With").get_by_role("option", name="Lee Second")).to_be_attached()
    expect(timeline.field("With")).to_have_value(str(customer.contacts.get(name="Kim First").pk))


def test_activity_added_to_a_non_empty_timeline_raises_no_console_error(
    logged_in_page, customer, console_errors
):
    add_activity(customer, "Earlier call", kind="call")
    timeline = Timeline(logged_in_page).open(customer)

    timeline.add(subject="Second note")
    expect(timeline.subjects).to_have_text(["Second note", "Earlier call"])
    timeline.add(subject="Third note")
    expect(timeline.subjects).to_have_text(["Third note", "Second note", "Earlier call"])

    assert console_errors == []


def test_no_activity_yet_goes_when_the_first_is_added(logged_in_page, customer, console_errors):
    timeline = Timeline(logged_in_page).open(customer)
    empty = timeline.list.get_by_text("No activity yet.", exact=True)
    expect(empty).to_be_visible()

    timeline.add(subject="First note")

    expect(timeline.subjects).to_have_text(["First note"])
    expect(empty).to_be_hidden()
    assert console_errors == []
