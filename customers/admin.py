"""The admin: for Admins and superusers, writing through the same services as the app,
so every change leaves history (each record's "History" page) and deletes go to the trash."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from customers.core.services import customer_create, customer_delete, customer_update, tag_delete
from customers.core.versioned import changed_values
from customers.deals.forms import DealForm
from customers.deals.services import deal_create, deal_delete, deal_update
from customers.exports import admin as exports_admin  # noqa: F401 (registers the export log)
from customers.models import ClosingReason, Contact, Customer, Deal, LeadSource, Stage, Tag
from customers.record.services import contact_create, contact_delete, contact_update


class OwnershipAdminMixin:
    """Ask about change and delete with the object, as the CRM's own views do.

    ModelAdmin asks `has_perm("app.change_model")` without it, so the ownership backend
    would never have its say. Only Admins and superusers reach the admin today, who may
    act for any owner; this keeps it honest if it is ever opened to a narrower role.
    """

    def _perm(self, action: str) -> str:
        return f"{self.opts.app_label}.{action}_{self.opts.model_name}"

    # Without an object, has_perm asks the model-level question, as ModelAdmin does.
    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("change"), obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("delete"), obj)


class ServiceAdmin(OwnershipAdminMixin, SimpleHistoryAdmin):
    """Saves and deletes through the services, so the admin keeps every rule the app does.

    Subclasses name their services; the fields the form offers are those they take.
    """

    create = update = delete = None  # delete(obj, by=user): customers go to the trash in their name

    def save_model(self, request, obj, form, change):
        if change:
            self.update(obj, changed_values(form))
        else:
            fields = {name: form.cleaned_data[name] for name in form.cleaned_data}
            m2m = {f.name for f in obj._meta.many_to_many}
            created = self.create(**{k: v for k, v in fields.items() if k not in m2m})
            obj.pk = created.pk
            obj.refresh_from_db()

    def delete_model(self, request, obj):
        self.delete(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete(obj, by=request.user)


@admin.register(Customer)
class CustomerAdmin(ServiceAdmin):
    list_display = ["name", "email", "phone_display", "company", "status", "owner", "created_at"]
    list_filter = ["status", "tags", "created_at"]
    list_select_related = ["owner"]
    # Plain `icontains` search, the admin's own: kept as the baseline the grid's
    # search is measured against.
    search_fields = ["name", "email", "phone", "company"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "name",
        "email",
        "phone",
        "company",
        "status",
        "owner",
        "tags",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["tags"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-id"]
    show_full_result_count = False

    create = staticmethod(customer_create)

    @staticmethod
    def update(customer, data):
        data.pop("tags", None)  # the form saves tags itself, after the customer
        customer_update(customer=customer, data=data)

    @staticmethod
    def delete(customer, *, by):
        # To the trash, as everywhere: the admin's default list (the default manager)
        # no longer shows it, and /trash/ can bring it back.
        customer_delete(customer=customer, by=by)

    @admin.display(description=gettext_lazy("Phone"), ordering="phone")
    def phone_display(self, customer):
        return customer.phone_display


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "colour", "customer_count"]
    list_editable = ["colour"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(customer_count=Count("customers"))

    # Through the service, so each customer's history says the tag was taken off.
    def delete_model(self, request, obj):
        tag_delete(tag=obj)

    def delete_queryset(self, request, queryset):
        for tag in queryset:
            tag_delete(tag=tag)

    @admin.display(description=gettext_lazy("Customers"), ordering="customer_count")
    def customer_count(self, tag):
        return tag.customer_count


@admin.register(Contact)
class ContactAdmin(ServiceAdmin):
    list_display = ["name", "title", "customer", "email", "is_primary"]
    list_select_related = ["customer"]
    search_fields = ["name", "email"]
    raw_id_fields = ["customer"]
    fields = ["customer", "name", "title", "email", "phone", "is_primary"]

    def get_queryset(self, request):
        # A trashed customer's contacts stay in the trash with it.
        return super().get_queryset(request).filter(customer__deleted_at__isnull=True)

    create = staticmethod(contact_create)

    @staticmethod
    def update(contact, data):
        contact_update(contact=contact, data=data)

    @staticmethod
    def delete(contact, *, by):
        contact_delete(contact=contact)


@admin.register(Deal)
class DealAdmin(ServiceAdmin):
    list_display = ["title", "customer", "stage", "amount", "currency", "owner", "expected_close"]
    list_filter = ["stage", "currency", "lead_source"]
    list_select_related = ["customer", "stage", "owner"]
    search_fields = ["title"]
    raw_id_fields = ["customer"]
    fields = DealForm.Meta.fields  # what the deal form edits, in its order

    create = staticmethod(deal_create)

    @staticmethod
    def update(deal, data):
        deal_update(deal=deal, data=data)

    @staticmethod
    def delete(deal, *, by):
        deal_delete(deal=deal)


class OrderedListAdmin(admin.ModelAdmin):
    """A short list admins keep in order: stages, closing reasons, lead sources."""

    list_display = ["name", "position"]
    list_editable = ["position"]
    ordering = ["position", "name"]


@admin.register(Stage)
class StageAdmin(OrderedListAdmin):
    list_display = ["name", "position", "outcome", "probability"]
    list_editable = ["position", "outcome", "probability"]


admin.site.register(ClosingReason, OrderedListAdmin)
admin.site.register(LeadSource, OrderedListAdmin)
