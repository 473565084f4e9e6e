"""Render a single django-tables2 row, exactly as the table template draws it."""

from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers


def row_response(request, table, *, status: int = 200) -> TemplateResponse:
    """The first (only) row of `table`, from the `row` partial of its template."""
    response = TemplateResponse(
        request,
        f"{table.template_name}#row",
        {"table": table, "row": table.rows[0]},
        status=status,
    )
    patch_vary_headers(response, ("HX-Request",))
    return response
