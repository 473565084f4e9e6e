"""Follow-ups as a user meets them: the record's "Next steps", "My work" and the
navigation's badge. Roles, labels and names only."""

import re

from playwright.sync_api import Locator, Page, expect


class NavBadge:
    def __init__(self, page: Page):
        self.link = page.get_by_role("navigation", name="Main").get_by_role(
            "link", name=re.compile(r"^My work\b")
        )

    def expect_due(self, count: int) -> None:
        name = f"My work, {count} due" if count else "My work"
        expect(self.link).to_have_accessible_name(name)


class TaskRows:
    """What a list of tasks offers, wherever it is."""

    def __init__(self, page: Page, scope: Locator):
        self.page = page
        self.scope = scope
        self.toasts = page.get_by_role("status", name="Notifications")

    def row(self, title: str) -> Locator:
        return self.scope.get_by_role("listitem").filter(
            has=self.page.get_by_text(title, exact=True)
        )

    def done(self, title: str) -> None:
        self.scope.get_by_role("button", name=f"Done: {title}", exact=True).click()

    def done_and_follow_up(self, title: str) -> None:
        self.scope.get_by_role(
            "button", name=f"Done, and follow up in a week: {title}", exact=True
        ).click()

    def snooze_a_day(self, title: str) -> None:
        self.scope.get_by_role("button", name=f"Snooze {title} by a day", exact=True).click()

    def undo(self) -> None:
        self.toasts.get_by_role("button", name="Undo").click()


class NextSteps(TaskRows):
    """The record page's "Next steps" section."""

    def __init__(self, page: Page):
        section = page.get_by_role("region", name="Next steps")
        super().__init__(page, section)
        self.section = section
        self.form = section.get_by_role("form", name="Add a next step")
        self.title = self.form.get_by_label("Next step", exact=True)

    def open(self, customer) -> "NextSteps":
        self.page.goto(f"/customers/{customer.pk}/")
        expect(self.section).to_be_visible()
        return self

    def new_task(self) -> "TaskForm":
        """The full form, for what the quick one does not ask (a support request)."""
        self.section.get_by_role("link", name="New task").click()
        expect(self.page.get_by_role("heading", name="New task", level=1)).to_be_visible()
        return TaskForm(self.page)

    def add(self, title: str, when: str) -> None:
        """`when`: "Today", "Tomorrow" or "Next week" (one click picks the day and adds)."""
        self.title.fill(title)
        self.form.get_by_role("button", name=when, exact=True).click()


class MyWork(TaskRows):
    def __init__(self, page: Page):
        super().__init__(page, page.get_by_role("main"))

    def open(self) -> "MyWork":
        self.page.goto("/tasks/")
        expect(self.page.get_by_role("heading", name="My work", level=1)).to_be_visible()
        return self

    def group(self, label: str) -> Locator:
        return self.page.get_by_role("region", name=re.compile(f"^{re.escape(label)} \\("))

    def expect_count(self, label: str, count: int) -> None:
        expect(self.group(label).get_by_role("heading", level=2)).to_have_text(
            re.compile(rf"\({count}\)$")
        )


class TaskForm:
    """The full task form (/tasks/create/), reached from "New task"."""

    def __init__(self, page: Page):
        self.page = page

    def add(self, title: str, *, due: str, support_request: str | None = None) -> None:
        self.page.get_by_label("Title").fill(title)
        self.page.get_by_label("Due").fill(due)
        if support_request:
            self.page.get_by_label("Support request").select_option(label=support_request)
        self.page.get_by_role("button", name="Add task").click()
