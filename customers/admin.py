from django.contrib import admin

from customers.forms import changed_values
from customers.models import Customer
from customers.services import customer_create, customer_delete, customer_update


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    """The admin writes through the same services as the grid."""

    list_display = ["name", "email", "phone_display", "company", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "email", "phone", "company"]
    readonly_fields = ["created_at", "updated_at"]
    fields = ["name", "email", "phone", "company", "status", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-id"]
    show_full_result_count = False

    @admin.display(description="Phone", ordering="phone")
    def phone_display(self, customer):
        return customer.phone_display

    def save_model(self, request, obj, form, change):
        if change:
            customer_update(customer=obj, data=changed_values(form))
        else:
            obj.pk = customer_create(**form.cleaned_data).pk
            obj.refresh_from_db()

    def delete_model(self, request, obj):
        customer_delete(customer=obj)

    def delete_queryset(self, request, queryset):
        for customer in queryset:
            customer_delete(customer=customer)
