from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers

from ui.access import login_redirect


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every URL needs a login unless its view says otherwise; htmx gets a client redirect.

    The views check their own permissions too. This is the net under them, so a view
    that forgets to is still never public.
    """

    def handle_no_permission(self, request, view_func):
        return login_redirect(request, self.get_login_url(view_func))


class VaryOnHtmxMiddleware:
    """Every response varies on HX-Request: a URL may answer with a page or with the
    fragment htmx asked for, and no cache, the browser's included, may hand out one
    for the other (the back button would show a bare fragment)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response


class HtmxMessagesMiddleware:
    """Deliver pending messages as toasts on htmx responses, out of band.

    Full pages render the toast region themselves (and so consume the messages);
    a fragment cannot, so the toasts ride along with it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and not request.htmx.history_restore_request
            and not response.streaming
            and not 300 <= response.status_code < 400
            and "HX-Redirect" not in response
            and response.get("Content-Type", "").startswith("text/html")
        ):
            pending = list(messages.get_messages(request))
            if pending:
                toasts = render_to_string(
                    "ui/toasts.html#oob", {"messages": pending}, request=request
                )
                response.content += toasts.encode(response.charset)
        return response


class PrivateCacheMiddleware:
    """Signed-in pages hold personal data: no shared cache may keep them (a fragment
    must never stand in for a page, nor one user's page for another's), and the browser
    keeps no copy either: `no-store`.

    `no-cache` is not enough for Back and Forward: browsers show a page from their cache
    (or their back-forward cache) then without asking, and every signed-in page here is
    changed after it loaded (htmx saves a row, adds a note, moves a deal) or by someone
    else meanwhile, so the copy would show what is no longer true. Asked again, the page
    comes back as the server holds it now, with no flash of the old one. (A browser that
    still restores such a page from its back-forward cache reloads it: static/js/app.js.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        return response
