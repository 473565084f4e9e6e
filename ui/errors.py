"""The 403 answer: why the user was refused, as a page or as a toast for htmx.

htmx swaps nothing on a 403 (see the htmx-config in base.html); static/js/app.js then
shows a toast, reading its text from the response's `[data-error-message]` element.
So an htmx request gets only that element (the `message` partial), and a page the
whole template. A user with no role gets a page of their own ("ask your
administrator"), not the generic one.

A refusal is the permission system doing its job, not a fault: it is logged once, at
INFO, saying who asked for what and why they were refused, with no traceback.
"""

import logging

from django.shortcuts import render

from ui.access import NoRole

PAGE = "403.html"
NO_ROLE_PAGE = "no_role.html"
BAD_REQUEST_PAGE = "400.html"

logger = logging.getLogger("ui.refusals")


def permission_denied(request, exception=None):
    """handler403: project/urls.py points Django at it."""
    template = NO_ROLE_PAGE if isinstance(exception, NoRole) else PAGE
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        template = f"{template}#message"
    context = {"message": str(exception or "")}
    response = render(request, template, context, status=403)
    log_refusal(request, exception)
    # Django's request logger would log it again as a WARNING with the exception's
    # traceback; it skips a response marked as logged already (django.utils.log.log_response).
    response._has_been_logged = True
    return response


def log_refusal(request, exception) -> None:
    user = getattr(request, "user", None)
    who = user.get_username() if user is not None and user.is_authenticated else "anonymous"
    why = str(exception or "") or type(exception).__name__
    logger.info(
        "Refused %s: %s %s (%s)",
        who,
        request.method,
        request.get_full_path(),
        why,
        extra={"status_code": 403, "request": request},
    )


def bad_request(request, exception=None):
    """handler400: a plain page saying the request was not understood.

    Unlike Django's own handler it does not ask for a CSRF token: that check reads
    `request.POST` again, and a body that could not be read the first time (a form
    posted as UTF-16, say) would raise again, turning a 400 into a 500. The page is
    standalone for the same reason: nothing on it may touch the request's body.
    """
    return render(request, BAD_REQUEST_PAGE, status=400)
