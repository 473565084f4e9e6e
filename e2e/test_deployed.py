"""Story: the flows that also run against a deployed instance (E2E_BASE_URL; see
e2e/conftest.py and the README). They touch no database: they log in as `account`,
make a customer of their own through the UI, under a name no one else has, and leave
nothing of it behind but the trash entry a user's delete leaves."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from e2e.pages.customers import CustomerGrid
from e2e.pages.login import LoginPage
from e2e.pages.record import HeaderForm, RecordPage

pytestmark = pytest.mark.deployed


@pytest.fixture
def probe(account_page) -> str:
    """A name only this run's customer has; whatever is left of it afterwards (a
    failed step) is deleted through the grid, as a user would."""
    name = f"E2E probe {uuid.uuid4().hex[:10]}"
    yield name
    grid = CustomerGrid(account_page).open()
    grid.search(name)
    for _ in range(grid.rows.count()):
        grid.delete(grid.rows.first).confirm()
        expect(grid.toast(f"“{name}” moved to the trash.")).to_be_visible()


def create(grid: CustomerGrid, name: str, **fields) -> None:
    email = re.sub(r"\W+", "-", name.lower()) + "@example.test"
    dialog = grid.open_new_customer_dialog()
    dialog.fill(name=name, email=email, **fields)
    dialog.save()
    expect(dialog.dialog).to_have_count(0)
    expect(grid.toast(f"Customer “{name}” created.")).to_be_visible()


def test_log_in_and_out(account_page):
    grid = CustomerGrid(account_page)
    expect(grid.heading).to_be_visible()

    account_page.get_by_role("button", name="Log out").click()

    expect(LoginPage(account_page).heading).to_be_visible()
    account_page.goto(CustomerGrid.URL)
    expect(account_page).to_have_url(re.compile(r"/accounts/login/"))


def test_create_find_edit_delete_and_undo_a_customer(account_page, probe):
    grid = CustomerGrid(account_page).open()
    create(grid, probe, company="Probe Co")

    grid.search(probe)
    expect(grid.rows).to_have_count(1)
    row = grid.edit(grid.row(probe))
    row.fill(company="Probe Co Two")
    row.save()
    expect(grid.cell(grid.row(probe), "Company")).to_have_text("Probe Co Two")

    grid.delete(grid.row(probe)).confirm()
    expect(grid.row(probe)).to_have_count(0)
    grid.undo(f"“{probe}” moved to the trash.")
    expect(grid.toast(f"Restored “{probe}”.")).to_be_visible()
    expect(grid.cell(grid.row(probe), "Company")).to_have_text("Probe Co Two")

    grid.delete(grid.row(probe)).confirm()
    expect(grid.empty_message).to_be_visible()


def test_open_the_record_and_correct_its_header(account_page, probe):
    grid = CustomerGrid(account_page).open()
    create(grid, probe, company="Probe Co")
    grid.search(probe)

    grid.table.get_by_role("link", name=probe, exact=True).click()
    record = RecordPage(account_page)
    expect(record.heading).to_have_text(probe)
    form = record.edit_header()
    form.fill(company="Probe Corrected")
    form.save()

    expect(record.toast(f"Customer “{probe}” saved.")).to_be_visible()
    expect(record.fact("Company")).to_have_text("Probe Corrected")
    expect(HeaderForm(record.header).save_button).to_have_count(0)
