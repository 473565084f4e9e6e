"""Story: a sales rep narrows the grid to their own customers, and back again."""

import re

from playwright.sync_api import expect

from e2e.pages.customers import CustomerGrid


def test_my_customers_ticks_on_and_off(logged_in_page, user, make_customer):
    make_customer("Ann Mine", owner=user)
    make_customer("Bob Theirs")
    grid = CustomerGrid(logged_in_page).open()
    mine = grid.filters.get_by_label("My customers")

    mine.check()
    expect(grid.count).to_have_text("1 customer")
    expect(logged_in_page).to_have_url(re.compile(r"[?&]mine=on"))

    mine.uncheck()
    expect(grid.count).to_have_text("2 customers")
    expect(logged_in_page).not_to_have_url(re.compile(r"mine="))


def test_a_box_ticked_asks_the_server_once(logged_in_page, user, make_customer):
    make_customer("Ann Mine", owner=user)
    make_customer("Bob Theirs")
    grid = CustomerGrid(logged_in_page).open()
    asked = []
    logged_in_page.on(
        "request", lambda request: "/customers/?" in request.url and asked.append(request.url)
    )

    grid.filters.get_by_label("My customers").check()

    expect(grid.count).to_have_text("1 customer")
    logged_in_page.wait_for_timeout(400)  # longer than any pause the live search waits for
    assert len(asked) == 1, asked
