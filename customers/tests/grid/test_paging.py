"""The grid at any size: counts capped, pages that look ahead instead of counting, a
deepest page, and both roads to a search's rows giving the same rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from customers.core import search_index, selectors
from customers.grid import filters
from customers.models import Customer, Tag
from ui import paginators

pytestmark = pytest.mark.django_db

GRID = "/customers/"


@pytest.fixture
def sixty():
    """60 customers: 40 at Acme, 20 at Globex; one in four named Zoë."""
    Customer.objects.bulk_create(
        Customer(
            name=f"{'Zoë' if n % 4 == 0 else 'Ann'} Customer {n:02}",
            email=f"c{n:02}@example.com",
            company="Acme" if n < 40 else "Globex",
            status="lead" if n % 2 else "active",
        )
        for n in range(60)
    )


@pytest.fixture
def cap_of_twenty(settings):
    settings.LIST_COUNT_CAP = 20


def count_line(response) -> str:
    return re.search(r'<p class="count"[^>]*>([^<]*)</p>', response.content.decode()).group(1)


def row_names(response) -> list[str]:
    return re.findall(
        r'<tr id="customer-\d+"[^>]*>.*?<a href="/customers/\d+/">([^<]*)</a>',
        response.content.decode(),
        re.S,
    )


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", "20+ customers"),
        ("?q=acme", "20+ customers"),
        ("?q=zoe", "15 customers"),
        ("?q=acme&status=lead", "20 customers"),
        ("?q=globex&status=lead", "10 customers"),
        ("?status=active", "20+ customers"),
    ],
)
def test_counts_stop_at_the_cap(user_client, sixty, cap_of_twenty, query, shown):
    assert count_line(user_client.get(GRID + query)) == shown


def test_counts_up_to_the_cap_are_exact(user_client, sixty):
    assert count_line(user_client.get(GRID)) == "60 customers"


def test_deep_pages_past_the_count_have_their_rows(user_client, sixty, cap_of_twenty):
    third = user_client.get(GRID, {"sort": "name", "page": 3})

    names = row_names(third)
    assert len(names) == 10
    assert names == sorted(names)
    body = third.content.decode()
    assert 'rel="prev"' in body
    assert 'rel="next"' not in body  # nothing after row 60


def test_a_page_past_the_count_links_on_to_the_next(user_client, sixty, cap_of_twenty):
    body = user_client.get(GRID, {"sort": "-name", "page": 1}).content.decode()

    assert 'href="?sort=-name&amp;page=2" rel="next"' in body


def test_pages_stop_at_the_deepest_with_a_message(user_client, sixty, monkeypatch):
    monkeypatch.setattr(paginators, "MAX_PAGE", 2)

    response = user_client.get(GRID, {"page": 3}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "Pages stop at 2." in response.content.decode()
    assert len(row_names(response)) == 25  # the deepest page, not an error


@pytest.mark.parametrize(
    "sort", ["name", "-name", "email", "phone", "company", "-status", "created", "-created"]
)
@pytest.mark.parametrize("query", ["acme", "ann customer", "zo", "c1", "globex 5"])
def test_reading_in_sort_order_finds_what_the_index_finds(
    user_client, sixty, monkeypatch, query, sort
):
    """Above INDEX_ROAD_MAX matches the grid reads rows in the sort order and keeps the
    matching ones; it must show exactly what the index road shows, page for page."""
    pages = {}
    # The index road; reading in order; reading in order on page 1 only.
    for road_max, in_order_pages in ((10_000, 20), (0, 20), (0, 1)):
        monkeypatch.setattr(selectors, "INDEX_ROAD_MAX", road_max)
        monkeypatch.setattr(filters, "READ_IN_ORDER_PAGES", in_order_pages)
        pages[road_max, in_order_pages] = [
            (count_line(r), row_names(r))
            for r in (
                # Where there is no page 2, it goes on to page 1.
                user_client.get(GRID, {"q": query, "sort": sort, "page": p}, follow=True)
                for p in (1, 2)
            )
        ]

    assert pages[0, 20] == pages[10_000, 20] == pages[0, 1]
    assert pages[0, 20][0][1]  # something was found


@pytest.fixture
def every_third_tagged(sixty):
    vip = Tag.objects.create(name="VIP")
    for customer in Customer.objects.all()[::3]:
        customer.tags.add(vip)
    return vip


def narrowings(tag: Tag) -> list[dict]:
    today = timezone.localdate().isoformat()
    return [
        {"status": "lead"},
        {"created_from": today, "created_to": today},
        {"status": "active", "tag": tag.pk},
        {"tag": tag.pk, "created_from": today},
    ]


# (INDEX_ROAD_MAX, LIST_COUNT_CAP): the index road; with many matches, the walk in the
# sort order (more match everything than the cap); the ids of the few that match
# everything (no more than the cap).
ROADS = {"index": (10_000, 1_000), "walk": (0, 3), "few ids": (0, 1_000)}


@pytest.mark.parametrize("sort", ["name", "-phone", "company", "-created"])
@pytest.mark.parametrize("narrowing", range(4))
@pytest.mark.parametrize("words", ["customer", ""])
def test_filters_show_the_same_rows_by_every_road(
    user_client, every_third_tagged, monkeypatch, settings, sort, narrowing, words
):
    """A search (or none) and filters: the same rows, page for page, whether the page
    is found through the index, by walking the sort order, or by the ids counted."""
    narrowed = narrowings(every_third_tagged)[narrowing]
    pages = {}
    for road, (road_max, cap) in ROADS.items():
        monkeypatch.setattr(selectors, "INDEX_ROAD_MAX", road_max)
        settings.LIST_COUNT_CAP = cap
        query = {"q": words, "sort": sort, **narrowed}
        pages[road] = [
            row_names(user_client.get(GRID, {**query, "page": p}, follow=True)) for p in (1, 2)
        ]

    assert pages["walk"] == pages["index"] == pages["few ids"]
    assert pages["index"][0]  # something was found


@pytest.mark.skipif(
    not search_index.indexed(), reason="PostgreSQL's planner chooses its road itself"
)
def test_the_road_follows_how_many_customers_every_filter_leaves(
    user_client, sixty, monkeypatch, settings
):
    """Many hold the words, so a bare search walks the sort order. With a filter, the
    count the page shows decides: no more than the cap, and the page is the ids read
    for it."""
    monkeypatch.setattr(selectors, "INDEX_ROAD_MAX", 10)

    def chosen(**query):
        found = user_client.get(GRID, {"q": "customer", **query}).context["filter"]
        return found.walking, found.known_count

    settings.LIST_COUNT_CAP = 100
    assert chosen() == (True, None)  # the count comes from the search index
    assert chosen(status="lead") == (False, 30)
    settings.LIST_COUNT_CAP = 20
    assert chosen(status="lead") == (True, 21)
    monkeypatch.setattr(filters, "READ_IN_ORDER_PAGES", 1)
    assert chosen(status="lead", page=2) == (False, 21)  # deeper: the index's matches


def test_filters_that_leave_few_customers_are_read_once(user_client, sixty, settings):
    """No search: the filters' customers are counted as ids, and those ids are the page;
    nothing counts them again."""
    settings.LIST_COUNT_CAP = 100
    with CaptureQueriesContext(connection) as queries:
        response = user_client.get(GRID, {"status": "lead", "sort": "name"})

    assert response.context["filter"].known_count == 30
    assert count_line(response) == "30 customers"
    assert row_names(response)[:2] == ["Ann Customer 01", "Ann Customer 03"]
    assert not [query for query in queries if query["sql"].startswith("SELECT COUNT(*)")]


@pytest.mark.skipif(search_index.indexed(), reason="SQLite's search index counts its matches")
def test_a_search_that_finds_few_reads_the_search_text_once(user_client, sixty):
    """PostgreSQL: the ids the count reads are the page, so the trigram index is asked
    once, not once to count and again for the page."""
    with CaptureQueriesContext(connection) as queries:
        response = user_client.get(GRID, {"q": "globex", "sort": "name"})

    assert count_line(response) == "20 customers"
    assert row_names(response)[0] == "Ann Customer 41"
    assert len([query for query in queries if "LIKE" in query["sql"]]) == 1


@pytest.mark.skipif(not search_index.indexed(), reason="PostgreSQL's trigram index cannot count")
def test_a_search_that_finds_few_asks_the_search_index_once(user_client, sixty):
    """SQLite: the count reads the matches' ids as well, and the page is those ids,
    sorted; the words are not looked up again."""
    with CaptureQueriesContext(connection) as queries:
        response = user_client.get(GRID, {"q": "zoe", "sort": "-name"})

    assert count_line(response) == "15 customers"
    assert row_names(response)[:2] == ["Zoë Customer 56", "Zoë Customer 52"]
    assert len([query for query in queries if " MATCH " in query["sql"]]) == 1
