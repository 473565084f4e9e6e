"""Story: the user adds a customer, and deletes one, in a dialog over the grid."""

from playwright.sync_api import expect

from customers.models import Customer


def test_create_a_customer_in_the_dialog(grid, make_customer):
    make_customer("Old Customer")
    grid.open()
    grid.mark_page()

    dialog = grid.open_new_customer_dialog()
    expect(dialog.field("Name")).to_be_focused()  # a modal dialog takes the focus
    dialog.fill(
        name="Dana Scully",
        email="dana@example.com",
        phone="+1 202 555 0143",
        company="FBI",
        status="Prospect",
    )
    dialog.save()

    expect(dialog.dialog).to_have_count(0)
    expect(grid.toast("Customer “Dana Scully” created.")).to_be_visible()
    grid.expect_names(["Dana Scully", "Old Customer"])  # newest first
    expect(grid.count).to_have_text("2 customers")
    assert grid.is_same_page(), "creating reloaded the page"

    dana = Customer.objects.get(email="dana@example.com")
    assert (dana.name, dana.phone, dana.company, dana.status) == (
        "Dana Scully",
        "+12025550143",
        "FBI",
        Customer.Status.PROSPECT,
    )


def test_create_dialog_errors_keep_the_dialog_open(grid, make_customer):
    make_customer("Old Customer", email="taken@example.com")
    grid.open()

    dialog = grid.open_new_customer_dialog()
    dialog.fill(name="", email="taken@example.com")
    dialog.save()

    expect(dialog.dialog).to_be_visible()
    expect(dialog.dialog).to_contain_text("Enter the customer's name.")
    expect(dialog.dialog).to_contain_text("Another customer already has this email address.")
    expect(dialog.field("Email")).to_have_value("taken@example.com")
    expect(grid.rows).to_have_count(1)

    dialog.fill(name="New Person", email="new@example.com")
    dialog.save()

    expect(dialog.dialog).to_have_count(0)
    expect(grid.rows.first).to_have_accessible_name("New Person")
    assert Customer.objects.count() == 2


def test_cancel_closes_the_create_dialog(grid):
    grid.open()

    dialog = grid.open_new_customer_dialog()
    dialog.fill(name="Never Saved")
    dialog.cancel_link.click()

    expect(dialog.dialog).to_have_count(0)
    expect(grid.empty_message).to_be_visible()
    assert not Customer.objects.exists()


def test_delete_a_customer_through_the_dialog(grid, make_customer):
    ann = make_customer("Ann Smith")
    make_customer("Bob Jones")
    grid.open()
    grid.mark_page()

    dialog = grid.delete(grid.row(ann))
    expect(dialog.dialog).to_contain_text("Ann Smith (")
    dialog.confirm()

    expect(dialog.dialog).to_have_count(0)
    expect(grid.row(ann)).to_have_count(0)
    expect(grid.toast("“Ann Smith” moved to the trash.")).to_be_visible()
    grid.expect_names(["Bob Jones"])
    expect(grid.count).to_have_text("1 customer")
    assert grid.is_same_page(), "deleting reloaded the page"
    assert not Customer.objects.filter(pk=ann.pk).exists()


def test_escape_closes_the_delete_dialog_and_deletes_nothing(grid, make_customer):
    ann = make_customer("Ann Smith")
    grid.open()

    dialog = grid.delete(grid.row(ann))
    grid.page.keyboard.press("Escape")

    expect(dialog.dialog).to_have_count(0)
    expect(grid.row(ann)).to_be_visible()
    assert Customer.objects.filter(pk=ann.pk).exists()
