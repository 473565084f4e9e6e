"""The README screenshot, and the grid on a phone-sized screen."""

import os
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from customers.followups.services import task_create
from customers.management.commands.demo import Command as DemoCommand
from customers.models import Customer
from e2e.conftest import grant

README_SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "grid.png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def demo_data(live_server, transactional_db, pipeline, user):
    """Fifteen customers as `manage.py demo` makes them (owners, tags, contacts,
    activity, deals), always the same ones, and a few next steps for `user`, who may see
    deals and tasks too, so the screenshot shows the product's whole navigation."""
    grant(user, "view_deal", "view_followup", "add_followup", "change_followup")
    DemoCommand(stdout=StringIO()).load_through_services(15, seed=2026)
    today = timezone.localdate()
    customers = list(Customer.objects.order_by("-created_at")[:6])
    for days, customer in zip((-2, 0, 0, 1, 3, 8), customers, strict=True):
        task_create(
            customer=customer,
            title="Call back",
            due_date=today + timedelta(days=days),
            created_by=user,
        )


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
