"""Access checks that also make sense to htmx.

A redirect to the login page is wrong for an htmx request: htmx would follow it and
swap the login form into a table cell. Instead the browser is told to go there.
"""

from django.contrib.auth import mixins
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
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
        if not self.request.user.is_authenticated:
            return login_redirect(self.request, self.get_login_url())
        raise PermissionDenied(self.get_permission_denied_message())
