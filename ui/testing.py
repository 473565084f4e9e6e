"""For tests that play the browser: the headers htmx sends, and what a page says."""

import html as entities
import re

HX = {"HX-Request": "true"}
HISTORY_RESTORE = {**HX, "HX-History-Restore-Request": "true"}


def narrowed_text(page: str) -> str:
    """The line that says what a list's hidden filters narrow it to (ui/narrowed.html),
    as a reader sees it; empty when there is none."""
    found = re.search(r'<p class="narrowed"[^>]*>(.*?)</p>', page, re.S)
    if not found:
        return ""
    text = entities.unescape(re.sub(r"<[^>]+>", "", found.group(1)))
    return re.sub(r"\s+", " ", text).strip()
