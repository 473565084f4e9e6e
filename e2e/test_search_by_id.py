"""Story: a customer's number, typed as `ID 123` or `#123`, finds that customer."""

from playwright.sync_api import expect


def test_typing_an_id_finds_that_customer(grid, make_customer):
    ann = make_customer("Ann Smith")
    make_customer("Bob Jones")
    grid.open()
    expect(grid.rows).to_have_count(2)

    grid.search(f"ID {ann.pk}")

    grid.expect_names(["Ann Smith"])
    expect(grid.table.locator(f"#customer-{ann.pk}")).to_be_visible()
    expect(grid.count).to_have_text("1 customer")

    grid.search(f"#{ann.pk}")

    grid.expect_names(["Ann Smith"])
