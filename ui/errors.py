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


def permission_denied(request, exception=None):
    """handler403: project/urls.py points Django at it."""
    template = NO_ROLE_PAGE if isinstance(exception, NoRole) else PAGE
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        template = f"{template}#message"
    context = {"message": str(exception or "")}
    return render(request, template, context, status=403)
