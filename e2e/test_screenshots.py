"""The README screenshot, and the grid on a phone-sized screen."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from customers.core.services import customer_create
from customers.management.commands.demo import demo_customers
from customers.models import Customer

README_SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "grid.png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def demo_data(live_server, transactional_db):
    """Fifteen customers as `manage.py demo` makes them, always the same ones."""
    now = timezone.now()
    for index, fields in enumerate(demo_customers(15, seed=2026)):
        fields.pop("created_at")
        customer = customer_create(**fields)
        # Spread over the last weeks, so the Created column reads like real use.
        created_at = now - timedelta(days=3 * index, hours=index)
        Customer.objects.filter(pk=customer.pk).update(created_at=created_at)


def test_readme_screenshot_of_the_grid(grid, demo_data, tmp_path):
    grid.page.set_viewport_size({"width": 1280, "height": 800})
    grid.open()
    expect(grid.rows).to_have_count(15)
    expect(grid.count).to_have_text("15 customers")
    grid.page.evaluate("document.fonts.ready")

    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        target = README_SCREENSHOT
        target.parent.mkdir(exist_ok=True)
    else:
        target = tmp_path / "grid.png"
    grid.page.screenshot(path=target, animations="disabled", caret="hide")

    data = target.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 10_000  # a real picture of a grid, not an empty frame
    expect(grid.table).to_be_in_viewport()


def test_grid_fits_a_phone_screen(grid, demo_data):
    grid.page.set_viewport_size({"width": 375, "height": 800})
    grid.open()

    expect(grid.table).to_be_visible()
    expect(grid.rows.first).to_be_visible()
    expect(grid.new_customer_button).to_be_in_viewport()
    expect(grid.search_box).to_be_visible()
    scroll_width = grid.page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375 + 1, f"the page scrolls sideways: {scroll_width}px wide"
