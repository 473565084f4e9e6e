import django_tables2 as tables
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.money import format_money
from customers.core.owners import display_name
from customers.models import Deal
from ui.tables import (
    ActionsColumn,
    Table,
    created_column,
    row_action,
    row_actions,
)


class DealTable(Table):
    caption = gettext_lazy("Deals")

    # Sortable only where an index ending in the id serves the sort.
    # Named here, not by the model's verbose names, so that they are translated.
    title = tables.Column(gettext_lazy("Title"), order_by=("title", "id"))
    customer = tables.Column(gettext_lazy("Customer"), orderable=False)
    stage = tables.Column(gettext_lazy("Stage"), orderable=False)
    amount = tables.Column(
        gettext_lazy("Amount"),
        order_by=("amount", "id"),
        attrs={"td": {"class": "nowrap number"}},
    )
    owner = tables.Column(gettext_lazy("Owner"), orderable=False, default="—")
    expected_close = tables.Column(
        verbose_name=gettext_lazy("Expected close"),
        order_by=("expected_close", "id"),
        attrs={"td": {"class": "nowrap"}},
        default="—",
    )
    created = created_column()
    actions = ActionsColumn()

    class Meta:
        model = Deal
        fields = (
            "title",
            "customer",
            "stage",
            "amount",
            "owner",
            "expected_close",
            "created",
            "actions",
        )
        order_by = ("-created",)
        empty_text = gettext_lazy("No deals found")
        attrs = {"class": "grid"}
        row_attrs = {"id": lambda record: f"deal-{record.pk}"}

    # Built here rather than in templates: these run for every row of every page.
    def render_title(self, record):
        if not self.request.user.has_perm("customers.change_deal", record):
            return record.title
        return format_html(
            '<a href="{}?{}">{}</a>',
            self.pk_url("deal_update", record.pk),
            self.back,
            record.title,
        )

    def render_customer(self, record):
        return format_html(
            '<a href="{}">{}</a>',
            self.pk_url("customer_detail", record.customer_id),
            record.customer.name,
        )

    def render_stage(self, record):
        return format_html(
            '<span class="badge badge-stage badge-{}">{}</span>',
            record.stage.outcome,
            record.stage.name,
        )

    def render_amount(self, record):
        return format_money(record.amount, record.currency)

    def render_owner(self, record):
        return display_name(record.owner)

    def render_expected_close(self, value):
        return date_format(value)

    def render_actions(self, record):
        # Only what the user may do to this deal (their role, and whose deal it is);
        # the owner is on the row, so asking costs no query.
        user, back = self.request.user, self.back
        links = []
        if user.has_perm("customers.change_deal", record):
            edit = f"{self.pk_url('deal_update', record.pk)}?{back}"
            links.append(row_action(_("Edit"), edit, name=record.title))
        if user.has_perm("customers.delete_deal", record):
            delete = f"{self.pk_url('deal_delete', record.pk)}?{back}"
            dialog = {
                "hx-get": delete,
                "hx-target": "body",
                "hx-swap": "beforeend",
                "class": "danger-link",
            }
            links.append(row_action(_("Delete"), delete, name=record.title, attrs=dialog))
        return row_actions(links)
