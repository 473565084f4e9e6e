"""Reads for the printouts: the grid's customers as a list, and one customer's dossier.

The list is the grid's own: its FilterSet chooses the customers, its table's sort
orders them and `customer_grid()` says what each row has (owner, tags, last activity,
open requests) in the one query. Nothing here filters or sorts on its own, so paper
can never disagree with the screen.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import QueryDict

from customers.followups.selectors import customer_open_tasks
from customers.grid.filters import CustomerFilter
from customers.grid.selectors import customer_grid
from customers.grid.tables import CustomerTable
from customers.models import Contact, Customer, Deal, Interaction, Stage
from customers.record.selectors import customer_contacts, customer_record
from customers.timeline.selectors import interaction_timeline
from ui.table_sort import sorted_as_the_table

# Past this many customers a printout is a stack of paper nobody reads, and its page
# takes seconds to lay out: the user is sent to the export instead. Read at call time,
# so a test can lower it.
PRINT_MAX_ROWS = 5_000
# Not filters: the grid's page (a printout is every page) and the printout's own option.
NOT_FILTERS = ("page", "contacts")
# The dossier's lists, each newest or soonest first.
DOSSIER_ACTIVITY = 20
DOSSIER_SHOWN = 20


@dataclass
class PrintList:
    """What a grid URL prints: the filters (bound, maybe invalid), how many match
    (counted up to the limit and one more), and the rows when they fit."""

    filterset: CustomerFilter
    limit: int
    count: int = 0
    rows: list[Customer] = field(default_factory=list)
    contacts: dict[int, list] | None = None  # by customer id, when asked for

    @property
    def too_many(self) -> bool:
        return self.count > self.limit


def filters_of(data: QueryDict) -> QueryDict:
    """The grid's query string without what is not a filter or the sort."""
    data = data.copy()
    for name in NOT_FILTERS:
        data.pop(name, None)
    return data


def customers_to_print(*, request, data: QueryDict, with_contacts: bool) -> PrintList:
    """The customers the grid shows for `data` (every page), in its order, with each
    one's contacts when asked: a fixed number of queries for any number of rows."""
    limit = PRINT_MAX_ROWS
    data = filters_of(data)
    filterset = CustomerFilter(data, queryset=customer_grid(), request=request)
    found = PrintList(filterset=filterset, limit=limit)
    if not filterset.is_valid():
        return found
    # Counted only up to one past the limit: at a million matches it stops there.
    found.count = filterset.qs.order_by().values("pk")[: limit + 1].count()
    if found.too_many or not found.count:
        return found
    queryset = sorted_as_the_table(CustomerTable, filterset.qs, request=request, data=data)
    found.rows = list(queryset[:limit])
    if with_contacts:
        found.contacts = contacts_of([customer.pk for customer in found.rows])
    return found


@dataclass(frozen=True)
class ContactLine:
    name: str
    title: str
    email: str
    phone: str
    is_primary: bool


def contacts_of(customer_ids: list[int]) -> dict[int, list[ContactLine]]:
    """The customers' contacts, the primary one first, then by name, in one query. As
    plain values, not models: 5,000 customers' contacts made into Contact objects (and
    matched to them by a prefetch) took seconds."""
    contacts: dict[int, list[ContactLine]] = {}
    rows = (
        Contact.objects.filter(customer_id__in=customer_ids)
        .order_by("customer_id", "-is_primary", "name", "id")
        .values_list("customer_id", "name", "title", "email", "phone", "is_primary")
    )
    for customer_id, *fields in rows:
        contacts.setdefault(customer_id, []).append(ContactLine(*fields))
    return contacts


def sort_of(data: QueryDict) -> tuple[str, bool]:
    """The grid's sort for `data` as the header of its column and whether it is
    descending; the table's default when `sort=` names no sortable column."""
    table = CustomerTable([])
    for sort in (data.get("sort", ""), *CustomerTable._meta.order_by):
        name = sort.removeprefix("-")
        if name in table.columns and table.columns[name].orderable:
            return str(table.columns[name].header), sort.startswith("-")
    return "", False  # no sortable default: not reached with the grid's table


# --- One customer's dossier ------------------------------------------------------------


@dataclass
class Dossier:
    customer: Customer
    contacts: list[Contact] | None
    open_deals: list | None
    open_tasks: list | None
    support_requests: list[Interaction] | None
    activity: list[Interaction] | None


def customer_to_print() -> QuerySet[Customer]:
    """Customers as the record page reads them: the owner by join, the tags prefetched."""
    return customer_record()


def dossier(*, customer: Customer, user) -> Dossier:
    """What a customer's printout holds, each section only for a role that sees it on
    the record page: one query a section, whatever its length."""
    may = user.has_perm
    open_deals = None
    if may("customers.view_deal"):
        open_deals = list(
            Deal.objects.filter(customer=customer, stage__outcome=Stage.Outcome.OPEN)
            .select_related("stage", "owner")
            .defer("search_text")
            .order_by("-created_at", "-id")[:DOSSIER_SHOWN]
        )
    support_requests = activity = None
    if may("customers.view_interaction"):
        timeline = interaction_timeline(customer=customer)
        activity = list(timeline[:DOSSIER_ACTIVITY])
        support_requests = list(
            timeline.filter(
                kind=Interaction.Kind.SUPPORT, support_status=Interaction.SupportStatus.OPEN
            )[:DOSSIER_SHOWN]
        )
    return Dossier(
        customer=customer,
        contacts=list(customer_contacts(customer=customer))
        if may("customers.view_contact")
        else None,
        open_deals=open_deals,
        open_tasks=(
            customer_open_tasks(customer=customer, shown_max=DOSSIER_SHOWN)
            if may("customers.view_followup")
            else None
        ),
        support_requests=support_requests,
        activity=activity,
    )
