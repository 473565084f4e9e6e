"""Reads for the customer grid: its rows, in a fixed number of queries for any page."""

from functools import cache

from django.db.models import Count, IntegerField, JSONField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, JSONArray

from customers.core.expressions import JSONList
from customers.core.selectors import open_support_requests
from customers.models import Customer, Interaction

# What the grid's rows show, and of the owner what names them (customers.core.owners); the
# other columns, the owner's password hash among them, were read for every row unused.
GRID_FIELDS = (
    *("name", "email", "phone", "company", "status", "created_at", "owner", "next_step_due"),
    *("owner__first_name", "owner__last_name", "owner__username"),
    # To say which contact a search found a customer by (customers/core/contact_names.py).
    *("contact_names", "search_text"),
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
    # rows read faster on either database.
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
