"""The duplicate warning on a record, and the merge page, found by role and label."""

from playwright.sync_api import Locator, Page, expect


class DuplicateWarning:
    def __init__(self, page: Page):
        self.page = page
        self.region = page.get_by_role("region", name="like this one")

    def merge_link(self, other_name: str) -> Locator:
        return self.region.get_by_role("link", name=f"Merge… {other_name} into this customer")

    def merge(self, other_name: str) -> "MergePage":
        self.merge_link(other_name).click()
        merge = MergePage(self.page)
        expect(merge.table).to_be_visible()
        return merge


class MergePage:
    def __init__(self, page: Page):
        self.page = page
        self.table = page.get_by_role("table", name="Choose the values to keep")
        self.confirm_button = page.get_by_role("button", name="Confirm merge")
        self.toasts = page.get_by_role("status", name="Notifications")

    def row(self, field: str) -> Locator:
        return self.table.get_by_role("row").filter(
            has=self.page.get_by_role("rowheader", name=field, exact=True)
        )

    def choice(self, field: str, value: str) -> Locator:
        return self.row(field).get_by_role("radio", name=value, exact=True)

    def pick(self, field: str, value: str) -> None:
        self.choice(field, value).check()

    def confirm(self) -> None:
        self.confirm_button.click()

    def undo(self, text: str) -> None:
        """Click "Undo" on the toast that says `text` (now on the survivor's record)."""
        said = self.page.get_by_text(text, exact=True)
        toast = self.toasts.get_by_role("group").filter(has=said)
        toast.get_by_role("button", name="Undo").click()
