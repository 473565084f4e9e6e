"""Undo a delete: the toast that offers to bring deleted customers back.

The grid's delete and its bulk delete offer it; the trash restores.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ui.toasts import add_message_with_action

UNDO_SECONDS = 10  # how long a delete's toast offers "Undo"


def customers_count(n: int) -> str:
    return ngettext("%(count)d customer", "%(count)d customers", n) % {"count": n}


def named(customers) -> str:
    """ "“Acme”", or "3 customers"."""
    if len(customers) == 1:
        return _("“{name}”").format(name=customers[0].name)
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
        label=_("Undo"),
        url=reverse("trash_restore"),
        fields={"ids": [customer.pk for customer in customers], "next": back or fallback_url},
        seconds=UNDO_SECONDS,
    )
