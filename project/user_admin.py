"""Users in the admin, where the Admin role manages accounts: only superusers manage
superusers.

The Admin role holds `auth.change_user` so that it can activate accounts and give
them roles. Django's own UserAdmin would also let it tick "Superuser status" (on its
own account or anyone's) or reset a superuser's password and so take the account:
either way it would hold every permission there is. Here a user who is not a
superuser sees "Superuser status" read-only, and sees a superuser's account
read-only: no change (password included), no delete.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

SUPERUSER_ONLY_FIELDS = ("is_superuser",)


class SuperuserSafeUserAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return (*fields, *SUPERUSER_ONLY_FIELDS)

    def has_change_permission(self, request, obj=None):
        # Also what the password change page asks (UserAdmin.user_change_password).
        return super().has_change_permission(request, obj) and self._may_manage(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_manage(request, obj)

    @staticmethod
    def _may_manage(request, obj) -> bool:
        return obj is None or not obj.is_superuser or request.user.is_superuser


def register(site: admin.AdminSite) -> None:
    """Put SuperuserSafeUserAdmin in place of the one django.contrib.auth registered."""
    if site.is_registered(User):
        site.unregister(User)
    site.register(User, SuperuserSafeUserAdmin)
