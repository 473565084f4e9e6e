"""What a layout owes its readers: a checkbox's label on one line, beside its box."""

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("width", [1366, 1280])
@pytest.mark.parametrize(
    "label", ["My customers", "Open support requests", "Select all on this page"]
)
def test_a_checkbox_label_sits_on_one_line_beside_its_box(grid, make_customer, width, label):
    make_customer("Ann Lee")
    grid.page.set_viewport_size({"width": width, "height": 800})
    grid.open()
    box = grid.page.get_by_label(label, exact=True)
    expect(box).to_be_visible()

    check = box.bounding_box()
    text = grid.page.locator(f"label[for='{box.get_attribute('id')}']").bounding_box()

    assert text["height"] < 2 * check["height"] + 8, f"“{label}” wraps onto several lines"
    assert 0 <= text["x"] - (check["x"] + check["width"]) <= 12, f"“{label}” is apart from its box"
