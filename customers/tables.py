import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils.html import format_html

from customers.models import Customer
from ui.tables import Table


class CustomerTable(Table):
    caption = "Customers"

    name = tables.Column(order_by=("name", "id"))
    email = tables.EmailColumn(order_by=("email", "id"))
    phone = tables.Column(order_by=("phone", "id"), attrs={"td": {"class": "nowrap"}})
    company = tables.Column(order_by=("company", "id"))
    status = tables.Column(order_by=("status", "id"))
    created = tables.DateTimeColumn(
        accessor="created_at",
        verbose_name="Created",
        format="M j, Y",
        order_by=("created_at", "id"),
        attrs={"td": {"class": "nowrap"}},
    )
    actions = tables.Column(
        verbose_name="Actions",
        accessor="pk",
        orderable=False,
        attrs={"th": {"class": "actions"}, "td": {"class": "actions"}},
    )

    class Meta:
        model = Customer
        fields = ("name", "email", "phone", "company", "status", "created", "actions")
        order_by = ("-created",)
        empty_text = "No customers found"
        attrs = {"class": "grid"}
        row_attrs = {"id": lambda record: f"customer-{record.pk}"}

    def __init__(self, *args, return_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # Where the no-JavaScript Edit page sends the user back to after saving.
        self.return_url = return_url

    def render_actions(self, record):
        # No request: the links need none, and context processors per row add up.
        return render_to_string(
            "customers/_row_actions.html", {"record": record, "return_url": self.return_url}
        )

    def render_phone(self, record):
        return format_html('<a href="tel:{}">{}</a>', record.phone, record.phone_display)

    def render_status(self, record):
        return format_html(
            '<span class="badge badge-{}">{}</span>', record.status, record.get_status_display()
        )
