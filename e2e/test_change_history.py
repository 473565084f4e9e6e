"""Story: a user corrects a customer on its record page, then opens its History and
sees the change, with their name, newest first. (Not e2e/test_history.py, which is
about the browser's back and forward buttons.)"""

import re

import pytest
from playwright.sync_api import Page, expect

from customers.models import Customer
from e2e.pages.record import RecordPage, record_url


@pytest.fixture
def user(user):
    user.first_name, user.last_name = "Dana", "Scully"
    user.save()
    return user


@pytest.fixture
def ann(make_customer):
    return make_customer("Ann Smith", email="ann@example.com", status=Customer.Status.LEAD)


class HistoryDialog:
    def __init__(self, page: Page, name: str):
        self.dialog = page.get_by_role("dialog", name=f"History of {name}")
        self.entries = self.dialog.locator("li.history__entry")
        self.close_link = self.dialog.get_by_role("link", name="Close", exact=True)


def test_the_history_dialog_shows_the_change_just_made(logged_in_page, ann):
    record = RecordPage(logged_in_page).open(ann)
    record.mark_page()

    form = record.edit_header()
    form.fill(status="Active", company="Globex")
    form.save()
    expect(record.fact("Status")).to_have_text("Active")

    record.header.get_by_role("link", name="History", exact=True).click()

    history = HistoryDialog(record.page, "Ann Smith")
    expect(history.dialog).to_be_visible()
    newest = history.entries.first
    expect(newest).to_contain_text("Changed the customer")
    expect(newest).to_contain_text("Dana Scully")
    expect(newest).to_contain_text("Status: Lead → Active")
    expect(newest).to_contain_text("Company: — → Globex")
    expect(history.entries.last).to_contain_text("Created the customer")
    assert record.is_same_page(), "opening the history reloaded the page"

    history.close_link.click()

    expect(history.dialog).to_have_count(0)
    expect(record.heading).to_have_text("Ann Smith")


def test_without_javascript_the_history_is_a_page(page_without_js, ann):
    page = page_without_js
    page.goto(record_url(ann))

    page.get_by_role("link", name="History", exact=True).click()

    expect(page).to_have_url(re.compile(rf"{record_url(ann)}history/$"))
    expect(page.get_by_role("heading", name="History of Ann Smith")).to_be_visible()
    expect(page.locator("li.history__entry")).to_contain_text(["Created the customer"])
    page.get_by_role("link", name="Close", exact=True).click()
    expect(page).to_have_url(re.compile(rf"{record_url(ann)}$"))
