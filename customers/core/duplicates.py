"""Customers that look like the same one: the same phone number, or a name and company
that match once folded (the likeness key, customers/core/likeness.py).

Both are equality look-ups in an index of customers outside the trash (customer_phone_idx,
customer_likeness_idx), so "others like this one" costs two index probes whatever the
number of customers, and the grid's "Possible duplicates" an EXISTS probe per row. Blanks
are like nothing: a customer without a phone shares no phone with the others.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window

from customers.models import Customer

SHOWN = 5  # the record page names this many; "and N more" says the rest


@dataclass(frozen=True)
class Lookalike:
    customer: Customer
    same_phone: bool
    same_name: bool


@dataclass(frozen=True)
class Lookalikes:
    shown: list[Lookalike]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.shown)

    def __bool__(self):
        return bool(self.total)


def _alike(phone: str, key: str | None) -> Q | None:
    """Who shares `phone` or `key`, as the indexes can answer it; None: nobody can.

    Each side is a subquery of ids on its own index, rather than `phone = … OR
    likeness_key = …` on the row: SQLite then reads each index (a "multi-index OR")
    where the plain OR, under the record's window count, scanned the whole table."""
    condition = Q()
    if phone:
        # `phone <> ''` is spelled out: a blank phone is like no other.
        condition |= Q(pk__in=Customer.objects.filter(phone=phone).exclude(phone="").values("pk"))
    if key:
        condition |= Q(pk__in=Customer.objects.filter(likeness_key=key).values("pk"))
    return condition or None


def customer_lookalikes(*, customer: Customer, limit: int = SHOWN) -> Lookalikes:
    """The first `limit` customers outside the trash that look like `customer`, by name,
    with why; and how many there are in all. One query (the total is a window count,
    made before the limit), none when the customer has neither phone nor name."""
    condition = _alike(customer.phone, customer.likeness_key)
    if condition is None:
        return Lookalikes(shown=[], total=0)
    rows = list(
        Customer.objects.filter(condition)
        .exclude(pk=customer.pk)
        .only("pk", "name", "company", "phone", "likeness_key", "owner_id")
        .annotate(total=Window(Count("*")))
        .order_by("name", "id")[:limit]
    )
    shown = [
        Lookalike(
            customer=row,
            same_phone=bool(customer.phone) and row.phone == customer.phone,
            same_name=bool(customer.likeness_key) and row.likeness_key == customer.likeness_key,
        )
        for row in rows
    ]
    return Lookalikes(shown=shown, total=rows[0].total if rows else 0)


def with_lookalikes(queryset: QuerySet[Customer]) -> QuerySet[Customer]:
    """The customers of `queryset` that another customer outside the trash looks like:
    an EXISTS per row against each index, asked only of a row with a phone (or a key)."""
    others = Customer.objects.exclude(pk=OuterRef("pk"))
    same_phone = others.filter(phone=OuterRef("phone")).exclude(phone="")
    same_name = others.filter(likeness_key=OuterRef("likeness_key"))
    return queryset.filter(
        (~Q(phone="") & Exists(same_phone)) | (Q(likeness_key__isnull=False) & Exists(same_name))
    )
