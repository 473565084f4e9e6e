from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy

from project.accounts import BoundedUsernameMixin

# Whoever may manage users (the Admin role) may use the admin; superusers may anyway.
ADMIN_PERMISSION = "auth.change_user"


def may_use_admin(user) -> bool:
    """The one rule for the admin site and the nav's "Admin" link (templates/base.html
    asks `perms.auth.change_user`, which is the same question)."""
    return user.is_active and user.has_perm(ADMIN_PERMISSION)


class RoleAdminAuthenticationForm(BoundedUsernameMixin, AdminAuthenticationForm):
    """The admin's own sign-in lets in users with the Admin role, who need not be
    staff; staff without it still sign in and are then told they are not authorized."""

    def confirm_login_allowed(self, user):
        AuthenticationForm.confirm_login_allowed(self, user)
        if not (user.is_staff or may_use_admin(user)):
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class CRMAdminSite(admin.AdminSite):
    """The admin is for superusers and the Admin role (users and roles, pipeline
    lists); everyone else works in the CRM itself."""

    site_header = gettext_lazy("CRM administration")
    site_title = gettext_lazy("CRM admin")
    login_form = RoleAdminAuthenticationForm

    def has_permission(self, request):
        return may_use_admin(request.user)
