"""Answers to htmx requests that change something elsewhere on the page."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django_htmx.http import reswap, trigger_client_event

# Closes the open modal dialog (static/js/app.js listens for it).
CLOSE_DIALOG = "close-dialog"


def htmx_done(*events: str, content: str = "", status: int = 200) -> HttpResponse:
    """Swap nothing into the target, fire `events` on the page.

    Used when a dialog's work is done: the dialog closes and the regions that
    listen for the events refresh themselves. `content` may carry out-of-band
    swaps; messages ride along as toasts.
    """
    response = reswap(
        HttpResponse(content, content_type="text/html; charset=utf-8", status=status), "none"
    )
    for event in events:
        trigger_client_event(response, event)
    return response


def fragment(request, template_name: str, context: dict, *, status: int = 200) -> TemplateResponse:
    """A piece of a page (`template#partial`), for htmx to swap in: the answer to a
    write that changed a region, or a fragment that only htmx asks for.

    Views whose GET is a page or one of its partials use ui.views.PartialTemplateMixin
    instead; these two are the only ways a fragment is made.
    """
    return TemplateResponse(request, template_name, context, status=status)
