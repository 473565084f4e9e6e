"""The timeline as the record page shows it, and as its own views answer it."""

from functools import cached_property
from urllib.parse import urlencode, urlsplit

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.models import Customer, Interaction
from customers.timeline.forms import InteractionForm
from customers.timeline.selectors import interaction_timeline_page

TEMPLATE = "customers/timeline/timeline.html"

PAGE_TEMPLATE = "customers/timeline/timeline_page.html"

KIND_FILTERS = [
    ("", gettext_lazy("All")),
    (Interaction.Kind.NOTE, gettext_lazy("Notes")),
    (Interaction.Kind.CALL, gettext_lazy("Calls")),
    (Interaction.Kind.EMAIL, gettext_lazy("Emails")),
    (Interaction.Kind.MEETING, gettext_lazy("Meetings")),
    (Interaction.Kind.SUPPORT, gettext_lazy("Support requests")),
]
# Said of an empty timeline filtered by kind: whole sentences, for the translators.
NOTHING_OF_A_KIND = {
    Interaction.Kind.NOTE: gettext_lazy("No notes yet."),
    Interaction.Kind.CALL: gettext_lazy("No calls yet."),
    Interaction.Kind.EMAIL: gettext_lazy("No emails yet."),
    Interaction.Kind.MEETING: gettext_lazy("No meetings yet."),
    Interaction.Kind.SUPPORT: gettext_lazy("No support requests yet."),
}


def clean_kind(value: str | None) -> str:
    """A kind to filter by; anything unknown means all kinds."""
    return value if value in Interaction.Kind.values else ""


class Timeline:
    """What timeline.html renders, computed only when the template asks for it: a
    fragment that shows the form alone never reads the list."""

    def __init__(self, request, customer: Customer, *, kind="", before=None, form=None):
        self.request = request
        self.customer = customer
        self.kind = kind
        self.before = before
        self.form = form
        self.list_url = reverse("interaction_list", args=[customer.pk])
        self.record_url = customer.get_absolute_url()

    @cached_property
    def page(self):
        return interaction_timeline_page(customer=self.customer, kind=self.kind, before=self.before)

    @property
    def items(self):
        return self.page.items

    @property
    def more_url(self) -> str | None:
        """ "Show older": the timeline page after the last item shown, same filter."""
        if self.page.next_cursor is None:
            return None
        query = {"kind": self.kind} if self.kind else {}
        return f"{self.list_url}?{urlencode({**query, 'before': self.page.next_cursor})}"

    @cached_property
    def page_url(self) -> str:
        """The page the timeline is shown on: the record page, or the timeline's own."""
        if self.request.htmx:
            path = urlsplit(self.request.htmx.current_url_abs_path or "").path
        else:
            path = self.request.path
        return self.list_url if path == self.list_url else self.record_url

    @cached_property
    def return_url(self) -> str:
        """Where a plain form post comes back to: the page the user is looking at."""
        if self.request.htmx:
            return self.request.htmx.current_url_abs_path or self.page_url
        if self.request.method == "GET":
            return self.request.get_full_path()
        return self.page_url

    @cached_property
    def filters(self) -> list[dict]:
        """The kind filter as links: plain links reload the page filtered; htmx swaps the
        list in place and puts the same address in the location bar."""
        links = []
        for value, label in KIND_FILTERS:
            query = f"?{urlencode({'kind': value})}" if value else ""
            links.append(
                {
                    "label": label,
                    "url": f"{self.page_url}{query}",
                    "fragment_url": f"{self.list_url}{query}",
                    "current": value == self.kind,
                }
            )
        return links

    @property
    def empty_message(self) -> str:
        if self.before is not None:
            return _("No older activity.")
        if self.kind:
            return NOTHING_OF_A_KIND[self.kind]
        return _("No activity yet.")


def timeline_context(request, customer) -> dict:
    """What templates/customers/timeline/timeline.html needs, for the record page.

    The record page may be filtered by kind (`?kind=call`, what the filter links
    say without JavaScript). Without permission to view interactions there is no
    timeline, and no query is made for it.
    """
    if not request.user.has_perm("customers.view_interaction"):
        return {"timeline": None}
    kind = clean_kind(request.GET.get("kind"))
    form = new_interaction_form(request, customer)
    return {"timeline": Timeline(request, customer, kind=kind, form=form)}


def new_interaction_form(request, customer) -> InteractionForm | None:
    """An empty "Add activity" form, for a user who may add one."""
    if request.user.has_perm("customers.add_interaction"):
        return InteractionForm(customer=customer)
    return None
