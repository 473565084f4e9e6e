"""django-tables2 pieces: a table whose page size is the view's, and a single row."""

import django_tables2 as tables
from django.template.response import TemplateResponse

from ui.http import fragment


class Table(tables.Table):
    """A table whose pages are as long as the view says.

    django-tables2 lets `?per_page=` in the URL override that, which would let anyone
    ask for a million rows at once (or for -1).
    """

    @property
    def prefixed_per_page_field(self):
        return None  # no query parameter has this name, so the URL is never read


def row_response(request, table, *, status: int = 200) -> TemplateResponse:
    """The first (only) row of `table`, from the `row` partial of its template."""
    return fragment(
        request, f"{table.template_name}#row", {"table": table, "row": table.rows[0]}, status=status
    )
