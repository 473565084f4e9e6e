"""Undo a delete: the toast that offers to bring deleted customers back.

The grid's delete and its bulk delete offer it; the trash restores.
"""

from django.contrib import messages
from django.template.defaultfilters import pluralize
from django.urls import reverse

from ui.toasts import add_message_with_action

UNDO_SECONDS = 10  # how long a delete's toast offers "Undo"


def customers_count(n: int) -> str:
    return f"{n} customer{pluralize(n)}"


def named(customers) -> str:
    """ "“Acme”", or "3 customers"."""
    if len(customers) == 1:
        return f"“{customers[0].name}”"
    return customers_count(len(customers))


def offer_undo(request, text: str, customers, *, fallback_url: str) -> None:
    """Toast `text` with an "Undo" button that restores `customers`.

    Without JavaScript the undo goes back to `fallback_url` (where the delete went);
    with htmx, to the page the user is on, which stays and refreshes its grid.
    """
    back = request.htmx.current_url_abs_path if request.htmx else None
    add_message_with_action(
        request,
        messages.SUCCESS,
        text,
        label="Undo",
        url=reverse("trash_restore"),
        fields={"ids": [customer.pk for customer in customers], "next": back or fallback_url},
        seconds=UNDO_SECONDS,
    )
