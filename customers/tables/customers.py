import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.timezone import localtime

from customers.models import Customer
from ui.tables import Table


class CustomerTable(Table):
    caption = "Customers"

    name = tables.Column(order_by=("name", "id"))
    email = tables.EmailColumn(order_by=("email", "id"))
    phone = tables.Column(order_by=("phone", "id"), attrs={"td": {"class": "nowrap"}})
    company = tables.Column(order_by=("company", "id"))
    status = tables.Column(order_by=("status", "id"))
    created = tables.Column(
        accessor="created_at",
        verbose_name="Created",
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

    # Built here rather than in a template: this runs for every row of every page.
    def render_actions(self, record):
        update = reverse("customer_update", args=[record.pk])
        delete = reverse("customer_delete", args=[record.pk])
        back = urlencode({"next": self.return_url})
        return format_html(
            '<a href="{}?{}" hx-get="{}" hx-target="closest tr" hx-swap="outerHTML">'
            'Edit<span class="visually-hidden"> {}</span></a> '
            '<a href="{}?{}" hx-get="{}" hx-target="body" hx-swap="beforeend" class="danger-link">'
            'Delete<span class="visually-hidden"> {}</span></a>',
            update,
            back,
            update,
            record.name,
            delete,
            back,
            delete,
            record.name,
        )

    def render_created(self, value):
        return date_format(localtime(value), "M j, Y")

    def render_phone(self, record):
        return format_html('<a href="tel:{}">{}</a>', record.phone, record.phone_display)

    def render_status(self, record):
        return format_html(
            '<span class="badge badge-{}">{}</span>', record.status, record.get_status_display()
        )
