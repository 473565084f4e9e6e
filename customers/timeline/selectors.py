"""Reads for a customer's activity timeline: newest first, a page at a time.

Paging is by keyset, not by offset: "older than this item" stays right while new
items arrive on top, and costs the same on page 1 and page 100 (the timeline index
is (customer, -happened_at, -id)).
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet, Subquery

from customers.models import Customer, Interaction

PAGE_SIZE = 20


@dataclass(frozen=True)
class TimelinePage:
    items: list[Interaction]
    # The id to ask for the next page with (`before=`), or None on the last page.
    next_cursor: int | None


def interaction_timeline(*, customer: Customer, kind: str = "") -> QuerySet[Interaction]:
    """A customer's interactions, newest first, with who recorded them, with whom, and
    how an email written from the record went.
    Each knows its customer without a query (whose it is decides who may change it).

    An unknown `kind` is ignored rather than matching nothing.
    """
    queryset = (
        customer.interactions.all()
        .select_related("recorded_by", "contact", "outgoing_email")
        .order_by("-happened_at", "-id")
    )
    if kind in Interaction.Kind.values:
        queryset = queryset.filter(kind=kind)
    return queryset


def older_than(queryset: QuerySet[Interaction], *, customer: Customer, before: int):
    """The items strictly older than interaction `before` by (happened_at, id).

    The cursor's time is read in the same query; a cursor that is not this
    customer's (or no longer exists) leaves nothing older.
    """
    cursor_time = Subquery(
        Interaction.objects.filter(customer=customer, pk=before).values("happened_at")[:1]
    )
    return queryset.filter(
        Q(happened_at__lt=cursor_time) | Q(happened_at=cursor_time, id__lt=before)
    )


def interaction_timeline_page(
    *, customer: Customer, kind: str = "", before: int | None = None, size: int = PAGE_SIZE
) -> TimelinePage:
    """One page of the timeline, in one query: `size` items older than `before`."""
    queryset = interaction_timeline(customer=customer, kind=kind)
    if before is not None:
        queryset = older_than(queryset, customer=customer, before=before)
    items = list(queryset[: size + 1])  # one more tells whether there is a next page
    if len(items) > size:
        items = items[:size]
        return TimelinePage(items=items, next_cursor=items[-1].pk)
    return TimelinePage(items=items, next_cursor=None)
