"""django-tables2 pieces: a table whose page size is the view's, a single row, and the
columns and row links our tables share."""

import django_tables2 as tables
from django.forms.utils import flatatt
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django_tables2 import SingleTableMixin

from ui.http import fragment


class Table(tables.Table):
    """A table whose pages are as long as the view says.

    django-tables2 lets `?per_page=` in the URL override that, which would let anyone
    ask for a million rows at once (or for -1).
    """

    @property
    def prefixed_per_page_field(self):
        return None  # no query parameter has this name, so the URL is never read

    def __init__(self, *args, return_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # The page the table is on: where a row's Edit or Delete page sends the user back.
        self.return_url = return_url

    def back(self) -> str:
        """The `next=` query that leads back to `return_url` (empty if there is none)."""
        return urlencode({"next": self.return_url}) if self.return_url else ""


class TablePageMixin(SingleTableMixin):
    """A view showing a Table 25 rows a page, whose row links come back to this page."""

    table_pagination = {"per_page": 25}

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "return_url": self.request.get_full_path()}


def row_response(request, table, *, status: int = 200) -> TemplateResponse:
    """The first (only) row of `table`, from the `row` partial of its template."""
    return fragment(
        request, f"{table.template_name}#row", {"table": table, "row": table.rows[0]}, status=status
    )


class ActionsColumn(tables.Column):
    """The row's actions, as the table's `render_actions` builds them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "Actions")
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("attrs", {"th": {"class": "actions"}, "td": {"class": "actions"}})
        super().__init__(**kwargs)


class DayColumn(tables.Column):
    """A moment shown as its day in the user's time zone ("Mar 14, 2025")."""

    def render(self, value):
        return date_format(localtime(value), "M j, Y")


def row_action(label: str, href: str, *, name: str, attrs: dict | None = None) -> str:
    """A row's link that says what it does, and to which row for screen readers
    ("Edit" + a hidden " Acme"), since every row has one of the same name."""
    return format_html(
        '<a href="{}"{}>{}<span class="visually-hidden"> {}</span></a>',
        href,
        flatatt(attrs or {}),
        label,
        name,
    )


def row_actions(links) -> str:
    return format_html_join(" ", "{}", ((link,) for link in links))
