"""The grid's export: exactly the customers the grid shows, every page of them."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from conftest import CRM_PERMISSIONS
from customers.core.services import customer_tag_add, tag_get_or_create
from customers.followups.services import task_create
from customers.models import Customer, ExportLog
from customers.tests.exports.reading import csv_rows, grid_ids, xlsx_sheets
from customers.timeline.services import interaction_create
from ui.testing import HX

pytestmark = pytest.mark.django_db

EVERY_COLUMN = [
    *("Name", "Email", "Phone", "Company", "Owner", "Tags", "Status", "Open requests"),
    *("Last activity", "Next step", "Created"),
]
# What the grid shows until the user chooses otherwise (customers/grid/columns.py).
DEFAULT_COLUMNS = [
    *("Name", "Email", "Phone", "Company", "Owner", "Tags", "Status", "Next step"),
]


def export(client, query: str, **params):
    extra = "&".join(f"{k}={v}" for k, v in params.items())
    response = client.get(f"/customers/export/?{query}&{extra}")
    assert response.status_code == 200, response.content[:2000]
    return response


def exported_ids(client, query: str) -> list[int]:
    header, *rows = csv_rows(export(client, query, format="csv", columns="all"))
    assert header[0] == "ID"
    return [int(row[0]) for row in rows]


def vip_query() -> str:
    return f"tag={tag_get_or_create(name='VIP').pk}"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=acme",
        "status=active",
        "TAG",
        "mine=on",
        "sort=name",
        "sort=-email",
        "sort=created",
        "q=zed&sort=-name",
        "q=acme&status=lead&sort=company",
        "TAG&mine=on&sort=-created",
        f"created_from={(timezone.localdate() - datetime.timedelta(days=5)).isoformat()}",
    ],
)
def test_the_export_holds_the_grids_customers_in_the_grids_order(user_client, many, query):
    query = query.replace("TAG", vip_query())
    on_screen = grid_ids(user_client, query)

    assert exported_ids(user_client, query) == on_screen
    assert on_screen  # every case finds some


def test_every_matching_customer_is_exported_not_only_the_page(user_client, many):
    header, *rows = csv_rows(export(user_client, "", format="csv"))

    assert len(rows) == 31  # the grid shows 25 a page
    # and the page the grid was on does not narrow it
    header, *rows = csv_rows(export(user_client, "page=2", format="csv"))
    assert len(rows) == 31


def test_the_columns_are_the_grids_or_every_field(every_column, ann, user):
    user_client = every_column
    customer_tag_add(customer=ann, tag=tag_get_or_create(name="VIP"))
    customer_tag_add(customer=ann, tag=tag_get_or_create(name="Beta"))
    Customer.objects.filter(pk=ann.pk).update(owner=user)
    interaction_create(customer=ann, recorded_by=user, kind="support", subject="Broken")
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    task_create(customer=ann, title="Call back", due_date=next_week, created_by=user)

    seen_header, seen = csv_rows(export(user_client, "", format="csv"))
    all_header, every = csv_rows(export(user_client, "", format="csv", columns="all"))

    assert seen_header == EVERY_COLUMN
    assert seen == [
        "Ann Lee",
        "ann@example.com",
        "'+442079460958",  # a leading + is a formula to a spreadsheet: as_text
        "Acme",
        "clerk",
        "Beta, VIP",
        "Lead",
        "1",
        timezone.localdate().isoformat(),
        next_week.isoformat(),
        timezone.localdate().isoformat(),
    ]
    assert all_header[:10] == [
        *("ID", "Name", "Email", "Phone", "Company", "Status", "Owner", "Owner username"),
        *("Owner email", "Tags"),
    ]
    assert "Updated" in all_header
    record = dict(zip(all_header, every, strict=True))
    assert record["ID"] == str(ann.pk)
    assert record["Phone"] == "'+442079460958"
    assert record["Owner email"] == "clerk@example.com"
    assert record["Next step"] == next_week.isoformat()
    assert record["Tags"] == "Beta, VIP"


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://x")', "+1+2", "-3+4", "@SUM(A1)"])
def test_a_cell_that_would_be_a_formula_is_written_as_text(user_client, make_customer, typed):
    make_customer(name=typed, company=typed)

    header, row = csv_rows(export(user_client, "", format="csv"))
    sheet = xlsx_sheets(export(user_client, "", format="xlsx"))["Customers"]

    assert row[0] == row[3] == "'" + typed
    assert sheet[1][0] == sheet[1][3] == "'" + typed


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_utf8(user_client, make_customer):
    make_customer(name="Zoë 客户", company="Société Générale")

    response = export(user_client, "", format="csv")
    body = b"".join(response.streaming_content)

    assert body.startswith(b"\xef\xbb\xbf")
    assert "Zoë 客户" in body.decode("utf-8-sig")
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_file_is_named_for_what_and_when(user_client, ann, file_format, settings):
    settings.TIME_ZONE = "Pacific/Kiritimati"  # a day ahead of UTC for half of it
    today = timezone.localdate()

    response = export(user_client, "", format=file_format)

    assert response["Content-Disposition"] == (
        f'attachment; filename="customers-{today:%Y-%m-%d}.{file_format}"'
    )


def test_the_xlsx_has_the_same_rows_as_the_csv(user_client, many):
    query = f"{vip_query()}&sort=name"
    header, *rows = csv_rows(export(user_client, query, format="csv"))
    sheet = xlsx_sheets(export(user_client, query, format="xlsx"))["Customers"]

    assert sheet[0] == header
    as_text = [
        [
            ""
            if v is None
            else (v.date().isoformat() if isinstance(v, datetime.datetime) else str(v))
            for v in row
        ]
        for row in sheet[1:]
    ]
    assert as_text == rows


def test_invalid_filters_are_shown_not_exported(user_client, ann):
    response = user_client.get("/customers/export/?created_from=yesterday&format=csv")

    assert response.status_code == 422
    assert "Created from: Enter a valid date." in response.content.decode()
    assert not ExportLog.objects.exists()


def test_an_unknown_format_is_refused_with_the_form(user_client, ann):
    response = user_client.get("/customers/export/?q=ann&format=pdf")

    assert response.status_code == 422
    body = response.content.decode()
    assert "Choose CSV or XLSX." in body
    assert '<input type="hidden" name="q" value="ann">' in body


def test_without_a_format_the_page_offers_the_choice_and_keeps_the_filters(user_client):
    response = user_client.get("/customers/export/?q=acme&sort=name&page=3")

    body = response.content.decode()
    assert response.status_code == 200
    assert '<input type="hidden" name="q" value="acme">' in body
    assert '<input type="hidden" name="sort" value="name">' in body
    assert 'name="page"' not in body
    assert "All fields, tags and owner included" in body


# --- The grid's links -------------------------------------------------------------


def test_the_grid_links_to_its_export_with_its_search_filters_and_sort(user_client, ann):
    response = user_client.get("/customers/?q=ann&status=lead&sort=-name&page=1")

    body = response.content.decode()
    assert (
        '<a href="/customers/export/?q=ann&amp;status=lead&amp;sort=-name&amp;format=csv"'
        " download>Export CSV</a>"
    ) in body
    assert "format=xlsx" in body


def test_the_links_come_with_the_results_htmx_swaps_in(user_client, ann):
    response = user_client.get("/customers/?q=ann", headers=HX)

    body = response.content.decode()
    assert "<html" not in body
    assert '/customers/export/?q=ann&amp;format=csv" download>Export CSV</a>' in body


# --- Who may --------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get("/customers/export/?format=csv")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_a_role_that_may_not_view_customers_is_refused(client, make_user):
    client.force_login(make_user("dealer", perms=("view_deal",)))

    response = client.get("/customers/export/?format=csv")

    assert response.status_code == 403
    assert not ExportLog.objects.exists()


def test_a_support_agent_may_export_what_they_may_view(client, support_agent, ann):
    client.force_login(support_agent)

    header, row = csv_rows(client.get("/customers/export/?format=csv"))

    assert row[0] == "Ann Lee"


# --- The log --------------------------------------------------------------------


def test_each_export_is_logged_with_who_what_and_how_many(user_client, user, many):
    header, *rows = csv_rows(export(user_client, "q=acme&sort=name&page=2", format="csv"))

    log = ExportLog.objects.get()
    assert (log.user, log.kind, log.format, log.columns) == (user, "customers", "csv", "seen")
    assert log.query == "q=acme&sort=name"
    assert log.row_count == len(rows) == 11
    assert log.finished_at is not None


# Outside a test transaction, as in production: the server's close at the request's end
# then keeps the (healthy, persistent) database connection, as it would for a browser.
@pytest.mark.django_db(transaction=True)
def test_a_download_broken_off_is_logged_without_a_count(user_client, many):
    response = export(user_client, "", format="csv")
    next(iter(response.streaming_content))  # the first piece, then the browser goes away
    response.close()

    log = ExportLog.objects.get()
    assert log.row_count is None
    assert not log.finished


def test_admins_see_the_export_log(client, admin_user, manager, user, many):
    client.force_login(manager)
    csv_rows(client.get("/customers/export/?format=csv&q=acme"))
    assert client.get("/customers/exports/").status_code == 403

    client.force_login(admin_user)
    response = client.get("/customers/exports/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<code>q=acme</code>" in body
    assert "mia" in body
    assert "Export log</a>" in client.get("/customers/").content.decode()


def test_the_export_log_is_in_the_django_admin_read_only(admin_client, user_client, many):
    csv_rows(export(user_client, "", format="csv"))

    response = admin_client.get("/admin/customers/exportlog/")

    assert response.status_code == 200
    assert "clerk" in response.content.decode()
    log = ExportLog.objects.get()
    assert admin_client.get(f"/admin/customers/exportlog/{log.pk}/change/").status_code == 200
    assert admin_client.post(f"/admin/customers/exportlog/{log.pk}/delete/").status_code == 403


# --- Cost -----------------------------------------------------------------------


def add_customers(count: int, *, user, tag) -> None:
    from customers.core.search import search_document

    start = Customer.objects.count()
    made = Customer.objects.bulk_create(
        Customer(
            name=f"Customer {n}",
            email=f"c{n}@example.com",
            owner=user,
            search_text=search_document(
                name=f"Customer {n}", email=f"c{n}@example.com", phone="", company=""
            ),
        )
        for n in range(start, count)
    )
    Customer.tags.through.objects.bulk_create(
        Customer.tags.through(customer_id=c.pk, tag_id=tag.pk) for c in made
    )
    for customer in made[:5]:
        interaction_create(customer=customer, recorded_by=user, kind="support", subject="Help")


# session, user, permissions, the tag filter's choice, the ids the filters leave (up
# to the count's cap, read as the grid reads them), the log's insert, the rows (with the
# grid's per-row subqueries, read in chunks), the log's update.
# PostgreSQL reads the rows through a server-side cursor, in a transaction of its own
# (a savepoint and its release, in a test's transaction).
MOST_QUERIES = 8 + (2 if connection.vendor == "postgresql" else 0)


@pytest.mark.parametrize("rows", [10, 200])
@pytest.mark.parametrize("columns", ["seen", "all"])
def test_the_queries_do_not_grow_with_the_rows(
    user_client, user, rows, columns, django_assert_max_num_queries
):
    vip = tag_get_or_create(name="VIP")
    add_customers(rows, user=user, tag=vip)

    with django_assert_max_num_queries(MOST_QUERIES):
        header, *exported = csv_rows(
            user_client.get(f"/customers/export/?format=csv&columns={columns}&tag={vip.pk}")
        )

    assert len(exported) == rows


def test_a_head_request_exports_nothing(user_client, ann):
    response = user_client.head("/customers/export/?format=csv")

    assert response.status_code == 405
    assert not ExportLog.objects.exists()


def test_too_many_rows_for_an_xlsx_are_refused_with_the_way_out(user_client, many, settings):
    settings.EXPORT_XLSX_MAX_ROWS = 30

    refused = user_client.get("/customers/export/?format=xlsx&sort=name")
    narrowed = user_client.get("/customers/export/?format=xlsx&q=acme")

    assert refused.status_code == 422
    body = refused.content.decode()
    assert "More than 30 rows: choose CSV, which has no limit, or narrow the list first." in body
    assert '<input type="hidden" name="sort" value="name">' in body
    assert narrowed.status_code == 200
    assert ExportLog.objects.get().query == "q=acme"


def test_the_grids_columns_are_those_the_user_shows(user_client, make_user, ann):
    """An export "as the list shows" follows the columns chosen under "Columns": the
    file holds what the screen does, and another user's choice is theirs."""
    default_header, _ = csv_rows(export(user_client, "", format="csv"))
    assert default_header == DEFAULT_COLUMNS

    chosen = user_client.post("/customers/columns/", {"columns": ["created", "email"]})
    assert chosen.status_code == 302
    header, row = csv_rows(export(user_client, "", format="csv"))
    every_field, _ = csv_rows(export(user_client, "", format="csv", columns="all"))

    assert header == ["Name", "Email", "Created"]
    assert row == ["Ann Lee", "ann@example.com", timezone.localdate().isoformat()]
    assert "Phone" in every_field and "Updated" in every_field  # "All fields" is all of them
    other = Client()
    other.force_login(make_user("other", perms=CRM_PERMISSIONS))
    assert csv_rows(export(other, "", format="csv"))[0] == DEFAULT_COLUMNS
