"""Story: a whole working session raises no script errors and no CSP violations."""

import re

import pytest
from playwright.sync_api import expect

from e2e.pages.customers import CustomerGrid

# Chromium reports CSP violations on the console; this makes sure, in the page itself.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.blockedURI || "inline code";
  console.error(`CSP violation: ${event.violatedDirective} blocked ${blocked}`);
});
"""


@pytest.fixture
def console_errors(page):
    errors = []
    page.add_init_script(REPORT_CSP_VIOLATIONS)
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


def test_a_session_has_no_console_errors_or_csp_violations(
    page, console_errors, user, log_in, make_customer
):
    for number in range(1, 31):
        make_customer(f"Customer {number:02}", company="Acme" if number % 2 else "Globex")
    log_in(page, user)
    grid = CustomerGrid(page).open()

    grid.search("acme")
    expect(grid.count).to_have_text("15 customers")
    grid.sort_by("Name")
    grid.search("")
    grid.go_to_page(2)
    expect(grid.rows).to_have_count(5)

    row = grid.edit(grid.row("Customer 26"))
    row.fill(company="Initech")
    row.save()
    expect(row.row).not_to_have_class(re.compile(r"\bediting\b"))
    expect(row.row.get_by_role("cell", name="Initech", exact=True)).to_be_visible()

    grid.edit(grid.row("Customer 27")).field("Name").press("Escape")
    expect(grid.row("Customer 27").get_by_role("link", name="Edit")).to_be_visible()

    dialog = grid.open_new_customer_dialog()
    dialog.fill(name="Dana Scully", email="dana@example.com")
    dialog.save()
    expect(grid.toast("Customer “Dana Scully” created.")).to_be_visible()

    grid.delete(grid.row("Customer 28")).confirm()
    expect(grid.toast("“Customer 28” moved to the trash.")).to_be_visible()

    grid.mark_page()
    grid.page.go_back()  # a full reload of the earlier URL
    grid.wait_for_reload()
    expect(grid.heading).to_be_visible()

    assert console_errors == []


def test_the_console_watch_does_see_a_csp_violation(page, console_errors, user, log_in):
    """Guards the test above against passing because it cannot see anything."""
    log_in(page, user)

    with page.expect_console_message(lambda message: message.type == "error"):
        page.evaluate(
            """() => {
            const script = document.createElement("script");
            script.textContent = "window.inlineScriptRan = true";
            document.body.append(script);
        }"""
        )

    assert page.evaluate("window.inlineScriptRan") is None
    assert any("CSP violation" in error for error in console_errors), console_errors
