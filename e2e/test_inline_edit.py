"""Story: the user corrects a customer right in the grid, without leaving the page."""

import re

from playwright.sync_api import expect

from customers.models import Customer

EDITING = re.compile(r"\bediting\b")


def is_update_post(response):
    return response.request.method == "POST" and "/customers/update/" in response.url


def test_save_shows_the_new_value_in_the_row_without_a_reload(grid, make_customer):
    ann = make_customer("Ann Smith", email="ann@example.com")
    bob = make_customer("Bob Jones", email="bob@example.com")
    grid.open()
    bob_before = grid.row(bob).inner_text()
    grid.mark_page()

    row = grid.edit(grid.row("Ann Smith"))
    expect(row.field("Email")).to_have_value("ann@example.com")
    expect(row.field("Name")).to_have_value("Ann Smith")
    row.fill(email="ann.smith@example.org", status="Active")
    row.save()

    display = grid.row(ann)
    expect(display).not_to_have_class(EDITING)
    expect(display.get_by_role("cell", name="ann.smith@example.org", exact=True)).to_be_visible()
    expect(display.get_by_role("cell", name="Active", exact=True)).to_be_visible()
    expect(grid.toast("Customer “Ann Smith” saved.")).to_be_visible()
    expect(grid.rows).to_have_count(2)
    assert grid.row(bob).inner_text() == bob_before
    assert grid.is_same_page(), "saving the row reloaded the page"

    ann.refresh_from_db()
    assert (ann.email, ann.status) == ("ann.smith@example.org", Customer.Status.ACTIVE)


def test_cancel_and_escape_put_the_row_back_unchanged(grid, make_customer):
    ann = make_customer("Ann Smith", email="ann@example.com")
    grid.open()
    before = grid.row(ann).get_by_role("cell").all_text_contents()
    grid.mark_page()

    row = grid.edit(grid.row(ann))
    row.fill(name="Someone Else")
    row.cancel()

    expect(grid.row(ann)).not_to_have_class(EDITING)
    expect(grid.row(ann).get_by_role("cell")).to_have_text(before)

    row = grid.edit(grid.row(ann))
    row.fill(email="changed@example.com")
    row.field("Email").press("Escape")

    expect(grid.row(ann)).not_to_have_class(EDITING)
    expect(grid.row(ann).get_by_role("cell")).to_have_text(before)
    assert grid.is_same_page(), "cancelling reloaded the page"
    ann.refresh_from_db()
    assert (ann.name, ann.email) == ("Ann Smith", "ann@example.com")


def test_a_bad_email_keeps_the_row_in_edit_mode_with_the_message(grid, make_customer):
    ann = make_customer("Ann Smith", email="ann@example.com")
    make_customer("Bob Jones", email="bob@example.com")
    grid.open()

    row = grid.edit(grid.row(ann))
    row.fill(email="not-an-email")
    with grid.page.expect_response(is_update_post) as response:
        row.save()

    assert response.value.status == 422
    expect(row.row).to_have_class(EDITING)
    expect(row.errors("Email")).to_have_text("Enter a valid email address, like name@example.com.")
    expect(row.field("Email")).to_have_value("not-an-email")
    expect(row.field("Email")).to_have_attribute("aria-invalid", "true")

    row.fill(email="BOB@example.com")  # taken, whatever the case
    row.save()

    expect(row.errors("Email")).to_have_text("Another customer already has this email address.")
    expect(row.field("Email")).to_have_value("BOB@example.com")

    row.fill(email="ann@example.com", name="")
    row.save()

    expect(row.errors("Name")).to_have_text("Enter the customer's name.")
    expect(row.errors("Email")).to_have_count(0)

    row.fill(name="Ann Smith", phone="12")
    row.save()

    expect(row.errors("Phone")).to_contain_text("Enter a valid phone number")
    expect(row.field("Phone")).to_have_value("12")
    expect(row.row).to_have_class(EDITING)

    ann.refresh_from_db()
    assert (ann.name, ann.email, ann.phone) == ("Ann Smith", "ann@example.com", "")


def test_enter_saves_the_row(grid, make_customer):
    ann = make_customer("Ann Smith", email="ann@example.com")
    grid.open()

    row = grid.edit(grid.row(ann))
    row.field("Company").fill("Initech")
    with grid.page.expect_response(is_update_post) as response:
        row.field("Company").press("Enter")

    assert response.value.status == 200
    expect(grid.row(ann)).not_to_have_class(EDITING)
    expect(grid.row(ann).get_by_role("cell", name="Initech", exact=True)).to_be_visible()
    ann.refresh_from_db()
    assert ann.company == "Initech"


def test_two_rows_can_be_edited_at_once(grid, make_customer):
    ann = make_customer("Ann Smith")
    bob = make_customer("Bob Jones")
    grid.open()

    ann_row = grid.edit(grid.row(ann))
    bob_row = grid.edit(grid.row(bob))
    ann_row.fill(company="Acme")
    bob_row.fill(company="Globex")
    bob_row.save()

    expect(grid.row(bob)).not_to_have_class(EDITING)
    expect(grid.row(bob).get_by_role("cell", name="Globex", exact=True)).to_be_visible()
    expect(ann_row.row).to_have_class(EDITING)
    expect(ann_row.field("Company")).to_have_value("Acme")  # still being typed
    ann_row.save()

    expect(grid.row(ann)).not_to_have_class(EDITING)
    expect(grid.row(ann).get_by_role("cell", name="Acme", exact=True)).to_be_visible()
    ann.refresh_from_db()
    bob.refresh_from_db()
    assert (ann.company, bob.company) == ("Acme", "Globex")
