"""Filling in a form's controls as a user does."""

from playwright.sync_api import Locator


def fill_or_choose(control: Locator, value: str) -> None:
    """Type `value` into a text field, or choose the option a select shows as `value`."""
    if control.evaluate("element => element.tagName") == "SELECT":
        control.select_option(label=value)
    else:
        control.fill(value)
