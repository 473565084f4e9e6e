"""Every list keeps its URL to what was asked, on a page that exists: the grid, the deal
list and the trash, all through ui/canonical_urls.py."""

import re
from decimal import Decimal

import pytest

from customers.core.services import customer_delete
from customers.deals.services import deal_create
from customers.models import Customer, Stage
from ui.testing import HX

pytestmark = pytest.mark.django_db


@pytest.fixture
def thirty():
    """30 customers at Acme: two pages of 25."""
    Customer.objects.bulk_create(
        Customer(name=f"Ann {n:02}", email=f"a{n:02}@example.com", company="Acme")
        for n in range(30)
    )


@pytest.fixture
def thirty_deals(make_customer):
    customer = make_customer(name="Dealer")
    new = Stage.objects.get(name="New")
    for n in range(30):
        deal_create(customer=customer, title=f"Deal {n:02}", amount=Decimal(10), stage=new)


@pytest.fixture
def thirty_in_the_trash(make_customer, user):
    for n in range(30):
        customer_delete(customer=make_customer(name=f"Gone {n:02}"), by=user)


def rows_in(body: str, row_mark: str) -> int:
    return len(re.findall(rf'{row_mark}\d+"', body))


LISTS = [
    ("/customers/", "thirty", 'id="customer-'),
    ("/deals/list/", "thirty_deals", 'id="deal-'),
    ("/trash/", "thirty_in_the_trash", 'id="trash-'),
]


@pytest.mark.parametrize(("url", "rows", "row_mark"), LISTS)
def test_a_page_past_the_last_is_sent_to_the_last(user_client, request, url, rows, row_mark):
    request.getfixturevalue(rows)

    response = user_client.get(url, {"page": 999, "sort": "-created"})

    assert response.status_code == 302
    assert response["Location"] == f"{url}?page=2&sort=-created"
    last = user_client.get(response["Location"]).content.decode()
    assert rows_in(last, row_mark) == 5


@pytest.mark.parametrize(("url", "rows", "row_mark"), LISTS)
def test_htmx_gets_the_last_page_in_place_and_the_url_to_show(
    user_client, request, url, rows, row_mark
):
    request.getfixturevalue(rows)

    # A link followed to a page that no longer exists: a new history entry, as a link makes.
    followed = user_client.get(
        url, {"page": 999}, headers={**HX, "HX-Current-URL": f"http://testserver{url}"}
    )
    # The region refreshing the page the address bar shows: that entry corrected.
    refreshed = user_client.get(
        url, {"page": 999}, headers={**HX, "HX-Current-URL": f"http://testserver{url}?page=999"}
    )

    for response in (followed, refreshed):
        body = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in body
        assert rows_in(body, row_mark) == 5
        # The region's own refresh asks for the page it shows now.
        assert f'hx-get="{url}?page=2"' in body
    assert followed["HX-Push-Url"] == f"{url}?page=2"
    assert "HX-Replace-Url" not in followed
    assert refreshed["HX-Replace-Url"] == f"{url}?page=2"


def test_past_the_end_of_an_empty_list_is_its_first_page(user_client):
    response = user_client.get("/customers/", {"page": 3, "q": "nobody"})

    assert response["Location"] == "/customers/?q=nobody"


def test_past_a_capped_count_counts_only_what_it_skipped(user_client, thirty, settings):
    """Above the cap the paginator does not know its last page: the empty page asked for
    finds it by counting the rows before it."""
    settings.LIST_COUNT_CAP = 10

    response = user_client.get("/customers/", {"page": 9})

    assert response["Location"] == "/customers/?page=2"


def test_pages_that_exist_and_odd_page_values_are_left_alone(user_client, thirty):
    assert user_client.get("/customers/", {"page": 2}).status_code == 200
    assert user_client.get("/customers/", {"page": "abc"}).status_code == 200
    assert user_client.get("/customers/", {"page": 1}).status_code == 200


@pytest.mark.parametrize("url", ["/customers/", "/deals/", "/deals/list/", "/trash/"])
def test_a_search_sent_without_javascript_keeps_only_what_was_set(user_client, url):
    response = user_client.get(url + "?q=jose&status=&tag=&created_from=&created_to=&tag=&mine=")

    assert response.status_code == 302
    assert response["Location"] == f"{url}?q=jose"


def test_nothing_set_is_the_bare_list(user_client):
    response = user_client.get("/customers/?q=&status=")

    assert response["Location"] == "/customers/"


def test_a_parameter_with_one_value_set_keeps_all_its_values(user_client):
    """A multiple choice (several tags, say) sends each value; one empty among them is
    the form's, not a different question."""
    assert user_client.get("/customers/?tag=1&tag=2").status_code == 200
