"""Reads every area shares: customers outside the trash, how they are searched, tags by name."""

import datetime
from functools import cached_property

from django.conf import settings
from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
)

from customers.core import search_index
from customers.core.search import id_reference, search_terms
from customers.models import Customer, Interaction, Tag

# Up to this many matches, the grid looks the words up in the index and sorts what it
# finds; with more, reading the customers in the sort order's index and keeping those
# that match fills a page far sooner than sorting every match.
INDEX_ROAD_MAX = 5_000


def customer_list() -> QuerySet[Customer]:
    """Customers, without the search document nobody reads."""
    return Customer.objects.defer("search_text")


def open_support_requests() -> QuerySet[Interaction]:
    """The open support requests of the customer in the outer query."""
    return Interaction.objects.filter(
        customer=OuterRef("pk"),
        kind=Interaction.Kind.SUPPORT,
        support_status=Interaction.SupportStatus.OPEN,
    )


def with_open_support_requests(queryset: QuerySet[Customer]) -> QuerySet[Customer]:
    return queryset.filter(Exists(open_support_requests()))


# "No activity for 30 days or more": the reports count such customers, the grid lists them.
QUIET_DAYS = (30, 60, 90)


def quiet_since(days: int, now: datetime.datetime) -> Q:
    """Customers with no activity in the `days` before `now` (nor ever)."""
    recent = Interaction._base_manager.filter(
        customer=OuterRef("pk"), happened_at__gte=now - datetime.timedelta(days=days)
    )
    return ~Exists(recent)


def customer_search(*, queryset: QuerySet[Customer], query: str) -> QuerySet[Customer]:
    """Customers whose name, email, phone or company contain every word of `query`
    (a word of one or two letters: where a word starts), regardless of case and
    accents; and, for a query like `ID 123` or `#123`, customer 123 as well. Both in
    one query, within `queryset`, so what it hides stays hidden."""
    return queryset.filter(CustomerSearch(query).matches)


class CustomerSearch:
    """A search of the customers, and the ways to read its results.

    `matches` finds them through the search index. `in_sort_order` finds the same
    customers by reading each row's search text, for a query that reads customers in
    the sort order anyway and stops after a page: the better road when many match.
    `found` is how many customers outside the trash the words match, counted just past
    settings.LIST_COUNT_CAP and INDEX_ROAD_MAX, where the index can tell without
    reading a row (SQLite).
    """

    found_ids: str | None = None  # the ids `found` counted, as a JSON array

    def __init__(self, query: str):
        self.terms = search_terms(query)
        self.reference = id_reference(query)
        self.looked_up = bool(self.terms) and search_index.indexed()
        # PostgreSQL's trigram index serves these words too.
        self.in_sort_order = self._or_referenced(contains_every_word(self.terms))

    @cached_property
    def found(self) -> int | None:
        if not self.looked_up:
            return None
        most = max(settings.LIST_COUNT_CAP, INDEX_ROAD_MAX)
        found, self.found_ids = search_index.CUSTOMERS.ids_matching(self.terms, up_to=most + 1)
        return found

    @property
    def many(self) -> bool:
        return self.found is not None and self.found > INDEX_ROAD_MAX

    @property
    def matches(self) -> Q:
        """Once `found` is counted, and no more than INDEX_ROAD_MAX, by the ids it
        counted: looking the words up in the index again cost more than the count and
        the page together."""
        if not self.looked_up:
            return self.in_sort_order
        if self.found_ids is not None and not self.many:
            ids = search_index.ids_in(self.found_ids)
        else:
            ids = search_index.CUSTOMERS.matching_ids(self.terms)
        return self._or_referenced(Q(pk__in=ids))

    def _or_referenced(self, words: Q) -> Q:
        return words if self.reference is None else Q(pk=self.reference) | words


def contains_every_word(terms: list[set[str]], *, field: str = "search_text") -> Q:
    """`field` (a search text) holds every term, each in one of its forms."""
    matches_every_word = Q()
    for forms in terms:
        matches_any_form = Q()
        for form in forms:
            matches_any_form |= Q(**{f"{field}__contains": form})
        matches_every_word &= matches_any_form
    return matches_every_word


def tag_find(*, name: str) -> Tag | None:
    """The tag called `name`, whatever its case and spacing, if there is one."""
    name = " ".join(name.split())
    return Tag.objects.filter(name__iexact=name).first() if name else None
