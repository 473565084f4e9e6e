"""For tests that play the browser: the headers htmx sends, and what a page says."""

import html as entities
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def count_queries(client, url: str, headers=None) -> tuple[int, str]:
    """GET `url` (it must answer 200): how many queries it took, and the page."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()
