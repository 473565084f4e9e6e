"""Reads for the customer grid: its rows and how it searches them."""

from functools import cache, cached_property

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, JSONArray

from customers import search_index
from customers.models import Customer, Interaction
from customers.search import id_reference, search_terms
from customers.selectors.aggregates import JSONList
from ui import paginators

# Up to this many matches, the grid looks the words up in the index and sorts what it
# finds; with more, reading the customers in the sort order's index and keeping those
# that match fills a page sooner (a word in 7% of a million customers: 0.6 ms that way
# against 140 ms to sort its 66,000 matches).
INDEX_ROAD_MAX = 5_000


# What the grid's rows show, and of the owner what names them (customers.owners); the
# other columns, the owner's password hash among them, were read for every row unused.
GRID_FIELDS = (
    *("name", "email", "phone", "company", "status", "created_at", "owner"),
    *("owner__first_name", "owner__last_name", "owner__username"),
)


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


def customer_grid() -> QuerySet[Customer]:
    """Customers as the grid shows them, in a fixed number of queries for any page.

    The owner comes by join; the tags (as `tag_pairs`: name and colour, or None), the
    last activity and the open support requests as per-row subqueries that the
    database runs for the page's rows only, each on an index. The join costs deep
    pages nothing: those find their ids first, without it (ui/paginators.py).
    """
    # A fresh clone every time, as Django's views take a class's `queryset`: building
    # the subqueries anew cost half a millisecond of every grid request.
    return _grid().all()


@cache
def _grid() -> QuerySet[Customer]:
    last_activity = Interaction.objects.filter(customer=OuterRef("pk")).order_by(
        "-happened_at", "-id"
    )
    open_requests = (
        open_support_requests().order_by().values("customer").annotate(n=Count("*")).values("n")
    )
    # In the page's query, not a prefetch of Tag rows: one query fewer, and a page of
    # rows read in a fifth less time (2.8 -> 2.2 ms, on either database).
    tag_pairs = (
        Customer.tags.through.objects.filter(customer=OuterRef("pk"))
        .values("customer")
        .annotate(pairs=JSONList(JSONArray("tag__name", "tag__colour")))
        .values("pairs")
    )
    return (
        Customer.objects.only(*GRID_FIELDS)
        .select_related("owner")
        .annotate(
            last_activity=Subquery(last_activity.values("happened_at")[:1]),
            open_requests=Coalesce(Subquery(open_requests, output_field=IntegerField()), 0),
            tag_pairs=Subquery(tag_pairs, output_field=JSONField()),
        )
    )


def with_open_support_requests(queryset: QuerySet[Customer]) -> QuerySet[Customer]:
    return queryset.filter(Exists(open_support_requests()))


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
    COUNT_CAP (ui.paginators) and INDEX_ROAD_MAX, where the index can tell without
    reading a row (SQLite).
    """

    def __init__(self, query: str):
        self.terms = search_terms(query)
        self.reference = id_reference(query)
        self.looked_up = bool(self.terms) and search_index.indexed()
        read = contains_every_word(self.terms)  # PostgreSQL's trigram index serves it too
        looked_up = (
            Q(pk__in=search_index.CUSTOMERS.matching_ids(self.terms)) if self.looked_up else read
        )
        self.matches = self._or_referenced(looked_up)
        self.in_sort_order = self._or_referenced(read)

    @cached_property
    def found(self) -> int | None:
        if not self.looked_up:
            return None
        most = max(paginators.COUNT_CAP, INDEX_ROAD_MAX)
        return search_index.CUSTOMERS.count_matching(self.terms, up_to=most + 1)

    @property
    def many(self) -> bool:
        return self.found is not None and self.found > INDEX_ROAD_MAX

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
