"""Deal search through the search indexes finds exactly the deals the rule says, among
a few hundred made-up ones (customers/tests/deals/test_search_in_step.py: every write).

The rule, as `matching()` spells it out: every word of the query (each in the forms
`customers.core.search.search_terms` gives it) is in the deal's title or in its customer's
name, email, phone digits or company, as their stored search texts hold them; deals of
customers in the trash are never found.

PostgreSQL fetches the ids of a search's deals first, up to FOUND_IDS_MAX, and with more
reads the deals as before: the tests run with the cap as it is and with a cap of 3, so
that common words take the second road.
"""

import random
from decimal import Decimal

import pytest
from django.db import transaction

from customers.core.search import search_terms
from customers.deals import selectors as deal_selectors
from customers.deals.selectors import deal_list, deal_search
from customers.models import Customer, Deal, Stage
from customers.tests.generated import generated_customers

pytestmark = pytest.mark.django_db

TITLES = [
    "Café fit-out", "Roof repair", "Windows", "José's renovation", "Müller contract",
    "AND OR NOT", 'Quote "Unquote"', "100% uptime", "Under_score audit", "Ål harbour",
    "Marketing plan", "Mar campaign", "Renewal 2027", "Søren support", "Crème Brûlée order",
]  # fmt: skip
QUERIES = [
    "cafe", "CAFÉ", "roof", "jose", "JOSÉ", "muller", "müller", "mueller", "al", "ål", "jo",
    "mar", "ma", "m", "and or not", "or", '"', "%", "_", "100%", "quote", "zebrafish",
    "vandersloot", "jose roof", "acme cafe", "globex renewal", "2027", "202", "+44",
    "555-0143", "søren", "soren", "creme brulee", "nobody-by-this-name", "zq", "e",
]  # fmt: skip


@pytest.fixture(scope="module")
def deals(django_db_setup, django_db_blocker):
    """Deals of a few hundred made-up customers (some in the trash), saved with
    `bulk_create` as bulk loads do; rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        customers = Customer.all_objects.bulk_create(generated_customers(300))
        rng = random.Random(7)
        stages = list(Stage.objects.all())
        made = []
        for customer in customers:
            for _ in range(rng.choice([0, 1, 1, 2])):
                deal = Deal(
                    customer=customer,
                    title=rng.choice(TITLES),
                    amount=Decimal(rng.randrange(100, 10_000)),
                    stage=rng.choice(stages),
                )
                deal.derive()
                made.append(deal)
        Deal.objects.bulk_create(made)
        yield
        transaction.set_rollback(True)


def matching(query: str) -> set[int]:
    terms = search_terms(query)
    return {
        deal.pk
        for deal in Deal.objects.select_related("customer")
        if all(
            any(form in deal.search_text or form in deal.customer.search_text for form in forms)
            for forms in terms
        )
    }


def found(query: str) -> set[int]:
    return {deal.pk for deal in deal_search(queryset=deal_list(), query=query)}


@pytest.fixture(params=[deal_selectors.FOUND_IDS_MAX, 3], ids=["as-is", "cap-3"])
def ids_max(request, monkeypatch):
    monkeypatch.setattr(deal_selectors, "FOUND_IDS_MAX", request.param)
    return request.param


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_the_rule_says(deals, ids_max, query):
    assert found(query) == matching(query)


def test_the_queries_find_deals_and_miss_some(deals):
    """So that the comparison above says something: most queries find a few deals, not
    none and not all."""
    everyone = len(matching(""))
    sizes = [len(matching(query)) for query in QUERIES]
    assert sum(0 < size < everyone for size in sizes) >= len(QUERIES) * 2 // 3
    assert matching("nobody-by-this-name") == set()


def test_deals_of_customers_in_the_trash_are_not_found(deals):
    trashed = set(
        Deal._base_manager.filter(customer__deleted_at__isnull=False).values_list("pk", flat=True)
    )
    assert trashed
    assert not found("vandersloot") & trashed
    assert not found("e") & trashed
