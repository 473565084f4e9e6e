"""Typing in the search box of a real Chromium: from the last keystroke to the new rows
on screen, the debounce included. Needs Playwright (a test dependency) and a Chromium."""

import os
from dataclasses import dataclass
from pathlib import Path

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# How the benchmark and the browser tests (e2e/conftest.py) launch it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Runs in every page before its own scripts. It notes the last keydown, and when htmx
# has settled the results of a search for `__bench.term`, the moment after the next
# frame (a requestAnimationFrame callback runs just before the paint, the timeout
# just after it).
LISTENERS = """
window.__bench = {};
document.addEventListener("keydown", () => { window.__bench.lastKey = performance.now(); }, true);
document.addEventListener("htmx:beforeRequest", (event) => {
  if (event.detail.requestConfig.path.startsWith("/customers/")) window.__bench.requests += 1;
});
document.addEventListener("htmx:afterSettle", (event) => {
  if (!event.detail.xhr) return;
  const url = new URL(event.detail.xhr.responseURL);
  if (url.pathname !== "/customers/" || url.searchParams.get("q") !== window.__bench.term) return;
  if (window.__bench.settled) return;  // one event per new element: the first will do
  window.__bench.settled = true;
  requestAnimationFrame(() => setTimeout(() => { window.__bench.painted = performance.now(); }));
});
"""


def playwright_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def find_chromium() -> str | None:
    """$PLAYWRIGHT_CHROMIUM_EXECUTABLE, else /usr/bin/chromium, else Playwright's own."""
    configured = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "").strip()
    if configured:
        return configured if Path(configured).is_file() else None
    if SYSTEM_CHROMIUM.is_file():
        return str(SYSTEM_CHROMIUM)
    if not playwright_available():
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        bundled = playwright.chromium.executable_path
    return bundled if bundled and Path(bundled).is_file() else None


@dataclass(frozen=True)
class Typed:
    ms: float  # from the last keystroke to the rows painted
    requests: int  # searches sent while typing the term


def time_typing(
    base_url: str,
    *,
    username: str,
    password: str,
    terms: list[str],
    chromium: str,
    progress,
    key_delay: int = 40,
) -> list[Typed]:
    """Sign in, then for each term open the grid, type the term, `key_delay` ms between
    keys, and time it."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(
                base_url=base_url, viewport={"width": 1280, "height": 800}, locale="en-US"
            )
            context.add_init_script(LISTENERS)
            page = context.new_page()
            page.goto("/accounts/login/")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url("**/customers/")
            for term in terms:
                page.goto("/customers/")
                box = page.get_by_label("Search customers")
                box.click()
                page.evaluate("term => { window.__bench = {term, requests: 0}; }", term)
                page.keyboard.type(term, delay=key_delay)
                # Asked every 100 ms, not every frame: the asking would take CPU time from
                # the browser and the server being timed (the time is the page's own).
                page.wait_for_function("() => window.__bench.painted !== undefined", polling=100)
                painted, requests = page.evaluate(
                    "() => [__bench.painted - __bench.lastKey, __bench.requests]"
                )
                times.append(Typed(painted, requests))
                progress(term, painted)
        finally:
            browser.close()
    return times
