"""Customers that look like the same one: the same phone number, or a name and company
that match once folded (the likeness key, customers/core/likeness.py).

Both are equality look-ups in an index of customers outside the trash (customer_phone_idx,
customer_likeness_idx), so "others like this one" costs two index probes whatever the
number of customers, and the grid's "Possible duplicates" an EXISTS probe per row. Blanks
are like nothing: a customer without a phone shares no phone with the others.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

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
    total: int  # counted up to COUNTED
    capped: bool = False  # there are more than COUNTED

    @property
    def more(self) -> int:
        return self.total - len(self.shown)

    def __bool__(self):
        return bool(self.total)


COUNTED = 100  # "and N more" counts this far: past it, a name is too common to tell


def customer_lookalikes(*, customer: Customer, limit: int = SHOWN) -> Lookalikes:
    """The first `limit` customers outside the trash that look like `customer`, by name,
    with why; and how many there are, up to COUNTED. One query, none when the customer
    has neither phone nor name.

    A UNION of one look-up per index: an OR of the two in one WHERE made PostgreSQL walk
    the name index and SQLite scan the table (EXPLAIN on 50,000 rows), where each side
    alone is an index search. UNION also gives a customer alike on both sides once."""
    columns = ("pk", "name", "company", "phone", "likeness_key", "owner_id")
    others = Customer.objects.exclude(pk=customer.pk)
    sides = []
    if customer.phone:
        sides.append(others.filter(phone=customer.phone).values_list(*columns))
    if customer.likeness_key:
        sides.append(others.filter(likeness_key=customer.likeness_key).values_list(*columns))
    if not sides:
        return Lookalikes(shown=[], total=0)
    first, *rest = sides
    rows = list(first.union(*rest).order_by("name", "pk")[: COUNTED + 1])
    shown = [
        Lookalike(
            customer=Customer(pk=pk, name=name, company=company, phone=phone, owner_id=owner_id),
            same_phone=bool(customer.phone) and phone == customer.phone,
            same_name=bool(customer.likeness_key) and key == customer.likeness_key,
        )
        for pk, name, company, phone, key, owner_id in rows[:limit]
    ]
    return Lookalikes(shown=shown, total=min(len(rows), COUNTED), capped=len(rows) > COUNTED)


def with_lookalikes(queryset: QuerySet[Customer]) -> QuerySet[Customer]:
    """The customers of `queryset` that another customer outside the trash looks like:
    an EXISTS per row against each index, asked only of a row with a phone (or a key)."""
    others = Customer.objects.exclude(pk=OuterRef("pk"))
    same_phone = others.filter(phone=OuterRef("phone")).exclude(phone="")
    same_name = others.filter(likeness_key=OuterRef("likeness_key"))
    return queryset.filter(
        (~Q(phone="") & Exists(same_phone)) | (Q(likeness_key__isnull=False) & Exists(same_name))
    )
