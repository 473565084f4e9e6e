"""Access checks that also make sense to htmx.

A redirect to the login page is wrong for an htmx request: htmx would follow it and
swap the login form into a table cell. Instead the browser is told to go there.
"""

from django.contrib.auth import mixins
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy
from django_htmx.http import HttpResponseClientRedirect


def login_redirect(request: HttpRequest, login_url: str | None = None) -> HttpResponse:
    """Send an anonymous user to the login page, and back to where they were after it."""
    if request.htmx:
        # The page the user is looking at, not the fragment's URL, is where to come back;
        # django-htmx gives it only when it is on this site.
        next_path = request.htmx.current_url_abs_path or request.get_full_path()
        response = redirect_to_login(next_path, resolve_url(login_url or "login"))
        client_redirect = HttpResponseClientRedirect(response["Location"])
        client_redirect.status_code = 401
        return client_redirect
    return redirect_to_login(request.get_full_path(), resolve_url(login_url or "login"))


class PermissionRequiredMixin(mixins.PermissionRequiredMixin):
    """Django's permission check, with an htmx-aware login redirect and a plain 403."""

    def handle_no_permission(self):
        user = self.request.user
        if not user.is_authenticated:
            return login_redirect(self.request, self.get_login_url())
        if has_no_role(user):
            raise NoRole(gettext_lazy("You don't have access yet."))
        raise PermissionDenied(self.get_permission_denied_message())


def has_no_role(user) -> bool:
    """Signed in, but given no role yet: not a superuser, and no permission at all.

    Roles are groups of permissions, so a user without any has none (the answer is
    cached on the user object by Django's ModelBackend: no query after the first).
    """
    return user.is_authenticated and not user.is_superuser and not user.get_all_permissions()


class NoRole(PermissionDenied):
    """The user may sign in but has no role: they see "ask your administrator"."""


class ObjectPermissionRequiredMixin(PermissionRequiredMixin):
    """Model permissions first (the mixin above), then the same permissions on the
    object the view works on: `user.has_perm(perm, obj)`, so an authorization
    backend can narrow them to what the user owns, say.

    The object is checked where it is loaded (`get_object()`); a view that finds
    its object another way calls `check_object_permission(obj)` itself. The
    refusal's message is for the user: set `object_permission_denied_message`
    (`{object}` is the object's name) or override `get_object_permission_denied_message`.
    """

    object_permission_denied_message = gettext_lazy("You may not change “{object}”.")

    def get_object_permission_required(self) -> tuple[str, ...]:
        return tuple(self.get_permission_required())

    def has_object_permission(self, obj) -> bool:
        user = self.request.user
        return all(user.has_perm(perm, obj) for perm in self.get_object_permission_required())

    def get_object_permission_denied_message(self, obj) -> str:
        return self.object_permission_denied_message.format(object=obj)

    def check_object_permission(self, obj):
        if not self.has_object_permission(obj):
            raise PermissionDenied(self.get_object_permission_denied_message(obj))
        return obj

    def get_object(self, queryset=None):
        return self.check_object_permission(super().get_object(queryset))
