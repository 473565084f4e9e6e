"""A list's URL says only what it means, so it can be bookmarked, shared and gone back to.

- A form sent without JavaScript sends every field, the empty ones too
  (`?q=jose&status=&tag=`): the browser is sent on to the URL of what was set (`?q=jose`).
  With htmx the form leaves them out itself (data-drop-empty in static/js/app.js).
- A `?page=` past the last page (a bookmark of a list that shrank, the last row of the
  last page just deleted) answers with the last page at its own URL: a redirect for a
  page; for htmx the last page in place, with the URL the address bar should show.
"""

from copy import copy

from django.http import QueryDict
from django.shortcuts import redirect


class CanonicalListUrlMixin:
    """For a list view: `page_shown(context)` gives the page it showed and the name of
    its page parameter (TablePageMixin and a paginated ListView say it their way)."""

    def page_shown(self, context: dict):
        page = context.get("page_obj")
        return (page, self.page_kwarg) if page is not None else None

    def get(self, request, *args, **kwargs):
        if not request.htmx and (query := without_empty(request.GET)) != request.GET:
            return redirect(url_with_query(request, query))
        response = super().get(request, *args, **kwargs)
        shown = self.page_shown(getattr(response, "context_data", None) or {})
        if shown is None:
            return response
        page, param = shown
        last = last_page_if_past_end(page, requested_page(request, param))
        if last is None:
            return response
        query = request.GET.copy()
        query[param] = str(last)
        if last == 1:
            del query[param]
        url = url_with_query(request, query)
        if not request.htmx:
            return redirect(url)
        # htmx is answered in place: the region asked for, on the last page, as if asked
        # for that page (its own links and refresh URL then name it too).
        self.request = on_query(request, query)
        response = super().get(self.request, *args, **kwargs)
        # A region refreshing the page the address bar shows corrects that entry; a
        # link to another page adds the one it landed on, as the link would have.
        shown_url = request.htmx.current_url_abs_path
        response["HX-Replace-Url" if shown_url == request.get_full_path() else "HX-Push-Url"] = url
        return response


def without_empty(query: QueryDict) -> QueryDict:
    """`query` without the parameters whose every value is empty."""
    kept = QueryDict(mutable=True)
    for key, values in query.lists():
        if any(value != "" for value in values):
            kept.setlist(key, values)
    return kept


def requested_page(request, param: str) -> int | None:
    try:
        return int(request.GET.get(param, ""))
    except ValueError:
        return None


def last_page_if_past_end(page, requested: int | None) -> int | None:
    """The number of the last page with rows when `requested` lies past it, else None.

    Paginators fall back to their last page when asked past it (django-tables2's
    RequestConfig and Paginator.get_page alike); one that pages past a capped count
    (ui.paginators.CappedPaginator) shows an empty page instead, and counts the rows
    before it to find the last page, no further than the rows that page skipped.
    """
    if requested is None or requested < 2:
        return None
    paginator = page.paginator
    if page.object_list:
        # Past the deepest page one may ask for, with rows beyond it, that page says
        # so itself (its notice): it is not the last.
        at_the_depth = getattr(paginator, "beyond_max_page", False) and paginator.rows_past_max_page
        return page.number if page.number < requested and not at_the_depth else None
    if page.number == 1:
        return 1  # no rows at all: page 1 says so
    return paginator.last_page_within(page.number)


def url_with_query(request, query: QueryDict) -> str:
    return f"{request.path}?{query.urlencode()}" if query else request.path


def on_query(request, query: QueryDict):
    """A copy of `request` as if it had asked with `query`."""
    changed = copy(request)
    changed.GET = query
    changed.META = {**request.META, "QUERY_STRING": query.urlencode()}
    return changed
