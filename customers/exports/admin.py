"""The export log in the admin: read only, as a log must be."""

from django.contrib import admin

from customers.models import ExportLog


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "columns", "query", "format", "row_count")
    list_filter = ("kind", "format")
    list_select_related = ("user",)
    ordering = ("-created_at", "-id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
