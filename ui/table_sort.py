"""A list's sort, taken from its own table, so a file comes out in the order on screen."""

from django.db.models import QuerySet
from django.http import QueryDict
from django_tables2 import RequestConfig


def sorted_as_the_table(table_class, queryset: QuerySet, *, request, data: QueryDict) -> QuerySet:
    """`queryset` in the order `table_class` shows it for the query `data` (its `sort=`,
    else the table's default): the column's own order_by, id as tie-breaker."""
    table = table_class(queryset)  # given the request, it would page (and count) the rows
    RequestConfig(_WithQuery(request, data), paginate=False).configure(table)
    return table.data.data


class _WithQuery:
    """The request as RequestConfig reads it, with `data` as its query string."""

    def __init__(self, request, data):
        self._request, self.GET = request, data

    def __getattr__(self, name):
        return getattr(self._request, name)
