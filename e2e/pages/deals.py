"""The deal pages as a user sees them: found by role and label, not by markup."""

from playwright.sync_api import Locator, Page, expect

from e2e.pages.controls import fill_or_choose
from e2e.pages.same_page import SamePage
from e2e.pages.words import ENGLISH, Words


class DealBoard(SamePage):
    URL = "/deals/"

    def __init__(self, page: Page, words: Words = ENGLISH):
        self.page = page
        self.words = w = words
        self.heading = page.get_by_role("heading", name=w("Deals"), level=1, exact=True)
        self.filters = page.get_by_role("search", name=w("Deals"))
        self.search_box = page.get_by_role("searchbox", name=w("Search deals"))
        self.owner = page.get_by_label(w("Owner"), exact=True)
        self.my_deals = page.get_by_label(w("My deals"), exact=True)
        self.new_deal_link = page.get_by_role("link", name=w("New deal"))
        self.cards = page.get_by_role("article")
        self.toasts = page.get_by_role("status", name=w("Notifications"))

    def open(self, query: str = "") -> "DealBoard":
        self.page.goto(self.URL + query)
        expect(self.heading).to_be_visible()
        return self

    # Columns and cards -----------------------------------------------------------

    def column(self, stage: str) -> Locator:
        """A stage's column: a region named by its heading."""
        return self.page.get_by_role("region", name=stage, exact=True)

    def count(self, stage: str) -> Locator:
        """The column's count, like "3 deals"."""
        return self.column(stage).get_by_test_id("column-count")

    def total(self, stage: str) -> Locator:
        """The column's totals, like "$12,000.00 · €3,500.00", or "—" when empty."""
        return self.column(stage).get_by_test_id("column-total")

    def card(self, title: str, stage: str | None = None) -> Locator:
        """A deal's card, anywhere on the board or in the column of `stage`."""
        scope = self.column(stage) if stage else self.page
        return scope.get_by_role("article", name=title, exact=True)

    def stage_select(self, title: str) -> Locator:
        return self.page.get_by_label(self.words("Stage of {title}", title=title), exact=True)

    def reason_select(self, title: str) -> Locator:
        return self.card(title).get_by_label(self.words("Reason lost"), exact=True)

    def move(self, title: str, stage: str) -> None:
        """Choose the stage on the card and press its Move button."""
        self.stage_select(title).select_option(label=stage)
        self.move_button(title).click()

    def move_button(self, title: str) -> Locator:
        name = self.words("Move {title}", title=title)
        return self.card(title).get_by_role("button", name=name, exact=True)

    def move_without_javascript(self, title: str, stage: str) -> None:
        self.stage_select(title).select_option(label=stage)
        self.card(title).get_by_role("button", name=self.words("Move")).click()

    def search(self, text: str) -> None:
        self.search_box.fill(text)

    def toast(self, text: str) -> Locator:
        return self.toasts.get_by_text(text, exact=True)


class DealFormPage:
    """The New deal / Edit page."""

    CREATE_URL = "/deals/create/"

    def __init__(self, page: Page, heading: str = "New deal"):
        self.page = page
        self.main = page.get_by_role("main")
        self.heading = page.get_by_role("heading", name=heading, level=1)
        self.save_button = self.main.get_by_role("button", name="Save", exact=True)
        # What the Customer field suggests as the user types (a <datalist>).
        self.suggestions = self.main.get_by_role("listbox", include_hidden=True).get_by_role(
            "option", include_hidden=True
        )

    def open(self, query: str = "") -> "DealFormPage":
        self.page.goto(self.CREATE_URL + query)
        expect(self.heading).to_be_visible()
        return self

    def field(self, label: str) -> Locator:
        return self.main.get_by_label(label, exact=True)

    def fill(self, **fields: str) -> "DealFormPage":
        """customer="ann@example.com", title=..., amount=..., stage="Won", currency="EUR"..."""
        for name, value in fields.items():
            label = {"expected_close": "Expected close", "reason": "Reason lost"}.get(
                name, name.replace("_", " ").capitalize()
            )
            if name == "currency":
                self.field(label).select_option(value=value)  # a code: "EUR"
            else:
                fill_or_choose(self.field(label), value)
        return self

    def save(self) -> None:
        self.save_button.click()
