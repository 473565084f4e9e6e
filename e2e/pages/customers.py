"""The customer pages as a user sees them: found by role and label, not by markup."""

import re
from urllib.parse import parse_qs, quote, urlsplit

from playwright.sync_api import Locator, Page, expect

from e2e.pages.same_page import SamePage
from e2e.pages.words import ENGLISH, Words


def _encoded(value: str) -> str:
    # Browsers and htmx write a space as %20 or +; either will do.
    return re.escape(quote(str(value), safe="")).replace("%20", r"(?:%20|\+)")


def url_with(**params) -> re.Pattern:
    """A URL pattern for a query string that contains all of `params`, in any order."""
    lookaheads = "".join(
        rf"(?=.*[?&]{_encoded(key)}={_encoded(value)}(&|$))" for key, value in params.items()
    )
    return re.compile(rf"^[^?]*/customers/{lookaheads}\?")


def fill_customer_form(scope: Locator | Page, words: Words = ENGLISH, **fields) -> None:
    """Fill the Name/Email/Phone/Company/Status fields found by their labels (in the
    language of `words`); a status is chosen by its label as shown."""
    for field, value in fields.items():
        control = scope.get_by_label(words(field.capitalize()), exact=True)
        if field == "status":
            control.select_option(label=value)
        else:
            control.fill(value)


class CustomerGrid(SamePage):
    URL = "/customers/"

    def __init__(self, page: Page, words: Words = ENGLISH):
        self.page = page
        self.words = w = words
        self.heading = page.get_by_role("heading", name=w("Customers"), level=1, exact=True)
        self.filters = page.get_by_role("search", name=w("Customers"))
        self.search_box = page.get_by_role("searchbox", name=w("Search customers"))
        self.table = page.get_by_role("table", name=w("Customers"))
        self.empty_message = self.table.get_by_text(w("No customers found"))
        # A customer's row is named by the customer; the header row has no cells.
        self.rows = (
            self.table.get_by_role("row")
            .filter(has=page.get_by_role("cell"))
            .filter(has_not=page.get_by_text(w("No customers found")))
        )
        self.results = page.get_by_role("region", name=w("Results"))
        self.count = self.results.get_by_role("status", name=w("Number of customers"))
        self.spinner = self.results.get_by_test_id("spinner")  # aria-hidden: seen, not read
        self.pagination = page.get_by_role("navigation", name=w("Pages"))
        self.new_customer_button = page.get_by_role("link", name=w("New customer"))
        self.toasts = page.get_by_role("status", name=w("Notifications"))
        self.bulk = BulkBar(page)

    # Navigation ----------------------------------------------------------------

    def open(self, query: str = "") -> "CustomerGrid":
        self.page.goto(self.URL + query)
        expect(self.heading).to_be_visible()
        return self

    def searches_sent(self) -> list[str]:
        """The search terms the grid asks the server for from now on, in order: a list
        that fills as the page sends them."""
        sent = []

        def note(request):
            url = urlsplit(request.url)
            query = parse_qs(url.query)
            if url.path == self.URL and "q" in query:
                sent.append(query["q"][0])

        self.page.on("request", note)
        return sent

    def search(self, text: str) -> None:
        """Type into the live search, and wait until the grid has answered."""
        self.search_box.fill(text)
        if text:
            expect(self.page).to_have_url(url_with(q=text))
        else:  # an empty search is left out of the URL
            expect(self.page).not_to_have_url(re.compile(r"[?&]q="))

    def sort_by(self, column: str) -> None:
        link = self.table.get_by_role("columnheader", name=column).get_by_role("link")
        self._follow(link)

    def go_to_page(self, page: int | str) -> None:
        """A page number, or "Next" / "Previous"."""
        self._follow(self.pagination.get_by_role("link", name=str(page), exact=True))

    def _follow(self, link: Locator) -> None:
        # A boosted link swaps the results and pushes its own URL; waiting for that
        # URL means the new results are in place, so the next click hits fresh links.
        href = link.get_attribute("href")
        link.click()
        expect(self.page).to_have_url(re.compile(re.escape(href) + "$"))

    def sort_state(self, column: str) -> Locator:
        return self.table.get_by_role("columnheader", name=column)

    # Rows ----------------------------------------------------------------------

    def row(self, customer) -> Locator:
        """The row of a customer, or of a customer's name: each row is named by its
        customer's saved name, in edit mode too, so it is the same row there."""
        name = customer if isinstance(customer, str) else customer.name
        return self.table.get_by_role("row", name=name, exact=True)

    def expect_names(self, names: list[str]) -> None:
        """The rows, top to bottom, are the customers of these names, and no others."""
        expect(self.rows).to_have_count(len(names))
        for index, name in enumerate(names):
            expect(self.rows.nth(index)).to_have_accessible_name(name)

    def checkbox(self, row: Locator) -> Locator:
        """The row's own "Select <name>" box, which puts it in the bulk selection."""
        return row.get_by_role("checkbox", name=re.compile(r"^Select "))

    def tick(self, *rows: Locator) -> None:
        for row in rows:
            self.checkbox(row).check()

    def cell(self, row: Locator, column: str) -> Locator:
        """The row's cell under the column header `column`."""
        headers = self.table.get_by_role("columnheader")
        expect(headers.first).to_be_attached()
        names = [" ".join(text.split()) for text in headers.all_text_contents()]
        index = names.index(column)
        return row.get_by_role("cell").nth(index)

    def edit(self, row: Locator) -> "EditRow":
        row.get_by_role("link", name=self.words("Edit")).click()
        edit_row = EditRow(row, self.words)
        expect(edit_row.row).to_have_class(re.compile(r"\bediting\b"))
        return edit_row

    def delete(self, row: Locator) -> "DeleteDialog":
        name = self.cell(row, self.words("Name")).inner_text()
        row.get_by_role("link", name=self.words("Delete")).click()
        dialog = DeleteDialog(self.page, name, self.words)
        expect(dialog.dialog).to_be_visible()
        return dialog

    def open_new_customer_dialog(self) -> "NewCustomerDialog":
        self.new_customer_button.click()
        dialog = NewCustomerDialog(self.page, self.words)
        expect(dialog.dialog).to_be_visible()
        return dialog

    def toast(self, text: str) -> Locator:
        return self.toasts.get_by_text(text, exact=True)

    # Columns -------------------------------------------------------------------

    def columns(self) -> "ColumnsChooser":
        """ "Columns" above the grid, opened."""
        return ColumnsChooser(self.page, self.words).open()

    def column_headers(self) -> list[str]:
        """The headers of the grid's columns, as read out, in their order."""
        headers = self.table.get_by_role("columnheader")
        return [text.strip() for text in headers.all_text_contents()]

    def undo(self, text: str) -> None:
        """Click "Undo" on the toast that says `text`."""
        said = self.page.get_by_text(text, exact=True)
        toast = self.toasts.get_by_role("group").filter(has=said)
        toast.get_by_role("button", name=self.words("Undo")).click()


