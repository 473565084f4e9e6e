"""Story: a sales rep narrows the grid, exports it, and gets exactly those customers."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from customers.models import ExportLog
from e2e.pages.customers import CustomerGrid
from e2e.pages.exports import ExportLinks


def test_export_csv_holds_exactly_the_filtered_customers(logged_in_page, user, make_customer):
    for n in range(30):  # more than a page: the file holds them all, not the page
        make_customer(f"Acme buyer {n:02}", company="Acme", status="active")
    make_customer("Acme lead", company="Acme", status="lead")
    make_customer("Globex buyer", company="Globex", status="active")
    grid = CustomerGrid(logged_in_page).open()

    grid.search("acme")
    grid.filters.get_by_label("Status").select_option(label="Active")
    expect(grid.count).to_have_text("30 customers")
    grid.sort_by("Name")
    download = ExportLinks(logged_in_page).download_csv()

    assert download.filename == f"customers-{timezone.localdate():%Y-%m-%d}.csv"
    assert download.body.startswith(b"\xef\xbb\xbf")
    assert download.column("Name") == [f"Acme buyer {n:02}" for n in range(30)]
    assert set(download.column("Status")) == {"Active"}
    # the grid stays where it was
    expect(grid.count).to_have_text("30 customers")
    log = ExportLog.objects.get()
    assert (log.user, log.row_count) == (user, 30)
    assert log.created_at > timezone.now() - datetime.timedelta(minutes=5)
