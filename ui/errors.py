"""The 403 answer: why the user was refused, as a page or as a toast for htmx.

htmx swaps nothing on a 403 (see the htmx-config in base.html); static/js/app.js then
shows a toast, reading its text from the response's `[data-error-message]` element.
So an htmx request gets only that element (the `message` partial), and a page the
whole template. A user with no role gets a page of their own ("ask your
administrator"), not the generic one.
"""

from django.shortcuts import render

from ui.access import NoRole

PAGE = "403.html"
NO_ROLE_PAGE = "no_role.html"
BAD_REQUEST_PAGE = "400.html"


def permission_denied(request, exception=None):
    """handler403: project/urls.py points Django at it."""
    template = NO_ROLE_PAGE if isinstance(exception, NoRole) else PAGE
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        template = f"{template}#message"
    context = {"message": str(exception or "")}
    return render(request, template, context, status=403)


def bad_request(request, exception=None):
    """handler400: a plain page saying the request was not understood.

    Unlike Django's own handler it does not ask for a CSRF token: that check reads
    `request.POST` again, and a body that could not be read the first time (a form
    posted as UTF-16, say) would raise again, turning a 400 into a 500. The page is
    standalone for the same reason: nothing on it may touch the request's body.
    """
    return render(request, BAD_REQUEST_PAGE, status=400)
