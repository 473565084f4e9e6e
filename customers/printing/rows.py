"""The printed list's rows, built in Python rather than in the template: up to 5,000
customers of eleven cells each, where the template's loop took seconds (as the grid's
own cells are built in customers/grid/tables.py). Every value is escaped here."""

from collections.abc import Iterable
from datetime import datetime, tzinfo

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from customers.core.owners import display_name
from customers.core.phone import format_phone
from customers.models import Customer
from customers.printing.selectors import ContactLine
from ui.tables import day

COLUMNS = (
    *(_("Name"), _("Email"), _("Phone"), _("Company"), _("Owner"), _("Tags"), _("Status")),
    *(_("Open requests"), _("Last activity"), _("Next step"), _("Created")),
)
STATUS_LABELS = dict(Customer.Status.choices)

# Each customer a <tbody> of its own: its row, and its contacts' row when asked for, so
# that the two stay on one sheet (printing.css: no tbody is split).
ROW = (
    '<tbody id="customer-{}"><tr>'
    '<td>{}</td><td>{}</td><td class="nowrap">{}</td><td>{}</td><td>{}</td><td>{}</td>'
    '<td>{}</td><td>{}</td><td class="nowrap">{}</td><td class="nowrap">{}</td>'
    '<td class="nowrap">{}</td></tr>{}</tbody>'
)
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


def contacts_row(contacts: list[ContactLine]) -> SafeString:
    if contacts:
        listed = format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((contact_line(c),) for c in contacts)),
        )
    else:
        listed = gettext("No contacts.")
    return format_html(CONTACTS, len(COLUMNS), listed)


def customer_rows(
    customers: Iterable[Customer], *, contacts: dict[int, list[ContactLine]] | None
) -> SafeString:
    """The <tbody>s of the printed table, one per customer (from `customer_grid()`),
    with the customer's contacts under it when `contacts` (by customer id) is given."""
    tz = timezone.get_current_timezone()
    return mark_safe(  # noqa: S308 - format_html escaped every value
        "".join(
            format_html(
                ROW,
                customer.pk,
                customer.name,
                customer.email,
                customer.phone_display,
                customer.company,
                display_name(customer.owner),
                tag_names(customer.tag_pairs),
                STATUS_LABELS.get(customer.status, customer.status),
                customer.open_requests or "",
                local_day(customer.last_activity, tz),
                day(customer.next_step_due) if customer.next_step_due else "",
                local_day(customer.created_at, tz),
                "" if contacts is None else contacts_row(contacts.get(customer.pk, ())),
            )
            for customer in customers
        )
    )
