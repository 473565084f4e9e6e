"""A list's export links, and the file a click on one downloads."""

import csv
import io

from playwright.sync_api import Locator, Page


class ExportLinks:
    """The "Export" links of a list (the grid, the deal list), by their names."""

    def __init__(self, page: Page):
        self.page = page
        self.region = page.get_by_role("navigation", name="Export")
        self.csv = self.region.get_by_role("link", name="Export CSV", exact=True)
        self.xlsx = self.region.get_by_role("link", name="Export XLSX", exact=True)

    def download_csv(self) -> "DownloadedCsv":
        return DownloadedCsv.by_clicking(self.page, self.csv)


class DownloadedCsv:
    """A downloaded CSV file: its name and its rows, read as a spreadsheet would."""

    def __init__(self, filename: str, body: bytes):
        self.filename = filename
        self.body = body
        header, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        self.header = header
        self.rows = [dict(zip(header, row, strict=True)) for row in rows]

    @classmethod
    def by_clicking(cls, page: Page, link: Locator) -> "DownloadedCsv":
        with page.expect_download() as info:
            link.click()
        download = info.value
        with open(download.path(), "rb") as file:
            return cls(download.suggested_filename, file.read())

    def column(self, name: str) -> list[str]:
        return [row[name] for row in self.rows]
