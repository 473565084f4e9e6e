"""Story: with JavaScript off, every action still works as plain pages and forms."""

import re

from playwright.sync_api import expect

from customers.models import Customer
from e2e.pages.customers import CustomerFormPage, DeletePage


def test_create_without_javascript(grid_without_js):
    grid = grid_without_js
    page = grid.page
    grid.open()

    grid.new_customer_button.click()

    expect(page).to_have_url(re.compile(r"/customers/create/$"))
    form = CustomerFormPage(page, "New customer")
    expect(form.heading).to_be_visible()
    form.fill(name="", email="not-an-email")
    form.save()

    expect(page.get_by_text("Enter the customer's name.")).to_be_visible()
    expect(page.get_by_text("Enter a valid email address, like name@example.com.")).to_be_visible()
    assert not Customer.objects.exists()

    form.fill(name="Dana Scully", email="dana@example.com", company="FBI")
    form.save()

    expect(page).to_have_url(re.compile(r"/customers/$"))
    expect(grid.toast("Customer “Dana Scully” created.")).to_be_visible()
    grid.expect_names(["Dana Scully"])
    assert Customer.objects.get().company == "FBI"


def test_edit_without_javascript_returns_to_the_same_list(grid_without_js, make_customer):
    ann = make_customer("Ann Smith", email="ann@example.com")
    make_customer("Bob Jones")
    grid = grid_without_js
    page = grid.page
    grid.open("?q=smith")

    grid.row(ann).get_by_role("link", name="Edit").click()

    expect(page).to_have_url(re.compile(rf"/customers/update/{ann.pk}/\?next="))
    form = CustomerFormPage(page, "Edit Ann Smith")
    expect(form.heading).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).to_have_value("ann@example.com")
    form.fill(email="ann.smith@example.org")
    form.save()

    expect(page).to_have_url(re.compile(r"/customers/\?q=smith$"))  # back to the list as it was
    expect(grid.toast("Customer “Ann Smith” saved.")).to_be_visible()
    new_email = grid.row(ann).get_by_role("cell", name="ann.smith@example.org", exact=True)
    expect(new_email).to_be_visible()
    ann.refresh_from_db()
    assert ann.email == "ann.smith@example.org"


def test_delete_without_javascript(grid_without_js, make_customer):
    ann = make_customer("Ann Smith")
    make_customer("Bob Jones")
    grid = grid_without_js
    page = grid.page
    grid.open()

    grid.row(ann).get_by_role("link", name="Delete").click()

    expect(page).to_have_url(re.compile(rf"/customers/delete/{ann.pk}/"))
    confirmation = DeletePage(page, "Ann Smith")
    expect(confirmation.heading).to_be_visible()
    assert Customer.objects.filter(pk=ann.pk).exists()  # a GET deletes nothing
    confirmation.confirm_button.click()

    expect(page).to_have_url(re.compile(r"/customers/$"))
    expect(grid.toast("“Ann Smith” moved to the trash.")).to_be_visible()
    grid.expect_names(["Bob Jones"])
    assert not Customer.objects.filter(pk=ann.pk).exists()
