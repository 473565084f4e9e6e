"""Story: a rep adds the next step from a customer's record with one click, sees it in
"My work" and in the navigation's badge, completes it (and changes their mind with
Undo), snoozes one, and completes one with a follow-up a week later."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from customers.followups.services import task_create
from customers.models import FollowUp
from e2e.conftest import grant
from e2e.pages.tasks import MyWork, NavBadge, NextSteps
from e2e.pages.timeline import Timeline

TASK_PERMISSIONS = ("view_followup", "add_followup", "change_followup")
TIMELINE_PERMISSIONS = ("view_interaction", "add_interaction")


@pytest.fixture
def user(user):
    return grant(user, *TASK_PERMISSIONS, *TIMELINE_PERMISSIONS)


@pytest.fixture
def customer(make_customer):
    return make_customer("Acme Ltd")


def day_label(day: datetime.date) -> str:
    return f"{day:%a} {day.day} {day:%b} {day:%Y}"


def add_task(customer, user, title, days=0):
    return task_create(
        customer=customer,
        title=title,
        due_date=timezone.localdate() + datetime.timedelta(days=days),
        created_by=user,
    )


def test_next_step_tomorrow_then_my_work_and_the_badge(logged_in_page, customer):
    page = logged_in_page
    steps = NextSteps(page).open(customer)
    badge = NavBadge(page)
    badge.expect_due(0)

    steps.add("Send the quote", "Tomorrow")

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    expect(steps.row("Send the quote")).to_contain_text(day_label(tomorrow))
    expect(steps.title).to_have_value("")  # a fresh form for the next one
    badge.expect_due(0)  # tomorrow is not due yet

    steps.add("Call back", "Today")
    expect(steps.row("Call back")).to_be_visible()
    badge.expect_due(1)  # without a reload

    work = MyWork(page).open()
    work.expect_count("Today", 1)
    work.expect_count("Upcoming (7 days)", 1)
    expect(work.group("Upcoming (7 days)")).to_contain_text("Send the quote")
    expect(work.row("Call back").get_by_role("link", name="Acme Ltd")).to_be_visible()


def test_done_with_undo(logged_in_page, customer, user):
    add_task(customer, user, "Call back")
    page = logged_in_page
    work = MyWork(page).open()
    badge = NavBadge(page)
    badge.expect_due(1)

    work.done("Call back")

    expect(work.row("Call back")).to_contain_text("Done")
    expect(work.toasts).to_contain_text("Done: Call back.")
    badge.expect_due(0)

    work.undo()

    # The toast comes with the answer and lasts 8 s; the row comes after, with the
    # list's refresh, which a loaded machine can take longer than that to send.
    expect(work.toasts).to_contain_text("Reopened: Call back.")
    expect(work.row("Call back").get_by_role("button", name="Done: Call back")).to_be_visible()
    badge.expect_due(1)
    work.expect_count("Today", 1)
    assert FollowUp.objects.get().is_open


def test_snooze_a_day(logged_in_page, customer, user):
    add_task(customer, user, "Chase invoice")
    page = logged_in_page
    work = MyWork(page).open()

    work.snooze_a_day("Chase invoice")

    work.expect_count("Today", 0)
    work.expect_count("Upcoming (7 days)", 1)
    expect(work.group("Upcoming (7 days)")).to_contain_text("Chase invoice")
    NavBadge(page).expect_due(0)


def test_done_and_follow_up_from_the_record(logged_in_page, customer, user):
    add_task(customer, user, "Check in", days=-2)
    page = logged_in_page
    steps = NextSteps(page).open(customer)
    expect(steps.row("Check in")).to_contain_text("Overdue")

    steps.done_and_follow_up("Check in")

    in_a_week = timezone.localdate() + datetime.timedelta(days=7)
    expect(steps.row("Check in")).to_contain_text(day_label(in_a_week))
    expect(steps.row("Check in")).not_to_contain_text("Overdue")
    # What was done is on the timeline, at the top.
    timeline = Timeline(page)
    expect(timeline.subjects.first).to_have_text("Done: Check in")
    NavBadge(page).expect_due(0)


def test_next_step_without_javascript(new_context, user, log_in, customer):
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, user)
    steps = NextSteps(page).open(customer)

    steps.add("Send the quote", "Next week")

    expect(page).to_have_url(
        f"{page.url.split('/customers/')[0]}/customers/{customer.pk}/#next-steps"
    )
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    expect(steps.row("Send the quote")).to_contain_text(day_label(next_week))
    steps.snooze_a_day("Send the quote")
    later = next_week + datetime.timedelta(days=1)
    expect(steps.row("Send the quote")).to_contain_text(day_label(later))
    steps.done("Send the quote")
    expect(steps.section).to_contain_text("No next step yet.")
    expect(page.locator("#toasts")).to_contain_text("Done: Send the quote.")
