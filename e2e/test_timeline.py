"""Story: a support agent records what happened with a customer on the record page,
resolves a support request, filters the timeline and reads further back."""

import re

import pytest
from playwright.sync_api import expect

from customers.models import Interaction
from customers.record.services import contact_create
from e2e.conftest import add_activity, grant
from e2e.pages.timeline import Timeline, record_url

TIMELINE_PERMISSIONS = ("view_interaction", "add_interaction", "change_interaction")


@pytest.fixture
def user(user):
    """The story's user may also see and record interactions."""
    return grant(user, *TIMELINE_PERMISSIONS)


@pytest.fixture
def customer(make_customer):
    return make_customer("Acme Ltd")


@pytest.fixture
def timeline(logged_in_page) -> Timeline:
    return Timeline(logged_in_page)


def test_add_a_note_it_appears_on_top_without_a_reload(timeline, customer, user):
    add_activity(customer, "Earlier call", kind="call")
    contact_create(customer=customer, name="Ann Smith")
    timeline.open(customer)
    timeline.mark_page()

    timeline.add(
        subject="Asked about invoices",
        details="Wants them monthly.\nSend to accounts.",
        with_="Ann Smith",
    )

    expect(timeline.subjects).to_have_text(["Asked about invoices", "Earlier call"])
    note = timeline.item("Asked about invoices")
    # The line break survives (innerText reads <br> as a newline).
    expect(note.locator(".timeline__body")).to_have_text(
        "Wants them monthly.\nSend to accounts.", use_inner_text=True
    )
    expect(note).to_contain_text("by demo")
    expect(note).to_contain_text("with Ann Smith")
    expect(timeline.toast("Activity added.")).to_be_visible()
    # The form is fresh: ready for the next one.
    expect(timeline.field("Subject")).to_have_value("")
    expect(timeline.field("Details")).to_have_value("")
    expect(timeline.field("With")).to_have_value("")
    assert timeline.is_same_page(), "adding a note reloaded the page"
    saved = Interaction.objects.get(subject="Asked about invoices")
    assert saved.recorded_by == user
    assert saved.body == "Wants them monthly.\nSend to accounts."


def test_a_missing_subject_is_explained_and_nothing_typed_is_lost(timeline, customer):
    timeline.open(customer)

    timeline.add(subject="", kind="Call", details="Left a message")

    timeline.expect_error("Subject", "Enter a subject.")
    expect(timeline.field("Details")).to_have_value("Left a message")
    expect(timeline.field("Kind")).to_have_value("call")
    assert not Interaction.objects.exists()

    timeline.field("Subject").fill("Voicemail")
    timeline.add_button.click()

    expect(timeline.subjects).to_have_text(["Voicemail"])


def test_add_a_support_request_and_resolve_it(timeline, customer):
    timeline.open(customer)
    timeline.mark_page()

    timeline.add(subject="Cannot log in", kind="Support request", details="Since Monday")

    expect(timeline.status("Cannot log in")).to_have_text("Open")
    timeline.resolve("Cannot log in")

    expect(timeline.status("Cannot log in")).to_have_text("Resolved")
    expect(timeline.toast("Support request resolved.")).to_be_visible()
    expect(
        timeline.item("Cannot log in").get_by_role("button", name="Reopen Cannot log in")
    ).to_be_visible()
    assert timeline.is_same_page(), "resolving reloaded the page"
    assert Interaction.objects.get().support_status == "resolved"

    timeline.reopen("Cannot log in")

    expect(timeline.status("Cannot log in")).to_have_text("Open")
    expect(timeline.toast("Support request reopened.")).to_be_visible()


def test_filter_by_kind(timeline, customer):
    add_activity(customer, "A note", minutes_ago=1)
    add_activity(customer, "A call", kind="call", minutes_ago=2)
    add_activity(customer, "A request", kind="support", minutes_ago=3)
    timeline.open(customer)
    expect(timeline.subjects).to_have_text(["A note", "A call", "A request"])
    timeline.mark_page()

    timeline.filter_by("Calls")

    expect(timeline.subjects).to_have_text(["A call"])
    expect(timeline.page).to_have_url(re.compile(rf"/customers/{customer.pk}/\?kind=call$"))

    timeline.filter_by("Support requests")
    expect(timeline.subjects).to_have_text(["A request"])

    timeline.filter_by("All")
    expect(timeline.subjects).to_have_count(3)
    assert timeline.is_same_page(), "filtering reloaded the page"

    # The address is a bookmark: reloading shows the same filter.
    timeline.filter_by("Notes")
    timeline.page.reload()
    expect(timeline.subjects).to_have_text(["A note"])


def test_show_older_loads_more_in_place(timeline, customer):
    for n in range(45):
        add_activity(customer, f"Item {n:02}", minutes_ago=n + 1)
    timeline.open(customer)
    expect(timeline.items).to_have_count(20)
    timeline.mark_page()

    timeline.show_older()
    expect(timeline.items).to_have_count(40)
    timeline.show_older()
    expect(timeline.items).to_have_count(45)

    expect(timeline.show_older_link).to_have_count(0)
    expect(timeline.subjects).to_have_text([f"Item {n:02}" for n in range(45)])
    assert timeline.is_same_page(), "showing older items reloaded the page"


@pytest.fixture
def timeline_without_js(page_without_js) -> Timeline:
    return Timeline(page_without_js)


def test_add_a_note_and_resolve_without_javascript(timeline_without_js, customer):
    timeline = timeline_without_js
    add_activity(customer, "Broken printer", kind="support")
    timeline.open(customer)

    timeline.add(subject="", details="Typed before the mistake")
    timeline.expect_error("Subject", "Enter a subject.")
    expect(timeline.field("Details")).to_have_value("Typed before the mistake")

    timeline.add(subject="Visited the office", details="Typed before the mistake")

    expect(timeline.page).to_have_url(record_url(customer, "activity"))
    expect(timeline.toast("Activity added.")).to_be_visible()
    expect(timeline.subjects).to_have_text(["Visited the office", "Broken printer"])

    timeline.resolve("Broken printer")

    expect(timeline.page).to_have_url(
        record_url(customer, f"interaction-{Interaction.objects.get(kind='support').pk}")
    )
    expect(timeline.status("Broken printer")).to_have_text("Resolved")


def test_filter_and_show_older_without_javascript(timeline_without_js, customer):
    timeline = timeline_without_js
    for n in range(25):
        add_activity(customer, f"Call {n:02}", kind="call", minutes_ago=n + 1)
    add_activity(customer, "A note", minutes_ago=100)
    timeline.open(customer)

    timeline.filter_by("Calls")
    expect(timeline.page).to_have_url(
        re.compile(rf"/customers/{customer.pk}/\?kind=call#activity$")
    )
    expect(timeline.items).to_have_count(20)

    timeline.show_older()

    expect(timeline.page).to_have_url(re.compile(r"/activity/\?kind=call&before=\d+#activity$"))
    expect(timeline.subjects).to_have_text([f"Call {n:02}" for n in range(20, 25)])