class BulkBar:
    """The actions on the ticked rows, above the grid."""

    def __init__(self, page: Page):
        self.page = page
        self.form = page.get_by_role("form", name="Bulk actions")
        self.select_all = self.form.get_by_role("checkbox", name="Select all on this page")
        self.count = self.form.get_by_role("status")
        self.owner = self.form.get_by_label("New owner")
        self.tag = self.form.get_by_label("Tag to add")
        self.status = self.form.get_by_label("New status")
        self.assign_owner_button = self.form.get_by_role("button", name="Assign owner")
        self.add_tag_button = self.form.get_by_role("button", name="Add tag")
        self.set_status_button = self.form.get_by_role("button", name="Set status")
        self.delete_button = self.form.get_by_role("button", name="Delete selected")

    def assign_owner(self, owner: str) -> None:
        self.owner.select_option(label=owner)
        self.assign_owner_button.click()

    def add_tag(self, tag: str) -> None:
        self.tag.select_option(label=tag)
        self.add_tag_button.click()

    def set_status(self, status: str) -> None:
        self.status.select_option(label=status)
        self.set_status_button.click()

    def delete(self, count: str) -> "BulkDeleteDialog":
        """Ask to delete the ticked rows; `count` is how the dialog says it ("2 customers")."""
        self.delete_button.click()
        dialog = BulkDeleteDialog(self.page, count)
        expect(dialog.dialog).to_be_visible()
        return dialog


class BulkDeleteDialog:
    def __init__(self, page: Page, count: str):
        self.page = page
        self.dialog = page.get_by_role("dialog", name=f"Delete {count}?")
        self.names = self.dialog.get_by_role("list", name="Customers to delete").get_by_role(
            "listitem"
        )
        self.along = self.dialog.get_by_role("list", name="What goes along").get_by_role("listitem")
        self.confirm_button = self.dialog.get_by_role("button", name="Confirm delete")
        self.cancel_link = self.dialog.get_by_role("link", name="Cancel", exact=True)

    def confirm(self) -> None:
        self.confirm_button.click()


