"""Deals from their list, a customer's contacts and activity, and a whole record."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from customers.core.services import customer_delete
from customers.deals.services import deal_create
from customers.models import ExportLog, Stage
from customers.record.services import contact_create
from customers.tests.exports.reading import csv_rows, xlsx_sheets
from customers.tests.furnished import furnish
from customers.timeline.services import interaction_create

pytestmark = pytest.mark.django_db

DEAL_ROW = re.compile(r'<tr[^>]* id="deal-(\d+)"')


@pytest.fixture
def deals(make_customer, user):
    acme = make_customer(name="Acme Corp", email="buyer@acme.example")
    globex = make_customer(name="Globex")
    made = []
    for n in range(30):
        made.append(
            deal_create(
                customer=acme if n % 2 else globex,
                title=f"{'Fit-out' if n % 3 else 'Survey'} {n:02}",
                amount=Decimal(100 * n + 1),
                stage=Stage.objects.get(name="New" if n % 4 else "Won"),
                owner=user if n % 5 == 0 else None,
            )
        )
    return made


def deal_list_titles(client, query: str) -> list[str]:
    titles, page = [], 1
    while True:
        body = client.get(f"/deals/list/?{query}&page={page}").content.decode()
        shown = DEAL_ROW.findall(body)
        titles += shown
        if len(shown) < 25:
            return titles
        page += 1


@pytest.mark.parametrize(
    "query", ["", "q=survey", "STAGE", "mine=on", "sort=title", "sort=-amount", "q=acme&sort=title"]
)
def test_the_deal_export_holds_the_lists_deals_in_its_order(user_client, deals, query):
    query = query.replace("STAGE", f"stage={Stage.objects.get(name='Won').pk}")
    from customers.models import Deal

    on_screen = [Deal.objects.get(pk=pk).title for pk in deal_list_titles(user_client, query)]

    header, *rows = csv_rows(user_client.get(f"/deals/export/?{query}&format=csv"))

    assert header[:4] == ["Title", "Customer", "Customer email", "Stage"]
    assert [row[0] for row in rows] == on_screen
    assert on_screen


def test_a_deal_row_has_its_amount_as_a_number_and_names_not_ids(user_client, deals):
    header, *rows = csv_rows(user_client.get("/deals/export/?q=survey&sort=title&format=csv"))
    first = dict(zip(header, rows[0], strict=True))

    assert first["Title"] == "Survey 00"
    assert first["Customer"] == "Globex"
    assert first["Stage"] == "Won"
    assert first["Amount"] == "1.00"
    assert first["Owner"] == "clerk"

    sheet = xlsx_sheets(user_client.get("/deals/export/?q=survey&sort=title&format=xlsx"))
    assert sheet["Deals"][1][4] == 1  # a number a spreadsheet can add up


def test_the_deal_list_links_to_its_export(user_client, deals):
    body = user_client.get("/deals/list/?q=survey&sort=title").content.decode()

    assert (
        'href="/deals/export/?q=survey&amp;sort=title&amp;format=csv" download>Export CSV</a>'
        in body
    )


def test_deal_export_needs_the_right_to_view_deals(client, make_user, deals):
    client.force_login(make_user("viewer", perms=("view_customer",)))

    assert client.get("/deals/export/?format=csv").status_code == 403


def test_invalid_deal_filters_are_shown_not_exported(user_client, deals):
    response = user_client.get("/deals/export/?stage=999999&format=csv")

    assert response.status_code == 422
    assert "Stage:" in response.content.decode()


# --- A customer's contacts and activity --------------------------------------------


@pytest.fixture
def furnished(ann, user):
    return furnish(ann, user=user, contacts=3, interactions=4, deals=2)


def test_a_customers_contacts_as_its_record_lists_them(user_client, furnished, make_customer):
    other = make_customer(name="Other")
    contact_create(customer=other, name="Not Ann's")

    response = user_client.get(f"/customers/{furnished.pk}/export/contacts/?format=csv")
    header, *rows = csv_rows(response)

    assert header[:4] == ["Customer", "Customer email", "Name", "Role"]
    assert [row[2] for row in rows] == [
        "Contact 1 of Ann Lee",  # the primary one first
        "Contact 2 of Ann Lee",
        "Contact 3 of Ann Lee",
    ]
    assert rows[0][6] == "Yes"
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert response["Content-Disposition"] == (
        f'attachment; filename="customer-{furnished.pk}-contacts-{today}.csv"'
    )


def test_every_contact_outside_the_trash(user_client, furnished, make_customer):
    gone = make_customer(name="Gone")
    contact_create(customer=gone, name="In the trash")
    customer_delete(customer=gone, by=None)

    header, *rows = csv_rows(user_client.get("/contacts/export/?format=csv"))

    assert sorted(row[2] for row in rows) == [f"Contact {n} of Ann Lee" for n in (1, 2, 3)]


def test_a_customers_activity_newest_first(user_client, furnished, user):
    interaction_create(
        customer=furnished,
        recorded_by=user,
        kind="support",
        subject="=1+1",
        body="Line one\nline two",
        happened_at=timezone.now() + datetime.timedelta(minutes=1),
    )

    header, *rows = csv_rows(
        user_client.get(f"/customers/{furnished.pk}/export/activity/?format=csv")
    )

    assert header == [
        *("Customer", "Customer email", "When", "Kind", "Subject", "Details", "With"),
        *("Status", "Recorded by"),
    ]
    assert [row[4] for row in rows] == ["'=1+1", *(f"Call {n} with Ann Lee" for n in (1, 2, 3, 4))]
    assert rows[0][3:6] == ["Support request", "'=1+1", "Line one\nline two"]
    assert rows[0][7:] == ["Open", "clerk"]


def test_all_activity(user_client, furnished):
    header, *rows = csv_rows(user_client.get("/activity/export/?format=csv"))

    assert len(rows) == 4


def test_the_record_page_links_to_its_exports(user_client, furnished):
    body = user_client.get(f"/customers/{furnished.pk}/").content.decode()

    assert (
        f'href="/customers/{furnished.pk}/export/?format=xlsx" download>Export record</a>' in body
    )
    assert (
        f'href="/customers/{furnished.pk}/export/contacts/?format=csv" download>Export contacts</a>'
    ) in body
    assert (
        f'href="/customers/{furnished.pk}/export/activity/?format=csv" download>Export activity</a>'
    ) in body


def test_exports_of_a_customer_in_the_trash_are_not_found(user_client, furnished):
    customer_delete(customer=furnished, by=None)

    for path in ("export", "export/contacts", "export/activity"):
        assert user_client.get(f"/customers/{furnished.pk}/{path}/?format=csv").status_code == 404


def test_contacts_need_the_right_to_view_contacts(client, make_user, furnished):
    client.force_login(make_user("viewer", perms=("view_customer",)))

    assert client.get(f"/customers/{furnished.pk}/export/contacts/?format=csv").status_code == 403
    assert client.get(f"/customers/{furnished.pk}/export/activity/?format=csv").status_code == 403


# --- A whole record -------------------------------------------------------------


def test_a_whole_record_is_a_workbook_with_a_sheet_per_section(user_client, furnished):
    response = user_client.get(f"/customers/{furnished.pk}/export/?format=xlsx")
    sheets = xlsx_sheets(response)

    assert list(sheets) == ["Customer", "Contacts", "Activity", "Deals"]
    customer = dict(zip(sheets["Customer"][0], sheets["Customer"][1], strict=True))
    assert customer["Name"] == "Ann Lee"
    assert customer["Tags"] == "Partner, VIP"
    assert len(sheets["Contacts"]) == 1 + 3
    assert len(sheets["Activity"]) == 1 + 4
    assert [row[0] for row in sheets["Deals"][1:]] == ["Deal 2 of Ann Lee", "Deal 1 of Ann Lee"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="customer-{furnished.pk}-{timezone.localdate():%Y-%m-%d}.xlsx"'
    )
    log = ExportLog.objects.get()
    assert (log.kind, log.query, log.row_count) == (
        "record",
        f"customer={furnished.pk}",
        1 + 3 + 4 + 2,
    )


def test_a_record_holds_only_the_sections_the_role_may_see(client, make_user, furnished):
    client.force_login(make_user("viewer", perms=("view_customer", "view_deal")))

    sheets = xlsx_sheets(client.get(f"/customers/{furnished.pk}/export/?format=xlsx"))

    assert list(sheets) == ["Customer", "Deals"]


def test_a_record_is_an_xlsx_only(user_client, furnished):
    response = user_client.get(f"/customers/{furnished.pk}/export/?format=csv")

    assert response.status_code == 422
    assert "Choose XLSX: a record&#x27;s sections are a sheet each." in response.content.decode()
    assert not ExportLog.objects.exists()


def test_the_queries_of_a_record_do_not_grow_with_its_rows(
    user_client, ann, user, django_assert_max_num_queries
):
    furnish(ann, user=user, contacts=2, interactions=2, deals=1)
    # session, user, permissions, the customer, the log's insert and update, its
    # row (tags, last activity, open requests in it), contacts, activity, deals
    # (and on PostgreSQL a savepoint and its release around each of the four reads)
    with django_assert_max_num_queries(10 + 8 * (connection.vendor == "postgresql")) as small:
        user_client.get(f"/customers/{ann.pk}/export/?format=xlsx")
    furnish(ann, user=user, contacts=40, interactions=60, deals=30)
    with django_assert_max_num_queries(len(small)):
        xlsx_sheets(user_client.get(f"/customers/{ann.pk}/export/?format=xlsx"))
