"""Story: a user signs in before seeing any customer."""

import re

from playwright.sync_api import expect

from e2e.pages.customers import CustomerGrid
from e2e.pages.login import LoginPage


def test_an_anonymous_visit_lands_on_the_login_page(page, live_server):
    page.goto("/customers/")

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/customers/$"))
    expect(LoginPage(page).heading).to_be_visible()
    expect(page.get_by_role("table")).to_have_count(0)


def test_a_wrong_password_is_refused_and_the_right_one_lets_the_user_in(page, user, password):
    page.goto("/customers/")
    login = LoginPage(page)

    login.log_in(user.username, "not-the-password")

    expect(login.errors).to_contain_text("Please enter a correct username and password")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(login.username).to_have_value(user.username)

    login.log_in(user.username, password)

    grid = CustomerGrid(page)
    expect(page).to_have_url(re.compile(r"/customers/$"))  # back where they were going
    expect(grid.heading).to_be_visible()
    expect(grid.table).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text(user.username)
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_a_lapsed_session_sends_the_user_to_log_in_and_back_to_the_same_list(
    grid, user, password, make_customer
):
    make_customer("Ann Smith")
    make_customer("Bob Jones")
    grid.open()
    grid.search("smith")

    grid.page.context.clear_cookies()  # the session ends, say it expired
    grid.table.get_by_role("columnheader", name="Name").get_by_role("link").click()

    login = LoginPage(grid.page)
    expect(login.heading).to_be_visible()  # the whole page, not a fragment in the grid
    expect(grid.page).to_have_url(re.compile(r"/accounts/login/\?next=/customers/%3Fq%3Dsmith$"))
    login.log_in(user.username, password)

    expect(grid.page).to_have_url(re.compile(r"/customers/\?q=smith$"))
    expect(grid.search_box).to_have_value("smith")
    grid.expect_names(["Ann Smith"])
