"""Old URLs that moved keep working, so bookmarks and open tabs do not break."""

from django.urls import path
from django.views.generic import RedirectView


class MovedPermanently(RedirectView):
    """308 to the URL's new place, with its query string: unlike a 301, a 308 keeps
    the method, so a form posted from a page loaded before the move still lands."""

    permanent = True
    query_string = True

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 301:
            response.status_code = 308
        return response


def moved(route: str, to: str):
    """`path(route, ...)` that sends the browser on to the URL named `to`, with the
    same arguments."""
    return path(route, MovedPermanently.as_view(pattern_name=to))
