"""The customer grid: counts, paging and sorting, and no error page for odd URLs."""

import re

import pytest

from customers.models import Customer

pytestmark = pytest.mark.django_db

ROW_NAME = re.compile(r'<td[^>]*data-label="Name"><a href="/customers/\d+/">(.*?)</a></td>')


def row_names(response) -> list[str]:
    return ROW_NAME.findall(response.content.decode())


@pytest.fixture
def thirty(make_customer):
    return [make_customer(name=f"Customer {n:02d}") for n in range(1, 31)]


def test_grid_lists_customers(user_client, make_customer):
    make_customer(
        name="Ann Lee",
        email="ann@example.com",
        phone="+442079460958",
        company="Acme",
        status=Customer.Status.ACTIVE,
    )

    page = user_client.get("/customers/").content.decode()

    assert "Ann Lee" in page
    assert "ann@example.com" in page
    assert "+44 20 7946 0958" in page
    assert "Acme" in page
    assert "Active" in page
    assert "1 customer<" in page


def test_empty_grid_says_so(user_client):
    page = user_client.get("/customers/").content.decode()

    assert "No customers found" in page
    assert "0 customers" in page


def test_grid_shows_25_customers_a_page_and_counts_them_all(user_client, thirty):
    first = user_client.get("/customers/")
    second = user_client.get("/customers/", {"page": 2})

    assert len(row_names(first)) == 25
    assert len(row_names(second)) == 5
    assert set(row_names(first)).isdisjoint(row_names(second))
    assert "30 customers" in first.content.decode()
    assert 'rel="next"' in first.content.decode()


def test_newest_customers_come_first(user_client, thirty):
    assert row_names(user_client.get("/customers/"))[:2] == ["Customer 30", "Customer 29"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("name", ["Alice", "Bob", "Charlie"]), ("-name", ["Charlie", "Bob", "Alice"])],
)
def test_sort_by_name(user_client, make_customer, sort, expected):
    for name in ("Bob", "Charlie", "Alice"):
        make_customer(name=name)

    assert row_names(user_client.get("/customers/", {"sort": sort})) == expected


def test_sorting_and_paging_together(user_client, thirty):
    names = row_names(user_client.get("/customers/", {"sort": "name", "page": 2}))

    assert names == [f"Customer {n}" for n in range(26, 31)]


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "9999"},
        {"page": "0"},
        {"page": "-1"},
        {"sort": "bogus"},
        {"sort": "search_text"},
        {"status": "bogus"},
        {"created_from": "garbage"},
        {"created_to": "2026-02-31"},
        {"created_from": "0001-01-01"},
        {"created_to": "9999-12-31"},
        {"q": "x" * 500},
        {"q": "\x00"},
        {"per_page": "-1"},
        {"per_page": "abc"},
    ],
    ids=lambda query: "&".join(f"{k}={v[:12]!r}" for k, v in query.items()),
)
def test_odd_query_strings_never_break_the_grid(user_client, thirty, query):
    response = user_client.get("/customers/", query, follow=True)  # page 9999: to the last

    assert response.status_code == 200
    assert "customer" in response.content.decode()


def test_page_past_the_end_goes_to_the_last_page(user_client, thirty):
    response = user_client.get("/customers/", {"page": 9999}, follow=True)

    assert response.redirect_chain == [("/customers/?page=2", 302)]
    assert row_names(response) == [f"Customer {n:02d}" for n in range(5, 0, -1)]


def test_page_size_cannot_be_raised_from_the_url(user_client, thirty):
    """25 a page, always: a URL asking for a million rows must not get them."""
    assert len(row_names(user_client.get("/customers/", {"per_page": 1000}))) == 25


def test_customer_count_uses_thousands_separators(user_client):
    Customer.objects.bulk_create(
        Customer(name=f"C{n}", email=f"c{n}@example.com") for n in range(1000)
    )

    assert "1,000 customers" in user_client.get("/customers/").content.decode()


def test_sort_links_keep_the_filters_leave_the_page_out_and_say_the_order(user_client, thirty):
    query = {"q": "customer", "status": "lead", "sort": "-name", "page": "2"}
    body = user_client.get("/customers/", query).content.decode()

    headers = re.findall(r"<th\b[^>]*>.*?</th>", body, re.S)
    name = next(th for th in headers if ">Name<" in th)
    email = next(th for th in headers if ">Email<" in th)
    assert 'aria-sort="descending"' in name
    assert 'href="?q=customer&amp;status=lead&amp;sort=name"' in name  # the other way now
    assert "aria-sort" not in email
    assert 'href="?q=customer&amp;status=lead&amp;sort=email"' in email
    assert sum("aria-sort" in th for th in headers) == 1
