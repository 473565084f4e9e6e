"""Story: someone keeps guessing a password; sign-in pauses, and says for how long.

Every browser test signs in from 127.0.0.1. Each test's database is emptied afterwards
(pytest-django's transactional_db, which the live server needs), failed attempts
included, so a lockout here never reaches another test; the last test shows it.
"""

import re

from playwright.sync_api import expect

from e2e.pages.customers import CustomerGrid
from e2e.pages.login import LoginPage

PAUSED = re.compile(r"Too many failed sign-in attempts.*paused for 15\s+minutes")


def test_five_wrong_passwords_pause_signing_in_even_with_the_right_one(page, user, password):
    login = LoginPage(page).open()
    for _ in range(4):
        login.log_in(user.username, "not-the-password")
        expect(login.errors).to_contain_text("Please enter a correct username and password")

    login.log_in(user.username, "not-the-password")

    expect(login.errors).to_have_text(PAUSED)
    expect(login.heading).to_be_visible()
    expect(login.username).to_have_value(user.username)

    login.log_in(user.username, password)

    expect(login.errors).to_have_text(PAUSED)
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))


def test_an_earlier_lockout_does_not_carry_over(logged_in_page):
    expect(CustomerGrid(logged_in_page).heading).to_be_visible()
