import re
from functools import cached_property

import django_tables2 as tables
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.contact_names import FoundByContacts
from customers.core.owners import display_name
from customers.grid.columns import OPTIONAL
from customers.models import Customer
from customers.templatetags.customer_tags import CHIP
from ui.tables import (
    ActionsColumn,
    DayColumn,
    Table,
    created_column,
    day,
    row_action,
    row_actions,
)

BULK_FORM_ID = "bulk-actions"  # the bulk bar's form, in customer_bulk.html#bar


def tag_chips(tag_pairs) -> str:
    """The tags' chips by name, from (name, colour) pairs as `customer_grid()` reads them."""
    pairs = sorted(tag_pairs or (), key=lambda pair: pair[0].casefold())
    return format_html_join(" ", CHIP, ((c, n) for n, c in pairs))


def breakable_email(email: str) -> SafeString:
    """The address, escaped, free to wrap after its "@" and each dot (<wbr>) and nowhere
    else: "ann.lee@" above "example.com", not a letter cut off from the rest."""
    return SafeString(
        "<wbr>".join(conditional_escape(part) for part in _AFTER_AT_OR_DOT.split(email))
    )


_AFTER_AT_OR_DOT = re.compile(r"(?<=[@.])")


class CustomerTable(Table):
    """The grid. Its rows come from `customer_grid()`, which supplies the owner, tags,
    last activity and open requests without a query per row."""

    caption = gettext_lazy("Customers")
    hidden_headers = ("select",)

    # Plain text: the table template also writes the header into every cell's data-label
    # attribute, so markup here would break each row. "Select all" lives in the bulk bar.
    select = tables.Column(
        verbose_name=gettext_lazy("Select"),
        accessor="pk",
        orderable=False,
        attrs={"th": {"class": "select"}, "td": {"class": "select"}},
    )
    # Named here, not by the model's verbose names, so that they are translated.
    name = tables.Column(gettext_lazy("Name"), order_by=("name", "id"))
    email = tables.Column(
        gettext_lazy("Email"),
        order_by=("email", "id"),
        attrs={"th": {"class": "email"}, "td": {"class": "email"}},
    )
    phone = tables.Column(
        gettext_lazy("Phone"), order_by=("phone", "id"), attrs={"td": {"class": "nowrap"}}
    )
    company = tables.Column(gettext_lazy("Company"), order_by=("company", "id"))
    owner = tables.Column(gettext_lazy("Owner"), orderable=False, default="")
    tags = tables.Column(
        gettext_lazy("Tags"),
        orderable=False,
        empty_values=(),
        attrs={"th": {"class": "tags"}, "td": {"class": "tags"}},
    )
    status = tables.Column(gettext_lazy("Status"), order_by=("status", "id"))
    support = tables.Column(
        verbose_name=gettext_lazy("Open requests"),
        accessor="open_requests",
        orderable=False,
        default="",
    )
    last_activity = DayColumn(
        verbose_name=gettext_lazy("Last activity"), orderable=False, default=""
    )
    # The earliest open task's day, kept on the customer by the follow-ups' services so
    # that sorting by it walks an index (customer_next_step_idx) like every other sort.
    next_step = tables.Column(
        verbose_name=gettext_lazy("Next step"),
        accessor="next_step_due",
        order_by=("next_step_due", "id"),
        default="",
        attrs={"td": {"class": "nowrap"}},
    )
    created = created_column()
    actions = ActionsColumn()

    class Meta:
        model = Customer
        fields = (
            "select",
            "name",
            "email",
            "phone",
            "company",
            "owner",
            "tags",
            "status",
            "support",
            "last_activity",
            "next_step",
            "created",
            "actions",
        )
        order_by = ("-created",)
        empty_text = gettext_lazy("No customers found")
        attrs = {"class": "grid customer-grid"}
        # Named by the customer (its saved name, in edit mode too): a row found by name.
        row_attrs = {
            "id": lambda record: f"customer-{record.pk}",
            "aria-label": lambda record: record.name,
        }

    def __init__(self, *args, shown=None, searched="", **kwargs):
        """`shown`: the optional columns to show (customers/grid/columns.py), the
        user's choice; None shows every column. The others are hidden, not left out,
        so that sorting by one (the default sort, by Created) still works. `searched`:
        the search the rows were found by, to say which were found by a contact."""
        super().__init__(*args, **kwargs)
        self.found_by_contacts = FoundByContacts(searched) if searched else None
        if shown is not None:
            for name in OPTIONAL:
                if name not in shown:
                    self.columns.hide(name)

    def before_render(self, request):
        # Without the bulk bar (no right to change or delete) a checkbox would do nothing.
        user = request.user
        if not (
            user.has_perm("customers.change_customer") or user.has_perm("customers.delete_customer")
        ):
            self.columns.hide("select")

    # Built here rather than in templates: these run for every row of every page.
    def render_select(self, record):
        return format_html(
            '<input type="checkbox" name="ids" value="{}" form="{}" aria-label="{}">',
            record.pk,
            BULK_FORM_ID,
            _("Select {name}").format(name=record.name),
        )

    def render_name(self, record):
        link = format_html(
            '<a href="{}">{}</a>', self.pk_url("customer_detail", record.pk), record.name
        )
        if self.found_by_contacts and (names := self.found_by_contacts.of(record)):
            found_by = _("Found by contact: {names}").format(names=", ".join(names))
            return format_html('{}<small class="found-by">{}</small>', link, found_by)
        return link

    def render_actions(self, record):
        # Only what the user may do to this row (their role, and whose customer it is);
        # the owner is on the row, so asking costs no query.
        user = self.request.user
        back = self.back
        links = []
        if user.has_perm("customers.change_customer", record):
            update = self.pk_url("customer_update", record.pk)
            edit_here = {"hx-get": update, "hx-target": "closest tr", "hx-swap": "outerHTML"}
            links.append(
                row_action(_("Edit"), f"{update}?{back}", name=record.name, attrs=edit_here)
            )
        if user.has_perm("customers.delete_customer", record):
            delete = self.pk_url("customer_delete", record.pk)
            dialog = {
                "hx-get": delete,
                "hx-target": "body",
                "hx-swap": "beforeend",
                "class": "danger-link",
            }
            links.append(
                row_action(_("Delete"), f"{delete}?{back}", name=record.name, attrs=dialog)
            )
        if user.has_perm("customers.add_followup"):
            add_task = f"{self.task_create_url}?customer={record.pk}"
            links.append(
                row_action(
                    _("Add task"), f"{add_task}&{back}" if back else add_task, name=record.name
                )
            )
        return row_actions(links)

    @cached_property
    def task_create_url(self) -> str:
        return reverse("task_create")

    @cached_property
    def today(self):
        return timezone.localdate()

    def order_next_step(self, queryset, is_descending):
        """Soonest first, customers with no next step last; reversed, they come first (the
        ones slipping away). No next step counts as the furthest, on both databases:
        PostgreSQL's own order for an index read either way, and SQLite reads its index
        so too when told where the empty ones go."""
        due = F("next_step_due")
        if is_descending:
            return queryset.order_by(due.desc(nulls_first=True), F("id").desc()), True
        return queryset.order_by(due.asc(nulls_last=True), F("id").asc()), True

    def render_next_step(self, value):
        # Overdue says so in words, not by its colour alone.
        if value < self.today:
            return format_html(
                '<span class="next-step next-step--overdue">{} <strong>{}</strong></span>',
                day(value),
                _("overdue"),
            )
        return day(value)

    def render_owner(self, value):
        return display_name(value)

    def render_tags(self, record):
        return tag_chips(record.tag_pairs)

    def render_support(self, value):
        if not value:
            return ""
        return format_html(
            '<span class="badge badge-open">{}</span>', _("{count} open").format(count=value)
        )

    def render_email(self, record):
        return format_html(
            '<a href="mailto:{}">{}</a>', record.email, breakable_email(record.email)
        )

    def render_phone(self, record):
        return format_html('<a href="tel:{}">{}</a>', record.phone, record.phone_display)

    def render_status(self, value, record):
        return format_html('<span class="badge badge-{}">{}</span>', record.status, value)
