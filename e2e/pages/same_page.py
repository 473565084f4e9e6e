"""Whether the browser is still on the same page: a mark left on `window` stays through
htmx's swaps and is wiped by a full page load."""

RELOAD_MARKER = "__e2eSamePage"


class SamePage:
    """For a page object with `self.page`."""

    def mark_page(self) -> None:
        """Leave a mark on `window`; a full page load wipes it."""
        self.page.evaluate(f"window.{RELOAD_MARKER} = true")

    def is_same_page(self) -> bool:
        return self.page.evaluate(f"window.{RELOAD_MARKER} === true")

    def wait_for_reload(self) -> None:
        self.page.wait_for_function(f"() => window.{RELOAD_MARKER} === undefined")
        self.page.wait_for_load_state()
