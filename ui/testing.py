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


def ok_body(response) -> str:
    """The text of an answer that must be a 200."""
    assert response.status_code == 200
    return response.content.decode()


# One URL, two answers (ui.views.PartialTemplateMixin): a list's full page around its
# filter form and results, or for htmx the results region alone.


def assert_full_page(page: str, *, filters_id: str) -> None:
    assert "<html" in page
    assert f'id="{filters_id}"' in page
    assert 'id="results"' in page


def assert_results_alone(fragment: str, *, filters_id: str) -> None:
    assert "<html" not in fragment
    assert fragment.lstrip().startswith('<section id="results"')
    assert f'id="{filters_id}"' not in fragment


# A confirmation reaches the user once (ui.middleware.HtmxMessagesMiddleware): out of
# band on an htmx answer, in the page's own toast region otherwise.
TOASTS_OUT_OF_BAND = '<div id="toasts" hx-swap-oob="beforeend">'


def assert_toast_out_of_band_once(response, toast: str) -> None:
    body = response.content.decode()
    assert body.count(toast) == 1
    assert TOASTS_OUT_OF_BAND in body
    # The toast is appended after the view answered: the length must follow it.
    assert int(response["Content-Length"]) == len(response.content)


def assert_toast_in_the_page_once(page: str, toast: str) -> None:
    assert page.count(toast) == 1
    assert 'id="toasts" class="toasts" role="status"' in page
    assert "hx-swap-oob" not in page
