"""A customer's record page as a user sees it: header, tags and contacts, found by
role and label."""

import re

from playwright.sync_api import Locator, Page, expect

from e2e.pages.controls import fill_or_choose
from e2e.pages.same_page import SamePage

EDITING = re.compile(r"\bediting\b")


def record_url(customer) -> str:
    return f"/customers/{customer.pk}/"


class RecordPage(SamePage):
    def __init__(self, page: Page):
        self.page = page
        self.heading = page.get_by_role("heading", level=1)
        # The header is a region named by the page's heading, the customer's name.
        self.header = page.get_by_role("region").filter(has=self.heading)
        self.edit_link = self.header.get_by_role("link", name="Edit", exact=True)
        self.tags = page.get_by_role("region", name="Tags", exact=True)
        self.tag_field = self.tags.get_by_label("Add tag", exact=True)
        self.contacts = page.get_by_role("region", name="Contacts", exact=True)
        self.contact_rows = self.contacts.get_by_role("row").filter(has=page.get_by_role("cell"))
        self.add_contact_form = self.contacts.get_by_role("form", name="Add contact")
        self.toasts = page.get_by_role("status", name="Notifications")

    # Navigation ----------------------------------------------------------------

    def open(self, customer) -> "RecordPage":
        self.page.goto(record_url(customer))
        expect(self.heading).to_have_text(customer.name)
        return self

    def toast(self, text: str) -> Locator:
        return self.toasts.get_by_text(text, exact=True)

    # Header --------------------------------------------------------------------

    def fact(self, label: str) -> Locator:
        """The value shown beside `label` ("Email", "Owner"...) in the header."""
        return definition(self.header, label)

    def edit_header(self) -> "HeaderForm":
        self.edit_link.click()
        form = HeaderForm(self.header)
        expect(form.save_button).to_be_visible()
        return form

    # Tags ----------------------------------------------------------------------

    def chip(self, name: str) -> Locator:
        return self.tags.get_by_role("listitem").get_by_text(name, exact=True)

    def add_tag(self, name: str) -> None:
        """Type a tag's name and press Enter."""
        self.tag_field.fill(name)
        self.tag_field.press("Enter")

    def create_tag_button(self, name: str) -> Locator:
        """Offered once a typed name matches no tag, to a user who may make tags."""
        return self.tags.get_by_role("button", name=f"Create tag “{name}”", exact=True)

    def create_tag(self, name: str) -> None:
        """Type a name no tag has, press Enter, then choose to create the tag."""
        self.add_tag(name)
        self.create_tag_button(name).click()

    def remove_tag(self, name: str) -> None:
        self.tags.get_by_role("button", name=f"Remove tag {name}", exact=True).click()

    # Contacts ------------------------------------------------------------------

    def contact_row(self, contact) -> Locator:
        """A contact's row (or a contact name's): named by the contact's saved name, in
        edit mode too, so it is the same row there."""
        name = contact if isinstance(contact, str) else contact.name
        return self.contacts.get_by_role("row", name=name, exact=True)

    def contact_row_named(self, name: str) -> Locator:
        return self.contact_row(name)

    def add_contact(self, **fields) -> None:
        """Fill the "Add contact" form (name, role, email, phone, primary) and send it."""
        fill_contact(self.add_contact_form, **fields)
        self.add_contact_form.get_by_role("button", name="Add contact").click()

    def edit_contact(self, row: Locator) -> "ContactEditRow":
        row.get_by_role("link", name=re.compile(r"^Edit\b")).click()
        edit_row = ContactEditRow(row)
        expect(edit_row.row).to_have_class(EDITING)
        return edit_row

    def delete_contact(self, row: Locator, name: str) -> "DeleteContactDialog":
        row.get_by_role("link", name=re.compile(r"^Delete\b")).click()
        dialog = DeleteContactDialog(self.page, name)
        expect(dialog.dialog).to_be_visible()
        return dialog


def definition(scope: Locator, term: str) -> Locator:
    """The description of `term` in the description list within `scope`: terms and
    descriptions alternate, one of each per entry, so the nth term's is the nth one."""
    terms = scope.get_by_role("term")
    expect(terms.get_by_text(term, exact=True).first).to_be_attached()  # the list is there
    texts = [" ".join(text.split()) for text in terms.all_text_contents()]
    return scope.get_by_role("definition").nth(texts.index(term))


def fill_contact(scope: Locator, **fields) -> None:
    labels = {"name": "Name", "role": "Role", "email": "Email", "phone": "Phone"}
    for field, value in fields.items():
        if field == "primary":
            scope.get_by_label("Primary contact", exact=True).set_checked(value)
        else:
            scope.get_by_label(labels[field], exact=True).fill(value)


class HeaderForm:
    """The header turned into a form: the customer's fields, Save and Cancel."""

    def __init__(self, header: Locator):
        self.header = header
        self.save_button = header.get_by_role("button", name="Save", exact=True)
        self.cancel_link = header.get_by_role("link", name="Cancel", exact=True)

    def field(self, label: str) -> Locator:
        return self.header.get_by_label(label, exact=True)

    def fill(self, **fields) -> "HeaderForm":
        for label, value in fields.items():
            fill_or_choose(self.field(label.capitalize()), value)
        return self

    def save(self) -> None:
        self.save_button.click()


class ContactEditRow:
    def __init__(self, row: Locator):
        self.row = row
        self.save_button = row.get_by_role("button", name="Save", exact=True)
        self.cancel_link = row.get_by_role("link", name="Cancel", exact=True)

    def fill(self, **fields) -> "ContactEditRow":
        fill_contact(self.row, **fields)
        return self

    def save(self) -> None:
        self.save_button.click()


class DeleteContactDialog:
    def __init__(self, page: Page, name: str):
        self.dialog = page.get_by_role("dialog", name=f"Delete {name}?")
        self.confirm_button = self.dialog.get_by_role("button", name="Confirm delete")
        self.cancel_link = self.dialog.get_by_role("link", name="Cancel", exact=True)

    def confirm(self) -> None:
        self.confirm_button.click()
