"""Story: a user moves customers in from a spreadsheet. Upload, check the guessed
mapping and the preview, start the import, watch it finish, fetch the rows that failed,
find it under "Imports", and undo it.

The import runs in the real background worker (django-tasks-db's, through our
`worker` command), processing the queue of the live server's database: the web
request only queues it.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from customers.models import Contact, Customer
from customers.tests.imports.helpers import run_worker_once
from e2e.conftest import grant
from e2e.pages.imports import ImportPages


def csv_file(rows, encoding="cp1252") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return out.getvalue().encode(encoding)  # as Excel on Windows saves it


ROWS = [
    ["Nom", "E-mail", "Phone number", "Organisation"],
    ["Zoë Müller", "zoe@example.com", "(415) 555-0100", "Café Crème"],
    ["Bad Row", "not an email", "", "Nowhere"],
    ["Old Friend", "FRIEND@example.com", "415 555 0111", "Filled In"],
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_upload_map_preview_run_and_download_the_failed_rows(logged_in_page, media, make_customer):
    page = logged_in_page
    friend = make_customer("Old Friend", email="friend@example.com")
    imports = ImportPages(page).open_upload()
    imports.upload("customers.csv", csv_file(ROWS))

    expect(page.get_by_role("heading", name="Map the columns of customers.csv")).to_be_visible()
    expect(
        page.get_by_text("Read as Windows-1252 (Western European), columns separated by semicolon.")
    ).to_be_visible()
    expect(imports.column("Nom")).to_have_value("name")
    expect(imports.column("E-mail")).to_have_value("email")
    expect(imports.column("Phone number")).to_have_value("phone")
    expect(imports.column("Organisation")).to_have_value("company")
    expect(imports.preview_row(2)).to_contain_text("Zoë Müller")
    expect(imports.preview_row(2)).to_contain_text("+1 415-555-0100")
    expect(imports.preview_row(3)).to_contain_text(
        "Not imported. Email: Enter a valid email address."
    )
    expect(imports.preview_row(4)).to_contain_text(
        "“Old Friend” has this email: the row will be skipped."
    )

    imports.choose_duplicates("Fill the customer's empty fields")
    page.get_by_role("button", name="Preview").click()
    expect(imports.preview_row(4)).to_contain_text("its empty fields will be filled")
    page.get_by_role("button", name="Start import").click()

    expect(page).to_have_url(re.compile(r"/customers/imports/\d+/$"))
    expect(imports.status).to_contain_text("Queued")
    assert Customer.objects.count() == 1  # the request only queued it

    # The worker takes the queue while the page watches, polling its progress.
    run_worker_once()

    expect(imports.status).to_contain_text("Done")
    expect(imports.progress).to_contain_text("3 of 3 rows")
    expect(imports.count("Created")).to_have_text("1")
    expect(imports.count("Updated")).to_have_text("1")
    expect(imports.count("Failed")).to_have_text("1")
    expect(imports.bar).to_have_attribute("value", "3")
    friend.refresh_from_db()
    assert (friend.phone, friend.company) == ("+14155550111", "Filled In")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the rows that failed").click()
    download = download_info.value
    assert download.suggested_filename == "customers-errors.csv"
    report = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert report == [
        [*ROWS[0], "error"],
        [*ROWS[2], "Email: Enter a valid email address."],
    ]

    # Found again later, under "Imports".
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Imports").click()
    row = page.get_by_role("row").filter(has_text="customers.csv")
    expect(row).to_contain_text("demo")
    expect(row).to_contain_text("Done")
    expect(row).to_contain_text("3 of 3")

    # Second thoughts: undo it (in the worker too).
    row.get_by_role("link", name="customers.csv").click()
    page.get_by_role("button", name="Undo this import").click()
    expect(imports.status).to_contain_text("Being undone")
    run_worker_once()
    expect(imports.status).to_contain_text("Undone")
    expect(imports.progress).to_contain_text(
        "1 customer it created moved to the trash, 1 it changed restored"
    )
    friend.refresh_from_db()
    assert (friend.phone, friend.company) == ("", "")
    assert Customer.all_objects.get(email="zoe@example.com").in_trash


CONTACTS = [
    ["联系人", "Email", "Job title", "Customer email", "Customer ID"],
    ["Wang Fang", "wang@acme.example", "Buyer", "OFFICE@acme.example", ""],
    ["Li Lei", "li@globex.example", "", "", "{globex}"],
    ["Nobody", "", "", "nobody@example.com", ""],
]


def test_contacts_are_imported_for_customers_already_here(
    logged_in_page, user, media, make_customer
):
    page = logged_in_page
    grant(user, "add_contact", "view_contact")
    acme = make_customer("Acme", email="office@acme.example")
    globex = make_customer("Globex")
    rows = [[cell.format(globex=globex.pk) for cell in row] for row in CONTACTS]
    imports = ImportPages(page).open_upload()
    imports.choose_target("Contacts")
    imports.upload("contacts.csv", csv_file(rows, encoding="gb18030"))  # a Chinese Excel's

    expect(page.get_by_role("heading", name="Map the columns of contacts.csv")).to_be_visible()
    expect(imports.column("联系人")).to_have_value("name")
    expect(imports.column("Job title")).to_have_value("title")
    expect(imports.column("Customer email")).to_have_value("customer_email")
    expect(imports.column("Customer ID")).to_have_value("customer_id")
    expect(imports.preview_row(2)).to_contain_text("Acme")
    expect(imports.preview_row(3)).to_contain_text("Globex")
    expect(imports.preview_row(4)).to_contain_text(
        "Not imported. No customer has the email “nobody@example.com”."
    )
    page.get_by_role("button", name="Start import").click()
    expect(imports.status).to_contain_text("Queued")
    run_worker_once()
    expect(imports.status).to_contain_text("Done")
    expect(imports.count("Created")).to_have_text("2")
    expect(imports.count("Failed")).to_have_text("1")
    expect(imports.progress).to_contain_text("No customer has the email “nobody@example.com”.")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Imports").click()
    expect(page.get_by_role("row").filter(has_text="contacts.csv")).to_contain_text("Contacts")

    # The contact is on its customer's record, as if added there.
    page.goto(f"/customers/{acme.pk}/")
    expect(page.get_by_text("Wang Fang")).to_be_visible()
    assert Contact.objects.get(email="li@globex.example").customer == globex