class EditRow:
    """A grid row in edit mode: the fields in place, Save and Cancel in its last cell."""

    def __init__(self, row: Locator, words: Words = ENGLISH):
        self.row = row
        self.words = words
        self.save_button = row.get_by_role("button", name=words("Save"), exact=True)
        self.cancel_link = row.get_by_role("link", name=words("Cancel"), exact=True)

    def field(self, label: str) -> Locator:
        return self.row.get_by_label(label, exact=True)

    def errors(self, label: str) -> Locator:
        """The error list the field's input is described by (aria-describedby). It has no
        name of its own, so that the input's description is its errors' text; its test
        id is its id, the input's plus "-errors" (templates/ui/field.html)."""
        field_id = self.field(label).get_attribute("id")
        return self.row.get_by_test_id(f"{field_id}-errors")

    def fill(self, **fields) -> "EditRow":
        fill_customer_form(self.row, self.words, **fields)
        return self

    def save(self) -> None:
        self.save_button.click()

    def cancel(self) -> None:
        self.cancel_link.click()


class NewCustomerDialog:
    def __init__(self, page: Page, words: Words = ENGLISH):
        self.page = page
        self.words = words
        self.dialog = page.get_by_role("dialog", name=words("New customer"))
        self.save_button = self.dialog.get_by_role("button", name=words("Save"), exact=True)
        self.cancel_link = self.dialog.get_by_role("link", name=words("Cancel"), exact=True)

    def field(self, label: str) -> Locator:
        return self.dialog.get_by_label(label, exact=True)

    def fill(self, **fields) -> "NewCustomerDialog":
        fill_customer_form(self.dialog, self.words, **fields)
        return self

    def save(self) -> None:
        self.save_button.click()


class DeleteDialog:
    def __init__(self, page: Page, name: str, words: Words = ENGLISH):
        self.page = page
        self.dialog = page.get_by_role("dialog", name=words("Delete {name}?", name=name))
        along = self.dialog.get_by_role("list", name=words("What goes along"))
        self.along = along.get_by_role("listitem")
        self.confirm_button = self.dialog.get_by_role("button", name=words("Confirm delete"))
        self.cancel_link = self.dialog.get_by_role("link", name=words("Cancel"), exact=True)

    def confirm(self) -> None:
        self.confirm_button.click()


class CustomerFormPage:
    """The full-page New customer / Edit form, as used without JavaScript."""

    def __init__(self, page: Page, heading: str):
        self.page = page
        self.heading = page.get_by_role("heading", name=heading, level=1)
        self.save_button = page.get_by_role("main").get_by_role("button", name="Save")

    def fill(self, **fields) -> "CustomerFormPage":
        fill_customer_form(self.page.get_by_role("main"), **fields)
        return self

    def save(self) -> None:
        self.save_button.click()


class DeletePage:
    """The full-page delete confirmation, as used without JavaScript: of one customer
    (`what` is its name) or of the ticked ones (`what` is their count, "2 customers")."""

    def __init__(self, page: Page, what: str):
        self.page = page
        self.heading = page.get_by_role("heading", name=f"Delete {what}?", level=1)
        self.confirm_button = page.get_by_role("button", name="Confirm delete")


class ColumnsChooser:
    """ "Columns" above the grid: a disclosure with a box for each optional column,
    saved as soon as it is ticked (with JavaScript) or by "Apply" (without)."""

    def __init__(self, page: Page, words: Words = ENGLISH):
        self.page = page
        self.words = words
        # A <details> is a group to assistive technology; its summary is read as its text.
        self.summary = page.get_by_text(words("Columns"), exact=True)
        self.disclosure = page.get_by_role("group").filter(has=self.summary)
        self.group = page.get_by_role("group", name=words("Columns to show"))
        self.apply_button = self.disclosure.get_by_role("button", name=words("Apply"), exact=True)
        self.default_button = self.disclosure.get_by_role("button", name=words("Default columns"))

    def open(self) -> "ColumnsChooser":
        if self.disclosure.get_attribute("open") is None:
            self.summary.click()
        expect(self.group).to_be_visible()
        return self

    def box(self, column: str) -> Locator:
        return self.group.get_by_role("checkbox", name=column, exact=True)
