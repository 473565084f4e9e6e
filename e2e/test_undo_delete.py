"""Story: the user deletes a customer, thinks better of it, and clicks "Undo"."""

import re

import pytest
from playwright.sync_api import expect

from customers.core.services import customer_delete
from customers.models import Contact, Customer
from customers.record.services import contact_create
from e2e.pages.customers import CustomerGrid, DeletePage


@pytest.fixture
def ann(make_customer):
    ann = make_customer("Ann Smith", company="Initech")
    contact_create(customer=ann, name="Jane Doe", is_primary=True)
    return ann


def test_delete_then_undo_from_the_toast_brings_the_row_back(grid, ann, make_customer):
    make_customer("Bob Jones")
    grid.open()
    grid.mark_page()

    dialog = grid.delete(grid.row(ann))
    expect(dialog.dialog).to_contain_text("Along with it: 1 contact.")
    expect(dialog.along).to_have_text(["Jane Doe (contact)"])
    dialog.confirm()

    expect(grid.row(ann)).to_have_count(0)
    expect(grid.toast("“Ann Smith” moved to the trash.")).to_be_visible()
    grid.undo("“Ann Smith” moved to the trash.")

    expect(grid.toast("Restored “Ann Smith”.")).to_be_visible()
    expect(grid.toast("“Ann Smith” moved to the trash.")).to_have_count(0)
    expect(grid.row(ann)).to_be_visible()
    grid.expect_names(["Bob Jones", "Ann Smith"])
    expect(grid.count).to_have_text("2 customers")
    assert grid.is_same_page(), "undo reloaded the page"
    restored = Customer.objects.get(pk=ann.pk)
    assert (restored.name, restored.company) == ("Ann Smith", "Initech")
    assert list(Contact.objects.filter(customer=restored).values_list("name", flat=True)) == [
        "Jane Doe"
    ]


def test_the_undo_toast_stays_ten_seconds(grid, ann):
    grid.page.clock.install()
    grid.open()

    grid.delete(grid.row(ann)).confirm()
    toast = grid.toast("“Ann Smith” moved to the trash.")
    expect(toast).to_be_visible()

    grid.page.clock.fast_forward(9_000)  # longer than other toasts stay (8 s)
    expect(toast).to_be_visible()
    grid.page.clock.fast_forward(1_500)
    expect(toast).to_have_count(0)


def test_bulk_delete_then_undo(grid, make_customer):
    ann = make_customer("Ann")
    make_customer("Bob")
    cy = make_customer("Cy")
    grid.open()

    grid.tick(grid.row(ann), grid.row(cy))
    dialog = grid.bulk.delete("2 customers")
    expect(dialog.dialog).to_contain_text("Along with them: nothing else.")
    dialog.confirm()
    expect(grid.rows).to_have_count(1)

    grid.undo("2 customers moved to the trash.")

    expect(grid.toast("Restored 2 customers.")).to_be_visible()
    grid.expect_names(["Cy", "Bob", "Ann"])
    assert Customer.objects.count() == 3


def test_undo_refused_when_the_email_was_taken_meanwhile(grid, make_customer):
    ann = make_customer("Ann Smith", email="ann@example.com")
    grid.open()

    grid.delete(grid.row(ann)).confirm()
    expect(grid.toast("“Ann Smith” moved to the trash.")).to_be_visible()
    make_customer("Ann Again", email="ANN@example.com")
    grid.undo("“Ann Smith” moved to the trash.")

    expect(
        grid.toast(
            "“Ann Smith” cannot be restored: its email ann@example.com now belongs to "
            "“Ann Again”. Change one of the two emails first."
        )
    ).to_be_visible()
    assert Customer.all_objects.get(pk=ann.pk).in_trash


def test_undo_without_javascript(page_without_js, ann):
    page = page_without_js
    grid = CustomerGrid(page).open("?q=smith")

    grid.row(ann).get_by_role("link", name="Delete").click()
    DeletePage(page, "Ann Smith").confirm_button.click()
    expect(grid.toast("“Ann Smith” moved to the trash.")).to_be_visible()
    expect(grid.rows).to_have_count(0)

    grid.undo("“Ann Smith” moved to the trash.")

    expect(page).to_have_url(re.compile(r"/customers/\?q=smith$"))
    expect(grid.toast("Restored “Ann Smith”.")).to_be_visible()
    expect(grid.row(ann)).to_be_visible()


def test_restore_from_the_trash_page(logged_in_page, user, make_customer):
    ann = make_customer("Ann Smith")
    customer_delete(customer=ann, by=user)
    page = logged_in_page

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Trash").click()
    table = page.get_by_role("table", name="Customers in the trash")
    row = table.locator(f"#trash-{ann.pk}")
    expect(row).to_contain_text("Ann Smith")
    expect(row).to_contain_text(user.get_username())
    row.get_by_role("button", name="Restore Ann Smith").click()

    expect(page.locator("#toasts").get_by_text("Restored “Ann Smith”.", exact=True)).to_be_visible()
    expect(table.get_by_text("The trash is empty.")).to_be_visible()
    assert Customer.objects.filter(pk=ann.pk).exists()
