from django import template

register = template.Library()


@register.simple_tag
def table_row(table, row):
    """The row's `<tr>`, rendered by `ui.tables.Table.row_html`."""
    return table.row_html(row)
