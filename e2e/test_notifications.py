"""Story: a rep's task comes due; the worker's sweep tells them, the navigation shows
one unread notification, and the Notifications page leads to the customer."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from customers.followups.reminders import reminders_send
from customers.followups.services import task_create
from e2e.conftest import grant


@pytest.fixture
def user(user):
    return grant(user, "view_followup", "add_followup", "change_followup")


def test_a_due_task_is_told_under_notifications(logged_in_page, user, make_customer):
    page = logged_in_page
    customer = make_customer("Acme Ltd")
    moment = timezone.localtime() - datetime.timedelta(minutes=1)
    task_create(
        customer=customer,
        title="Call back about the quote",
        due_date=moment.date(),
        due_time=moment.time(),
        created_by=user,
    )
    nav = page.get_by_role("navigation", name="Main")
    page.goto("/tasks/")
    expect(nav.get_by_role("link", name="Notifications", exact=True)).to_be_visible()

    reminders_send()  # what the worker's sweep does every minute
    page.reload()

    nav.get_by_role("link", name="Notifications, 1 unread").click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_role("status")).to_contain_text("All notifications are marked as read.")
    expect(nav.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    page.get_by_role("link", name="Due now: Call back about the quote (Acme Ltd)").click()
    expect(page.get_by_role("heading", name="Acme Ltd")).to_be_visible()
