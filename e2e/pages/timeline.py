"""The activity timeline on a customer's record page, as a user sees it."""

import re

from playwright.sync_api import Locator, Page, expect

from e2e.pages.same_page import SamePage


class Timeline(SamePage):
    def __init__(self, page: Page):
        self.page = page
        self.section = page.get_by_role("region", name="Activity", exact=True)
        self.form = self.section.get_by_role("form", name="Add activity")
        self.add_button = self.form.get_by_role("button", name="Add activity", exact=True)
        self.filters = self.section.get_by_role("navigation", name="Filter activity by kind")
        self.list = self.section.get_by_role("list", name="Activity, newest first")
        self.items = self.list.get_by_role("listitem").filter(
            has=page.get_by_role("heading", level=3)
        )
        self.subjects = self.items.get_by_role("heading", level=3)
        self.show_older_link = self.section.get_by_role("link", name="Show older", exact=True)
        self.toasts = page.get_by_role("status", name="Notifications")

    # Navigation ----------------------------------------------------------------

    def open(self, customer, query: str = "") -> "Timeline":
        """The customer's record page, where the timeline is."""
        self.page.goto(f"/customers/{customer.pk}/{query}")
        expect(self.section).to_be_visible()
        return self

    # The add form ----------------------------------------------------------------

    def field(self, label: str) -> Locator:
        return self.form.get_by_label(label, exact=True)

    def fill(self, *, subject: str, kind: str = "Note", details: str = "", with_: str = "") -> None:
        self.field("Kind").select_option(label=kind)
        self.field("Subject").fill(subject)
        self.field("Details").fill(details)
        if with_:
            self.field("With").select_option(label=with_)

    def add(self, **fields) -> None:
        self.fill(**fields)
        self.add_button.click()

    def expect_error(self, label: str, error: str) -> None:
        """The field is marked invalid and described by `error`, as it is read out."""
        expect(self.field(label)).to_have_attribute("aria-invalid", "true")
        expect(self.field(label)).to_have_accessible_description(error)

    # The list ----------------------------------------------------------------------

    def item(self, subject: str) -> Locator:
        return self.items.filter(
            has=self.page.get_by_role("heading", name=subject, exact=True, level=3)
        )

    def status(self, subject: str) -> Locator:
        return self.item(subject).get_by_test_id("support-status")

    def resolve(self, subject: str) -> None:
        self.item(subject).get_by_role("button", name=f"Resolve {subject}").click()

    def reopen(self, subject: str) -> None:
        self.item(subject).get_by_role("button", name=f"Reopen {subject}").click()

    def filter_link(self, label: str) -> Locator:
        return self.filters.get_by_role("link", name=label, exact=True)

    def filter_by(self, label: str) -> None:
        self.filter_link(label).click()
        expect(self.filter_link(label)).to_have_attribute("aria-current", "true")

    def show_older(self) -> None:
        self.show_older_link.click()

    def toast(self, text: str) -> Locator:
        return self.toasts.get_by_text(text, exact=True)


def record_url(customer, anchor: str = "") -> re.Pattern:
    """The record page's address, with an optional #anchor."""
    suffix = f"#{anchor}" if anchor else ""
    return re.compile(rf"/customers/{customer.pk}/{re.escape(suffix)}$")
