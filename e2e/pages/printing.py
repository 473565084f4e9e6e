"""The printouts as a user gets them: the "Print" links that open them, and the PDF
Chromium makes of them (what "Save as PDF" gives), read back as text."""

import io
from dataclasses import dataclass, field

from playwright.sync_api import Page, expect
from pypdf import PdfReader


@dataclass
class Pdf:
    """A PDF's pages, as their text, and each sheet's (width, height) in points."""

    pages: list[str]
    sizes: list[tuple[float, float]] = field(default_factory=list)

    @classmethod
    def of(cls, page: Page, **options) -> "Pdf":
        """`page` printed to PDF (A4 by default), as the browser's print dialog would."""
        options.setdefault("format", "A4")
        reader = PdfReader(io.BytesIO(page.pdf(**options)))
        return cls(
            [sheet.extract_text() for sheet in reader.pages],
            [(float(sheet.mediabox.width), float(sheet.mediabox.height)) for sheet in reader.pages],
        )

    @property
    def portrait(self) -> bool:
        return all(width < height for width, height in self.sizes)

    @property
    def text(self) -> str:
        """All pages' text, each run of spaces and line breaks as one space: a name a
        narrow column wraps reads as it does on paper."""
        return " ".join("\n".join(self.pages).split())

    def page_text(self, index: int) -> str:
        return " ".join(self.pages[index].split())


class Printout:
    """A printout's page: its heading, its toolbar (on screen only) and its table."""

    def __init__(self, page: Page):
        self.page = page
        self.heading = page.get_by_role("heading", level=1)
        self.toolbar = page.get_by_role("navigation", name="Printout")
        self.print_button = self.toolbar.get_by_role("button", name="Print")
        self.with_contacts = page.get_by_label("With contacts")
        self.update = self.toolbar.get_by_role("button", name="Update")

    def open_from(self, link) -> "Printout":
        link.click()
        expect(self.toolbar).to_be_visible()
        return self

    def pdf(self, **options) -> Pdf:
        return Pdf.of(self.page, **options)
