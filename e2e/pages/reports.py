"""The reports dashboard as a user sees it: found by role and label."""

from playwright.sync_api import Locator, Page, expect


class ReportsPage:
    URL = "/reports/"

    def __init__(self, page: Page):
        self.page = page
        self.heading = page.get_by_role("heading", name="Reports", level=1, exact=True)
        self.filters = page.get_by_role("form", name="Report filters")
        self.period = page.get_by_label("Period", exact=True)
        self.show_button = page.get_by_role("button", name="Show")

    def open(self, query: str = "") -> "ReportsPage":
        self.page.goto(self.URL + query)
        expect(self.heading).to_be_visible()
        return self

    def table(self, caption: str) -> Locator:
        return self.page.get_by_role("table", name=caption, exact=True)

    def row(self, caption: str, header: str) -> Locator:
        """The row of the table `caption` headed `header` (its first cell)."""
        heading = self.page.get_by_role("rowheader", name=header, exact=True)
        return self.table(caption).get_by_role("row").filter(has=heading)

    def chart(self, title: str) -> Locator:
        return self.page.get_by_role("img", name=title)

    def choose_period(self, label: str) -> None:
        self.period.select_option(label=label)

    def group_by(self, label: str) -> None:
        self.page.get_by_label("Group by").select_option(label=label)
