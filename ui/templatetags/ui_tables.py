from django import template

register = template.Library()


@register.simple_tag
def table_row(table, row):
    """The row's `<tr>`, rendered by `ui.tables.Table.row_html`."""
    return table.row_html(row)


@register.simple_tag
def table_head(table):
    """The header row's cells, rendered by `ui.tables.Table.head_html`."""
    return table.head_html()
