"""The board and the list cost the same handful of queries however many deals there are."""

import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from customers.core.search import fold, search_document
from customers.models import ClosingReason, Currency, Customer, Deal, Stage
from ui.testing import count_queries

pytestmark = pytest.mark.django_db

BOARD_MOST_QUERIES = 12  # session, user, 2 permissions, [owner check], stages, totals, cards,
# their owners, closing reasons, owners for the filter select; [on PostgreSQL, a search's
# ids of the customers and deal titles holding a word: 2]
LIST_MOST_QUERIES = 10  # session, user, 2 permissions, count, rows, stages, owners


def add_deals(count: int, owners) -> None:
    """Top the table up to `count` deals across stages, currencies, owners and customers,
    fast (bulk_create skips save(), so the search documents are written here)."""
    start = Deal.objects.count()
    customers = Customer.objects.bulk_create(
        Customer(
            name=f"Customer {n}",
            email=f"budget{n}@example.com",
            search_text=search_document(
                name=f"Customer {n}", email=f"budget{n}@example.com", phone="", company=""
            ),
        )
        for n in range(start, count)
    )
    stages = itertools.cycle(Stage.objects.all())
    currencies = itertools.cycle(Currency.values)
    owner = itertools.cycle([*owners, None])
    reason = ClosingReason.objects.first()
    deals = []
    for n, customer in zip(range(start, count), customers, strict=True):
        stage = next(stages)
        deals.append(
            Deal(
                customer=customer,
                title=f"Deal {n}",
                search_text=fold(f"Deal {n}"),
                amount=Decimal(n),
                currency=next(currencies),
                stage=stage,
                owner=next(owner),
                closing_reason=reason if stage.is_lost else None,
            )
        )
    Deal.objects.bulk_create(deals)


HEADERS = pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "htmx"])


@HEADERS
@pytest.mark.parametrize("url", ["/deals/", "/deals/?q=deal+customer&mine=on", "/deals/?owner=1"])
def test_board_queries_do_not_grow_with_the_number_of_deals(
    user_client, user, make_user, url, headers
):
    owners = [user, make_user("ann"), make_user("bob")]
    url = url.replace("owner=1", f"owner={owners[1].pk}")
    add_deals(5, owners)
    with_five, _ = count_queries(user_client, url, headers)

    add_deals(400, owners)
    with_many, body = count_queries(user_client, url, headers)

    assert with_five == with_many
    assert with_many <= BOARD_MOST_QUERIES
    assert body.count('<article id="deal-') > 5


def test_board_is_capped_at_25_cards_a_column(user_client, user):
    add_deals(400, [user])

    _, body = count_queries(user_client, "/deals/")

    assert body.count('<article id="deal-') == 6 * 25
    assert "and 42 more — see the list" in body  # 67 deals in each column


@HEADERS
@pytest.mark.parametrize(
    "url",
    [
        "/deals/list/",
        "/deals/list/?q=deal&stage=2&currency=USD&sort=-amount",
        "/deals/list/?page=3&sort=title",
    ],
)
def test_list_queries_do_not_grow_with_the_number_of_deals(user_client, user, url, headers):
    add_deals(5, [user])
    with_five, _ = count_queries(user_client, url.replace("page=3", "page=1"), headers)

    add_deals(400, [user])
    with_many, body = count_queries(user_client, url, headers)

    assert with_five == with_many
    assert with_many <= LIST_MOST_QUERIES
    assert body.count('<tr id="deal-') == (
        25 if "stage" not in url else min(25, Deal.objects.filter(stage=2, currency="USD").count())
    )


def test_a_move_costs_a_fixed_number_of_queries(user_client, user):
    add_deals(5, [user])
    deal = Deal.objects.filter(stage__name="New").first()

    def move(to):
        with CaptureQueriesContext(connection) as context:
            response = user_client.post(
                f"/deals/{deal.pk}/move/",
                {
                    "stage": Stage.objects.get(name=to).pk,
                    "version": Deal.objects.get(pk=deal.pk).version,
                    "next": "/deals/",
                },
                headers={"HX-Request": "true"},
            )
        assert response.status_code == 200
        return len(context.captured_queries)

    few = move("Qualified")
    add_deals(400, [user])

    # Each to another stage: a move to the stage the deal is in saves nothing.
    assert move("Proposal") == few
