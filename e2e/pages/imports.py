"""The import pages as a user sees them: found by role and label, not by markup."""

from playwright.sync_api import Page, expect

from e2e.pages.record import definition


class ImportPages:
    UPLOAD_URL = "/customers/import/"

    def __init__(self, page: Page):
        self.page = page
        self.preview = page.get_by_role(
            "table", name="Preview: the first rows as they will be stored"
        )
        self.progress = page.get_by_role("region", name="Progress")
        self.status = self.progress.get_by_role("status")
        self.bar = page.get_by_role("progressbar", name="Rows done")

    def open_upload(self) -> "ImportPages":
        self.page.goto(self.UPLOAD_URL)
        expect(self.page.get_by_role("heading", name="Import customers", level=1)).to_be_visible()
        return self

    def choose_target(self, label: str) -> None:
        """What the file holds: "Customers", "Contacts" or "Activity"."""
        self.page.get_by_role("group", name="The file holds").get_by_label(
            label, exact=True
        ).check()

    def upload(self, name: str, data: bytes, *, mime: str = "text/csv") -> None:
        self.page.get_by_label("File", exact=True).set_input_files(
            files=[{"name": name, "mimeType": mime, "buffer": data}]
        )
        self.page.get_by_role("button", name="Upload").click()

    def column(self, header: str):
        """The select that says which field the column `header` goes to."""
        return self.page.get_by_label(header, exact=True)

    def preview_row(self, number: int):
        return self.preview.get_by_role("row").filter(
            has=self.page.get_by_role("cell", name=str(number), exact=True)
        )

    def choose_duplicates(self, label: str) -> None:
        self.page.get_by_label(label, exact=True).check()

    def count(self, what: str):
        """The number beside "Created", "Updated", "Skipped" or "Failed"."""
        return definition(self.progress, what)
