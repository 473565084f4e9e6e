"""Contacts, activity and deals as rows of a file.

Each reads its rows with what they name (the customer, the user, the stage) joined in
the same query, a chunk at a time: a fixed number of queries per chunk, none per row.
"""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from customers.deals.filters import DealFilter
from customers.deals.selectors import deal_list
from customers.deals.tables import DealTable
from customers.exports.chunks import CHUNK_SIZE, in_chunks
from customers.models import Contact, Customer, Deal, Interaction
from ui.table_sort import sorted_as_the_table

KINDS = dict(Interaction.Kind.choices)
SUPPORT_STATUSES = dict(Interaction.SupportStatus.choices)
YES, NO = _("Yes"), _("No")


def person(first: str | None, last: str | None, username: str | None) -> str:
    """A user's full name, else their username (customers.core.owners.display_name)."""
    return f"{first or ''} {last or ''}".strip() or username or ""


# --- Contacts ----------------------------------------------------------------------

CONTACT_HEADERS = [
    *(_("Customer"), _("Customer email"), _("Name"), _("Role"), _("Email"), _("Phone")),
    *(_("Primary contact"), _("Created")),
]


def contacts_to_export(*, customer: Customer | None = None) -> QuerySet[Contact]:
    """A customer's contacts as its record lists them (the primary one first); or every
    contact outside the trash, in the order they were added (the primary key's, so a
    million are read without a sort)."""
    contacts = Contact.objects.filter(customer__deleted_at__isnull=True)
    if customer is not None:
        return contacts.filter(customer=customer).order_by("-is_primary", "name", "id")
    return contacts.order_by("id")


def contact_rows(*, queryset: QuerySet[Contact], size: int = CHUNK_SIZE) -> Iterator[tuple]:
    fields = ("customer__name", "customer__email", "name", "title", "email", "phone")
    rows = queryset.values_list(*fields, "is_primary", "created_at")
    for chunk in in_chunks(rows, size=size):
        for *texts, is_primary, created_at in chunk:
            yield (*texts, YES if is_primary else NO, created_at)


# --- Activity ----------------------------------------------------------------------

ACTIVITY_HEADERS = [
    *(_("Customer"), _("Customer email"), _("When"), _("Kind"), _("Subject"), _("Details")),
    *(_("With"), _("Status"), _("Recorded by")),
]


def activity_to_export(*, customer: Customer | None = None) -> QuerySet[Interaction]:
    """A customer's timeline, newest first (on the timeline's index); or all activity of
    customers outside the trash, in the order it was recorded."""
    activity = Interaction.objects.filter(customer__deleted_at__isnull=True)
    if customer is not None:
        return activity.filter(customer=customer).order_by("-happened_at", "-id")
    return activity.order_by("id")


def activity_rows(*, queryset: QuerySet[Interaction], size: int = CHUNK_SIZE) -> Iterator[tuple]:
    rows = queryset.values_list(
        *("customer__name", "customer__email", "happened_at", "kind", "subject", "body"),
        *("contact__name", "support_status"),
        *("recorded_by__first_name", "recorded_by__last_name", "recorded_by__username"),
    )
    for chunk in in_chunks(rows, size=size):
        for name, email, when, kind, subject, body, contact, status, *recorder in chunk:
            yield (
                *(name, email, when, KINDS.get(kind, kind), subject, body, contact or ""),
                SUPPORT_STATUSES.get(status, ""),
                person(*recorder),
            )


# --- Deals -------------------------------------------------------------------------

DEAL_HEADERS = [
    *(_("Title"), _("Customer"), _("Customer email"), _("Stage"), _("Amount"), _("Currency")),
    *(_("Owner"), _("Expected close"), _("Reason lost"), _("Lead source"), _("Created")),
]


def deals_as_the_list_shows(*, request, data: QueryDict) -> tuple[DealFilter, QuerySet | None]:
    """Every deal the deal list shows for the query `data`, in its sort, through the
    list's own filters and table; None for the deals when the filters are invalid."""
    data = data.copy()
    data.pop("page", None)
    filterset = DealFilter(data, queryset=deal_list(), request=request)
    if not filterset.is_valid():
        return filterset, None
    return filterset, sorted_as_the_table(DealTable, filterset.qs, request=request, data=data)


def deals_of(customer: Customer) -> QuerySet[Deal]:
    """A customer's deals, newest first, as its record lists them."""
    return Deal.objects.filter(customer=customer).order_by("-created_at", "-id")


def deal_rows(*, queryset: QuerySet[Deal], size: int = CHUNK_SIZE) -> Iterator[tuple]:
    rows = queryset.values_list(
        *("title", "customer__name", "customer__email", "stage__name", "amount", "currency"),
        *("owner__first_name", "owner__last_name", "owner__username"),
        *("expected_close", "closing_reason__name", "lead_source__name", "created_at"),
    )
    for chunk in in_chunks(rows, size=size):
        for *deal, first, last, username, expected, reason, source, created in chunk:
            yield (*deal, person(first, last, username), expected, reason, source, created)
