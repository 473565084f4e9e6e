from django.contrib import admin


class SuperuserAdminSite(admin.AdminSite):
    """The admin is for superusers only; staff work in the CRM itself."""

    site_header = "CRM administration"
    site_title = "CRM admin"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser
