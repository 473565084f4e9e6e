"""Story: a rep adds the next step from a customer's record with one click, sees it in
"My work" and in the navigation's badge, completes it (and changes their mind with
Undo), snoozes one, and completes one with a follow-up a week later."""

import datetime
import importlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from customers.followups.services import task_create
from customers.models import FollowUp
from e2e.conftest import grant
from e2e.pages.tasks import MyWork, NavBadge, NextSteps
from e2e.pages.timeline import Timeline

TASK_PERMISSIONS = ("view_followup", "add_followup", "change_followup")
TIMELINE_PERMISSIONS = ("view_interaction", "add_interaction")
# The roles migration's Support agent, with every role's task permissions.
SUPPORT_AGENT = (
    *importlib.import_module("customers.migrations.0007_roles").ROLES["Support agent"],
    *TASK_PERMISSIONS,
    "delete_followup",
)


@pytest.fixture
def make_user_with(live_server, transactional_db, password):
    def make(username: str, *codenames: str):
        user = get_user_model().objects.create_user(username, f"{username}@example.com", password)
        return grant(user, *codenames)

    return make


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


def test_next_step_without_javascript(page_without_js, customer):
    page = page_without_js
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


def test_a_support_agent_adds_a_task_on_a_support_request_from_the_record(
    page, log_in, customer, make_user_with
):
    """Sue, a support agent, may change no customer; she adds herself a task on Acme's
    open support request, and works Otto's task on it, while his other task stays his."""
    from customers.models import Interaction
    from customers.timeline.services import interaction_create

    sue = make_user_with("sue", *SUPPORT_AGENT)
    otto = make_user_with("otto", *TASK_PERMISSIONS, "view_customer")
    request = interaction_create(
        customer=customer, kind=Interaction.Kind.SUPPORT, subject="Cannot log in", recorded_by=None
    )
    task_create(
        customer=customer,
        title="Reset the password",
        due_date=timezone.localdate(),
        created_by=otto,
        support_request=request,
    )
    add_task(customer, otto, "Renewal call", days=3)
    log_in(page, sue)
    steps = NextSteps(page).open(customer)
    others = steps.row("Renewal call")
    expect(others).to_be_visible()
    expect(others.get_by_role("button", name="Done: Renewal call")).to_have_count(0)

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    steps.new_task().add(
        "Call back about the login", due=f"{tomorrow:%Y-%m-%d}", support_request="Cannot log in"
    )

    expect(page).to_have_url(re.compile(rf"/customers/{customer.pk}/"))
    row = steps.row("Call back about the login")
    expect(row).to_contain_text("Support request: Cannot log in")
    expect(row).to_contain_text(day_label(tomorrow))
    steps.done("Reset the password")
    expect(steps.toasts).to_contain_text("Done: Reset the password.")
    expect(steps.row("Reset the password").get_by_role("button")).to_have_count(0)
    assert not FollowUp.objects.get(title="Reset the password").is_open
