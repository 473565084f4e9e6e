"""Customers as rows of a file: the grid's columns (those the user shows), or every field.

The grid's own filters and sort choose the customers and their order, and the grid's
own selector (`customer_grid()`) says what each row has elsewhere: its tags, last
activity and open support requests, as per-row subqueries in the one query, each an
index lookup the database runs as it reads the row. The rows are read a chunk at a
time (customers.exports.chunks): one query for a million customers, memory flat.

Measured at 100,000 customers on SQLite, those subqueries cost 1.7 s in all; three
bulk queries per chunk of 2,000 (tags, activity, requests by `customer_id IN (...)`)
cost 4.0 s, most of it Django building the 2,000-value lists, so we kept the grid's.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import tzinfo
from functools import partial

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from customers.exports.chunks import CHUNK_SIZE, in_chunks
from customers.grid.columns import shown_columns
from customers.grid.filters import CustomerFilter
from customers.grid.selectors import customer_grid
from customers.grid.tables import CustomerTable
from customers.models import Customer
from ui.table_sort import sorted_as_the_table

# What each row reads: the customer, its owner (joined, as the grid does), and the
# grid's annotations, last and in the order customer_grid() makes them (chunks.py).
FIELDS = (
    *("pk", "name", "email", "phone", "company", "status", "created_at", "updated_at"),
    "next_step_due",
    *("owner__username", "owner__first_name", "owner__last_name", "owner__email"),
    *("last_activity", "open_requests", "tag_pairs"),
)
F = {name: position for position, name in enumerate(FIELDS)}
# Grid columns that are controls, not data.
NOT_DATA = {"select", "actions"}


@dataclass(frozen=True)
class Context:
    """What every row of one export shares, worked out once: the time zone and the
    status labels in the reader's language. Each is a context-local lookup to ask
    for, and a translated label is a lazy string that translates again on every use
    (docs/performance.md has what asking per row cost)."""

    tz: tzinfo
    status_labels: dict[str, str]

    @classmethod
    def now(cls) -> "Context":
        return cls(
            tz=timezone.get_current_timezone(),
            status_labels={value: str(label) for value, label in Customer.Status.choices},
        )


# A cell from the row, in the export's context.
Cell = Callable[[tuple, Context], object]


def plain(name: str) -> Cell:
    position = F[name]
    return lambda row, context: row[position]


def owner_name(row, context=None) -> str:
    """As customers.core.owners.display_name: the full name, else the username."""
    first, last = row[F["owner__first_name"]] or "", row[F["owner__last_name"]] or ""
    return f"{first} {last}".strip() or row[F["owner__username"]] or ""


def tags(row, context=None) -> str:
    """The tags' names, in the grid's order, from its (name, colour) pairs."""
    names = [name for name, _ in row[F["tag_pairs"]] or ()]
    return ", ".join(sorted(names, key=str.casefold))


def status(row, context: Context) -> str:
    value = row[F["status"]]
    return context.status_labels.get(value, value)


def day_of(name: str) -> Cell:
    """A moment as its day in the site's time zone, as the grid shows it."""
    return partial(_day, F[name])


def _day(position, row, context):
    moment = row[position]
    return moment.astimezone(context.tz).date() if moment else None


# The grid's data columns by their name in CustomerTable, shown as in the grid.
GRID_CELLS: dict[str, Cell] = {
    "name": plain("name"),
    "email": plain("email"),
    # As stored (international, +44...), not spaced out as on screen: every spreadsheet
    # and phone reads it, and formatting one costs more than all the rest of its row.
    "phone": plain("phone"),
    "company": plain("company"),
    "owner": owner_name,
    "tags": tags,
    "status": status,
    "support": plain("open_requests"),
    "next_step": plain("next_step_due"),
    "last_activity": day_of("last_activity"),
    "created": day_of("created_at"),
}

# Every field, owner and tags included, moments to the minute.
ALL_FIELDS: list[tuple[str, Cell]] = [
    (_("ID"), plain("pk")),
    (_("Name"), plain("name")),
    (_("Email"), plain("email")),
    (_("Phone"), plain("phone")),
    (_("Company"), plain("company")),
    (_("Status"), status),
    (_("Owner"), owner_name),
    (_("Owner username"), plain("owner__username")),
    (_("Owner email"), plain("owner__email")),
    (_("Tags"), tags),
    (_("Open requests"), plain("open_requests")),
    (_("Last activity"), plain("last_activity")),
    (_("Next step"), plain("next_step_due")),
    (_("Created"), plain("created_at")),
    (_("Updated"), plain("updated_at")),
]


@dataclass
class CustomerExport:
    """The customers a grid URL shows, in its order, and the columns to write."""

    filterset: CustomerFilter
    queryset: QuerySet[Customer] | None
    columns: list[tuple[str, Cell]]


def customers_as_the_grid_shows(*, request, data: QueryDict, all_fields: bool) -> CustomerExport:
    """Every customer the grid shows for the query `data` (not one page: all of them),
    in the grid's sort, through the grid's own filters and table, so the file can never
    disagree with the screen. `queryset` is None when the filters are invalid."""
    data = data.copy()
    data.pop("page", None)  # a file is every page
    filterset = CustomerFilter(data, queryset=customer_grid(), request=request)
    columns = ALL_FIELDS if all_fields else grid_columns(shown=shown_columns(request))
    if not filterset.is_valid():
        return CustomerExport(filterset, None, columns)
    queryset = sorted_as_the_table(CustomerTable, filterset.qs, request=request, data=data)
    return CustomerExport(filterset, queryset, columns)


def grid_columns(*, shown=None) -> list[tuple[str, Cell]]:
    """The grid's data columns, with their headers, in its order: those the user shows
    (`shown`, their choice under "Columns"), or every one."""
    table = CustomerTable([], shown=shown)
    return [
        (str(column.header), GRID_CELLS[column.name])
        for column in table.columns
        if column.name not in NOT_DATA
    ]


def customer_rows(
    *, queryset: QuerySet[Customer], columns: list[tuple[str, Cell]], size: int = CHUNK_SIZE
) -> Iterator[tuple]:
    """The rows of `queryset` (from `customer_grid()`), in its order, a cell per column."""
    cells = [cell for _, cell in columns]
    context = Context.now()
    for chunk in in_chunks(queryset.values_list(*FIELDS), size=size):
        for row in chunk:
            yield tuple([cell(row, context) for cell in cells])
