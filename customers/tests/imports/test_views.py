"""The import pages: upload (bad files answered 422), map and preview, progress, the
list, the error report, and who may use them."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from customers.models import Customer, ImportRun
from customers.tests.imports.helpers import csv_bytes, xlsx_bytes

UPLOAD = reverse("customer_import")
ROWS = [
    ["Full Name", "E-mail", "Phone number", "Organisation", "Notes"],
    ["Ann Lee", "ann@example.com", "(415) 555-0100", "Acme", "met at a fair"],
    ["=cmd|' /C calc'!A0", "bad-email", "", "", ""],
]


def upload(client, data: bytes, name="customers.csv", **fields):
    return client.post(UPLOAD, {**fields, "file": SimpleUploadedFile(name, data)})


def map_url(run):
    return reverse("import_map", args=[run.pk])


def test_upload_then_the_mapping_is_guessed_and_the_preview_shows_the_rows(user_client):
    response = upload(user_client, csv_bytes(ROWS))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == map_url(run)
    assert (run.file_name, run.kind, run.status, run.headers) == (
        "customers.csv",
        "csv",
        "uploaded",
        ROWS[0],
    )
    page = user_client.get(map_url(run))
    form = page.context["form"]
    assert [form[f"column_{i}"].initial for i in range(5)] == [
        "name",
        "email",
        "phone",
        "company",
        "",
    ]
    html = page.content.decode()
    assert "+1 415-555-0100" in html  # the phone as it will be stored and shown
    assert "Email: Enter a valid email address." in html  # row 3's error, before running
    assert "&lt;" not in ROWS[2][0] and "=cmd|" in html


def test_start_queues_the_import_and_never_runs_it_in_the_request(user_client):
    upload(user_client, csv_bytes(ROWS))
    run = ImportRun.objects.get()
    data = {f"column_{i}": f for i, f in enumerate(["name", "email", "phone", "company", ""])}
    response = user_client.post(map_url(run), {**data, "on_duplicate": "fill", "start": "1"})
    assert response.status_code == 302
    assert response.url == reverse("import_detail", args=[run.pk])
    run.refresh_from_db()
    assert (run.status, run.on_duplicate, run.task_id != "") == ("queued", "fill", True)
    assert Customer.objects.count() == 0
    page = user_client.get(response.url)
    assert b'hx-trigger="every 1s"' in page.content  # polls while it waits and runs


def test_a_mapping_without_email_or_with_a_field_twice_is_refused(user_client):
    upload(user_client, csv_bytes(ROWS))
    run = ImportRun.objects.get()
    data = {"column_0": "name", "column_1": "name", "column_2": "phone", "on_duplicate": "skip"}
    response = user_client.post(map_url(run), {**data, "start": "1"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Choose the column that holds the email." in html
    assert "Only one column can be the Name." in html
    assert ImportRun.objects.get().status == "uploaded"


def test_the_last_mapping_for_the_same_headers_is_remembered(user_client, user):
    upload(user_client, csv_bytes(ROWS))
    first = ImportRun.objects.get()
    chosen = ["name", "email", "", "company", "tags"]
    data = {f"column_{i}": f for i, f in enumerate(chosen)}
    user_client.post(map_url(first), {**data, "on_duplicate": "skip", "start": "1"})
    # Same headers written differently: case and spaces do not count.
    again = [[h.upper() + " " for h in ROWS[0]], *ROWS[1:]]
    upload(user_client, csv_bytes(again))
    second = ImportRun.objects.latest("id")
    form = user_client.get(map_url(second)).context["form"]
    assert [form[f"column_{i}"].initial for i in range(5)] == chosen


def test_progress_done_lists_problems_and_offers_the_error_report(
    user_client, user, start_import, run_worker
):
    run = start_import(user, ROWS, mapping=["name", "email", "phone", "company", ""])
    run_worker()
    detail = reverse("import_detail", args=[run.pk])
    fragment = user_client.get(detail, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert "<html" not in html and "every 1s" not in html  # done: it stops polling
    assert "2 of 2 rows" in html and "Download the rows that failed" in html
    report = user_client.get(reverse("import_errors", args=[run.pk]))
    assert report["Content-Disposition"] == 'attachment; filename="customers-errors.csv"'
    text = b"".join(report.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == [*ROWS[0], "error"]
    # The original row, made harmless for a spreadsheet, and why it failed.
    assert lines[1][:2] == ["'=cmd|' /C calc'!A0", "bad-email"]
    assert lines[1][-1] == "Email: Enter a valid email address."
    assert len(lines) == 2


def test_the_list_shows_who_when_what_and_the_counts(user_client, user, start_import, run_worker):
    run = start_import(user, ROWS, mapping=["name", "email", "phone", "company", ""])
    run_worker()
    html = user_client.get(reverse("import_list")).content.decode()
    assert f'id="import-{run.pk}"' in html
    assert "customers.csv" in html and "clerk" in html and "2 of 2" in html


# --- Bad files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.csv", "The file is empty."),
        (b"Name,Email\r\n", "header.csv", "a header row but no rows of data"),
        (b"%PDF-1.4 \x00\x01", "customers.csv", "not a CSV or XLSX file"),
        (b"PK\x03\x04 not really a zip", "customers.xlsx", "damaged zip"),
    ],
)
def test_bad_files_are_refused_with_a_clear_error(user_client, data, name, message):
    response = upload(user_client, data, name, encoding="cp1252", sheet="")
    assert response.status_code == 422
    assert message in response.content.decode()
    assert response.context["form"]["encoding"].value() == "cp1252"  # nothing typed lost
    assert not ImportRun.objects.exists()


def test_no_file_chosen(user_client):
    response = user_client.post(UPLOAD, {})
    assert response.status_code == 422
    assert "Choose a CSV or XLSX file to import." in response.content.decode()


def test_a_file_over_the_cap_is_refused_saying_the_cap(user_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = settings.MAX_UPLOAD_BYTES = 1000
    page = user_client.get(UPLOAD)
    assert "up to 1000\xa0bytes" in page.content.decode()
    rows = [["Name", "Email"]] + [[f"C{n}", f"c{n}@example.com"] for n in range(100)]
    response = upload(user_client, csv_bytes(rows), encoding="utf-8")
    assert response.status_code == 422
    assert "larger than 1000\xa0bytes" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_an_xlsx_upload_can_name_its_sheet(user_client):
    data = xlsx_bytes([["x"]], sheets={"People": ROWS})
    response = upload(user_client, data, "book.xlsx", sheet="People")
    assert response.status_code == 302, response.context["form"].errors
    assert ImportRun.objects.get().headers == ROWS[0]


# --- Who may --------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["customer_import", "import_list"])
def test_only_roles_that_add_customers_may_import(client, make_user, url_name):
    viewer = make_user("viewer", perms=("view_customer",))
    client.force_login(viewer)
    assert client.get(reverse(url_name)).status_code == 403
    assert upload(client, csv_bytes(ROWS)).status_code == 403


def test_someone_elses_upload_cannot_be_mapped_or_started(client, make_user, user, start_import):
    upload_by_user = start_import(user, ROWS)
    ImportRun.objects.filter(pk=upload_by_user.pk).update(status="uploaded")
    other = make_user("other", perms=("add_customer", "view_customer"))
    client.force_login(other)
    assert client.get(map_url(upload_by_user)).status_code == 403
    response = client.post(map_url(upload_by_user), {"column_0": "name", "start": "1"})
    assert response.status_code == 403


def test_the_sales_rep_role_may_import(client, sales_rep):
    client.force_login(sales_rep)
    assert client.get(UPLOAD).status_code == 200
    assert upload(client, csv_bytes(ROWS)).status_code == 302
    # A rep may not give customers to others: no owner column to map.
    page = client.get(map_url(ImportRun.objects.get()))
    assert 'value="owner"' not in page.content.decode()
