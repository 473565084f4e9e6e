"""The grid on paper: the grid's customers for the same query string, titled with what
was searched, when and by whom, up to a limit past which the user is sent to export."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from customers.core.services import tag_get_or_create
from customers.models import Contact, Customer
from customers.printing import selectors
from customers.record.services import contact_create
from customers.tests.bulk import add_customers
from customers.tests.exports.reading import grid_ids

pytestmark = pytest.mark.django_db

URL = "/customers/print/"


def printed(client, query: str = "", status: int = 200) -> str:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == status, response.content[:1000]
    return response.content.decode()


def printed_ids(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tbody id="customer-(\d+)"', body)]


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
        "q=zed&sort=-name",
        "TAG&mine=on&sort=-created",
        "page=2",  # a printout is every page
    ],
)
def test_the_printout_holds_the_grids_customers_in_the_grids_order(user_client, many, query):
    query = query.replace("TAG", f"tag={tag_get_or_create(name='VIP').pk}")
    on_screen = grid_ids(user_client, query.replace("page=2", ""))

    body = printed(user_client, query)

    assert printed_ids(body) == on_screen
    assert f"{len(on_screen)} customer" in body


def test_the_title_says_what_was_searched_filtered_and_sorted_when_and_by_whom(
    user_client, many, user
):
    vip = tag_get_or_create(name="VIP")
    user.first_name, user.last_name = "Clara", "Clerk"
    user.save()

    body = printed(
        user_client,
        f"q=amy&status=lead&tag={vip.pk}&mine=on&created_from=2020-01-02&sort=-name",
    )

    assert (
        "Search “amy”; status Lead; tag VIP; created on or after Jan 2, 2020; "
        "owned by Clara Clerk; sorted by Name, descending." in body
    )
    assert f"Printed {timezone.localdate():%b} " in body
    assert "by Clara Clerk</p>" in body
    # Amy 10, 20 (not the user's: 0 is, but active... see the fixture): counted
    expected = grid_ids(
        user_client, f"q=amy&status=lead&tag={vip.pk}&mine=on&created_from=2020-01-02"
    )
    assert f"{len(expected)} customer" in body


def test_without_filters_it_says_all_customers_in_the_grids_default_order(user_client, many):
    body = printed(user_client)

    assert "All customers; sorted by Created, descending." in body
    assert "31 customers" in body


def test_user_text_is_escaped(user_client, make_customer):
    make_customer(name="<script>alert(1)</script>", company="<b>Evil</b>")

    body = printed(user_client, "q=%3Cscript%3E")

    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;b&gt;Evil&lt;/b&gt;" in body
    assert "Search “&lt;script&gt;”" in body


def test_past_the_limit_it_prints_no_rows_and_points_to_the_export(user_client, many, monkeypatch):
    monkeypatch.setattr(selectors, "PRINT_MAX_ROWS", 30)

    body = printed(user_client, "sort=name")

    assert printed_ids(body) == []
    assert "More than 30 customers match: too many to print." in body
    assert '<a href="/customers/export/?sort=name">Export them</a>' in body


def test_at_the_limit_every_row_is_printed(user_client, many, monkeypatch):
    monkeypatch.setattr(selectors, "PRINT_MAX_ROWS", 31)

    body = printed(user_client)

    assert len(printed_ids(body)) == 31
    assert "too many to print" not in body


def test_invalid_filters_are_told_not_printed(user_client, many):
    body = printed(user_client, "created_from=2026-05-01&created_to=2026-04-01", status=422)

    assert "The end date must not be before the start date." in body
    assert printed_ids(body) == []


def test_nothing_found_says_so(user_client, many):
    body = printed(user_client, "q=nobody-is-called-this")

    assert "No customers found." in body
    assert "0 customers" in body


def test_with_contacts_each_customer_has_its_contacts_under_it(user_client, make_customer):
    ann = make_customer(name="Ann Ltd")
    bob = make_customer(name="Bob Ltd")
    contact_create(customer=ann, name="Anna Primary", is_primary=True, title="CEO")
    contact_create(
        customer=ann, name="Aaron Second", email="aaron@example.com", phone="+442079460958"
    )

    without = printed(user_client, "sort=name")
    body = printed(user_client, "sort=name&contacts=1")

    assert "Anna Primary" not in without
    ann_part, bob_part = body.split(f'<tbody id="customer-{bob.pk}">')
    assert ann_part.index("Anna Primary (primary), CEO") < ann_part.index(
        "Aaron Second · aaron@example.com · +44 20 7946 0958"
    )
    assert "No contacts." in bob_part
    # the box stays ticked, and keeps the grid's query
    assert 'name="contacts" value="1" checked' in body
    assert '<input type="hidden" name="sort" value="name">' in body


def add_customers_with_a_contact_and_a_tag(count: int) -> None:
    """Top the table up to `count` customers, each with a contact and a tag, fast."""
    customers = add_customers(count)
    tags = [tag_get_or_create(name=f"Tag {n}") for n in range(3)]
    Contact.objects.bulk_create(Contact(customer=c, name=f"Contact of {c.name}") for c in customers)
    Customer.tags.through.objects.bulk_create(
        Customer.tags.through(customer=c, tag=tags[n % 3]) for n, c in enumerate(customers)
    )


@pytest.mark.parametrize("query", ["", "q=acme&status=lead&sort=name&contacts=1"])
def test_queries_do_not_grow_with_the_number_of_rows(
    user_client, django_assert_max_num_queries, query
):
    add_customers_with_a_contact_and_a_tag(3)
    with CaptureQueriesContext(connection) as few:
        assert len(printed_ids(printed(user_client, query))) == 3

    add_customers_with_a_contact_and_a_tag(300)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = printed(user_client, query)

    assert len(printed_ids(body)) == 300
    assert "300 customers" in body
    if "contacts=1" in query:
        assert "Contact of Customer 299" in body


def test_a_rep_prints_what_the_grid_shows_them(client, sales_rep, other_rep, make_customer):
    make_customer(name="Rita's", owner=sales_rep)
    make_customer(name="Otto's", owner=other_rep)
    make_customer(name="Nobody's")
    client.force_login(sales_rep)

    for query in ("", "mine=on"):
        assert printed_ids(printed(client, query)) == grid_ids(client, query)
    assert "Owned by rita; sorted by Created, descending." in printed(client, "mine=on")


def test_signed_out_goes_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_without_view_customer_it_is_refused(client, make_user):
    client.force_login(make_user("tagger", perms=("view_tag",)))

    assert client.get(URL).status_code == 403


def headers_printed(body: str) -> list[str]:
    return re.findall(r'<th scope="col">([^<]*)</th>', body)


def test_the_printout_has_the_columns_the_user_shows(user_client, make_customer):
    """Paper shows what the screen does: the columns chosen under "Columns", each row a
    cell for each, the contacts' row across them all."""
    ann = make_customer(name="Ann Ltd", email="ann@example.com", phone="+442079460958")
    contact_create(customer=ann, name="Anna Primary")

    assert headers_printed(printed(user_client)) == [
        *("Name", "Email", "Phone", "Company", "Owner", "Tags", "Status", "Next step"),
    ]

    user_client.post("/customers/columns/", {"columns": ["created", "email"]})
    body = printed(user_client, "contacts=1")

    assert headers_printed(body) == ["Name", "Email", "Created"]
    row = re.search(rf'<tbody id="customer-{ann.pk}"><tr>(.*?)</tr>', body).group(1)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", row) == [
        "Ann Ltd",
        "ann@example.com",
        timezone.localdate().strftime("%b %-d, %Y"),
    ]
    assert '<tr class="print-contacts"><td colspan="3">' in body
    assert "+44 20 7946 0958" not in body
