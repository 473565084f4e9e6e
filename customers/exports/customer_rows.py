"""Customers as rows of a file: the grid's columns, or every field.

The grid's own filters and sort choose the customers and their order
(`customers_as_the_grid_shows`); this module only turns them into cells, a chunk at a
time, with each chunk's tags, last activity and open requests read in one query each,
so a million customers cost a few queries per two thousand rows, never one per row.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Max, QuerySet
from django.http import QueryDict
from django.utils.timezone import localtime

from customers.core.phone import format_phone
from customers.exports.chunks import CHUNK_SIZE, in_chunks
from customers.exports.sorting import sorted_as_the_table
from customers.grid.filters import CustomerFilter
from customers.grid.selectors import customer_grid
from customers.grid.tables import CustomerTable
from customers.models import Customer, Interaction

# What each row reads from the customer and its owner (joined, as the grid does).
FIELDS = (
    *("pk", "name", "email", "phone", "company", "status", "created_at", "updated_at"),
    *("owner__username", "owner__first_name", "owner__last_name", "owner__email"),
)
F = {name: position for position, name in enumerate(FIELDS)}
STATUS_LABELS = dict(Customer.Status.choices)
# Grid columns that are controls, not data.
NOT_DATA = {"select", "actions"}


@dataclass
class Related:
    """What a chunk of customers has elsewhere, by customer id."""

    tags: dict[int, list[str]] = field(default_factory=dict)
    last_activity: dict[int, object] = field(default_factory=dict)
    open_requests: dict[int, int] = field(default_factory=dict)


Cell = Callable[[tuple, Related], object]


def owner_name(row) -> str:
    """As customers.core.owners.display_name: the full name, else the username."""
    first, last = row[F["owner__first_name"]] or "", row[F["owner__last_name"]] or ""
    return f"{first} {last}".strip() or row[F["owner__username"]] or ""


def tags(row, related: Related) -> str:
    return ", ".join(sorted(related.tags.get(row[F["pk"]], ()), key=str.casefold))


def last_activity(row, related: Related):
    return related.last_activity.get(row[F["pk"]])


def open_requests(row, related: Related) -> int:
    return related.open_requests.get(row[F["pk"]], 0)


def plain(name: str) -> Cell:
    return lambda row, related: row[F[name]]


def day_of(moment: Cell) -> Cell:
    """A moment as its day, in the site's time zone, as the grid shows it."""

    def cell(row, related):
        value = moment(row, related)
        return localtime(value).date() if value else None

    return cell


def status(row, related) -> str:
    return STATUS_LABELS.get(row[F["status"]], row[F["status"]])


def phone_display(row, related) -> str:
    return format_phone(row[F["phone"]])


# The grid's data columns by their name in CustomerTable, as the grid shows them.
GRID_CELLS: dict[str, Cell] = {
    "name": plain("name"),
    "email": plain("email"),
    "phone": phone_display,
    "company": plain("company"),
    "owner": lambda row, related: owner_name(row),
    "tags": tags,
    "status": status,
    "support": open_requests,
    "last_activity": day_of(last_activity),
    "created": day_of(plain("created_at")),
}

# Every field, owner and tags included, moments to the minute.
ALL_FIELDS: list[tuple[str, Cell]] = [
    ("ID", plain("pk")),
    ("Name", plain("name")),
    ("Email", plain("email")),
    ("Phone", plain("phone")),
    ("Company", plain("company")),
    ("Status", status),
    ("Owner", lambda row, related: owner_name(row)),
    ("Owner username", plain("owner__username")),
    ("Owner email", plain("owner__email")),
    ("Tags", tags),
    ("Open requests", open_requests),
    ("Last activity", last_activity),
    ("Created", plain("created_at")),
    ("Updated", plain("updated_at")),
]


@dataclass
class CustomerExport:
    """The customers a grid URL shows, in its order, and the columns to write."""

    filterset: CustomerFilter
    queryset: QuerySet[Customer] | None
    columns: list[tuple[str, Cell]]

    @property
    def errors(self):
        return self.filterset.form.errors


def customers_as_the_grid_shows(*, request, data: QueryDict, all_fields: bool) -> CustomerExport:
    """Every customer the grid shows for the query `data` (not one page: all of them),
    in the grid's sort, through the grid's own filters and table, so the file can never
    disagree with the screen. `queryset` is None when the filters are invalid."""
    data = data.copy()
    data.pop("page", None)  # a file is every page
    filterset = CustomerFilter(data, queryset=customer_grid(), request=request)
    table = CustomerTable([])
    columns = (
        ALL_FIELDS
        if all_fields
        else [
            (str(column.header), GRID_CELLS[column.name])
            for column in table.columns
            if column.name not in NOT_DATA
        ]
    )
    if not filterset.is_valid():
        return CustomerExport(filterset, None, columns)
    queryset = sorted_as_the_table(CustomerTable, filterset.qs, request=request, data=data)
    return CustomerExport(filterset, queryset, columns)


def customer_rows(
    *, queryset: QuerySet[Customer], columns: list[tuple[str, Cell]], size: int = CHUNK_SIZE
) -> Iterator[tuple]:
    """The rows of `queryset`, in its order, a cell per column."""
    cells = [cell for _, cell in columns]
    for chunk in in_chunks(queryset.values_list(*FIELDS), size=size):
        related = _related([row[F["pk"]] for row in chunk])
        for row in chunk:
            yield tuple(cell(row, related) for cell in cells)


def _related(ids: list[int]) -> Related:
    """A chunk's tags, last activity and open support requests: three queries, each on
    an index (the tag link's, the timeline's, the open requests' partial index)."""
    related = Related()
    tagged = defaultdict(list)
    links = Customer.tags.through.objects.filter(customer_id__in=ids)
    for customer_id, name in links.values_list("customer_id", "tag__name"):
        tagged[customer_id].append(name)
    related.tags = tagged
    activity = Interaction.objects.filter(customer_id__in=ids).order_by()
    related.last_activity = dict(
        activity.values("customer_id")
        .annotate(last=Max("happened_at"))
        .values_list("customer_id", "last")
    )
    requests = activity.filter(
        kind=Interaction.Kind.SUPPORT, support_status=Interaction.SupportStatus.OPEN
    )
    related.open_requests = dict(
        requests.values("customer_id").annotate(n=Count("*")).values_list("customer_id", "n")
    )
    return related
