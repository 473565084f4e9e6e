"""Reads for the customer grid: its rows and how it searches them."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from customers.models import Customer, Interaction
from customers.search import id_reference, search_terms


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

    The owner comes by join, the tags in one prefetch for the whole page, and the last
    activity and open support requests as per-row subqueries that the database runs
    for the page's rows only, each on an index.
    """
    last_activity = Interaction.objects.filter(customer=OuterRef("pk")).order_by(
        "-happened_at", "-id"
    )
    open_requests = (
        open_support_requests().order_by().values("customer").annotate(n=Count("*")).values("n")
    )
    return (
        customer_list()
        .select_related("owner")
        .prefetch_related("tags")
        .annotate(
            last_activity=Subquery(last_activity.values("happened_at")[:1]),
            open_requests=Coalesce(Subquery(open_requests, output_field=IntegerField()), 0),
        )
    )


def with_open_support_requests(queryset: QuerySet[Customer]) -> QuerySet[Customer]:
    return queryset.filter(Exists(open_support_requests()))


def customer_search(*, queryset: QuerySet[Customer], query: str) -> QuerySet[Customer]:
    """Customers whose name, email, phone or company contain every word of `query`,
    regardless of case and accents; and, for a query like `ID 123` or `#123`, customer
    123 as well. Both in one query, within `queryset`, so what it hides stays hidden."""
    matches_every_word = Q()
    for forms in search_terms(query):
        matches_any_form = Q()
        for form in forms:
            matches_any_form |= Q(search_text__contains=form)
        matches_every_word &= matches_any_form
    if (pk := id_reference(query)) is not None:
        return queryset.filter(Q(pk=pk) | matches_every_word)
    return queryset.filter(matches_every_word)
