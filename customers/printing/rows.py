"""The printed list's rows, built in Python rather than in the template: up to 5,000
customers of up to eleven cells each, where the template's loop took seconds (as the
grid's own cells are built in customers/grid/tables.py). Every value is escaped here.

The columns are the grid's, those the user shows (their choice under "Columns",
customers/grid/columns.py): paper shows what the screen does."""

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from customers.core.owners import display_name
from customers.core.phone import format_phone
from customers.grid.columns import OPTIONAL
from customers.models import Customer
from customers.printing.selectors import ContactLine
from ui.tables import day

STATUS_LABELS = dict(Customer.Status.choices)

# Each customer a <tbody> of its own: its row, and its contacts' row when asked for, so
# that the two stay on one sheet (printing.css: no tbody is split).
ROW_START, ROW_END = '<tbody id="customer-{}"><tr>', "</tr>{}</tbody>"
CELL, NOWRAP_CELL = "<td>{}</td>", '<td class="nowrap">{}</td>'
CONTACTS = '<tr class="print-contacts"><td colspan="{}">{}</td></tr>'


def tag_names(tag_pairs) -> str:
    """The tags' names by name, from the (name, colour) pairs `customer_grid()` reads:
    words, since the chips' colours are lost on paper."""
    names = [name for name, _ in tag_pairs or ()]
    return ", ".join(sorted(names, key=str.casefold))


def local_day(moment: datetime | None, tz: tzinfo) -> str:
    return day(moment.astimezone(tz).date()) if moment else ""


def contact_line(contact: ContactLine) -> str:
    """ "Anna Boss (primary), CEO · anna@example.com · +44 20 7946 0958" """
    parts = [
        _("%(name)s (primary)") % {"name": contact.name} if contact.is_primary else contact.name
    ]
    if contact.title:
        parts[0] += f", {contact.title}"
    phone = format_phone(str(contact.phone)) if contact.phone else ""
    parts += [value for value in (contact.email, phone) if value]
    return " · ".join(parts)


def contacts_row(contacts: list[ContactLine], width: int) -> SafeString:
    if contacts:
        listed = format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((contact_line(c),) for c in contacts)),
        )
    else:
        listed = gettext("No contacts.")
    return format_html(CONTACTS, width, listed)


# A cell's value from the customer (from `customer_grid()`) and the time zone.
Cell = Callable[[Customer, tzinfo], object]

# The grid's data columns, by their names in CustomerTable and in its order: each
# one's header, its cell, and whether it keeps to one line.
PRINTED: dict[str, tuple[str, Cell, bool]] = {
    "name": (_("Name"), lambda c, tz: c.name, False),
    "email": (_("Email"), lambda c, tz: c.email, False),
    "phone": (_("Phone"), lambda c, tz: c.phone_display, True),
    "company": (_("Company"), lambda c, tz: c.company, False),
    "owner": (_("Owner"), lambda c, tz: display_name(c.owner), False),
    "tags": (_("Tags"), lambda c, tz: tag_names(c.tag_pairs), False),
    "status": (_("Status"), lambda c, tz: STATUS_LABELS.get(c.status, c.status), False),
    "support": (_("Open requests"), lambda c, tz: c.open_requests or "", False),
    "last_activity": (_("Last activity"), lambda c, tz: local_day(c.last_activity, tz), True),
    "next_step": (
        _("Next step"),
        lambda c, tz: day(c.next_step_due) if c.next_step_due else "",
        True,
    ),
    "created": (_("Created"), lambda c, tz: local_day(c.created_at, tz), True),
}


def printed_columns(shown=None) -> list[str]:
    """The columns a printout has: the name, then the optional columns the user shows
    (`shown`), or every one."""
    return ["name", *(name for name in OPTIONAL if shown is None or name in shown)]


def headers(columns: list[str]) -> list[str]:
    return [PRINTED[name][0] for name in columns]


def customer_rows(
    customers: Iterable[Customer],
    *,
    contacts: dict[int, list[ContactLine]] | None,
    columns: list[str] | None = None,
) -> SafeString:
    """The <tbody>s of the printed table, one per customer (from `customer_grid()`),
    a cell for each of `columns` (printed_columns(): by default every one), with the
    customer's contacts under it when `contacts` (by customer id) is given."""
    columns = columns or printed_columns()
    cells = [PRINTED[name][1] for name in columns]
    row = (
        ROW_START + "".join(NOWRAP_CELL if PRINTED[name][2] else CELL for name in columns) + ROW_END
    )
    width = len(columns)
    tz = timezone.get_current_timezone()
    return mark_safe(  # noqa: S308 - format_html escaped every value
        "".join(
            format_html(
                row,
                customer.pk,
                *[cell(customer, tz) for cell in cells],
                "" if contacts is None else contacts_row(contacts.get(customer.pk, ()), width),
            )
            for customer in customers
        )
    )
