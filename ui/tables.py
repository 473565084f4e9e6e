"""django-tables2 pieces: a table whose page size is the view's and whose rows render
fast, a single row, and the columns and row links our tables share."""

import inspect
from functools import cache, cached_property, lru_cache

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join, strip_tags
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext_lazy
from django_tables2 import SingleTableMixin

from ui.canonical_urls import CanonicalListUrlMixin
from ui.http import fragment
from ui.links import pk_url_maker
from ui.paginators import CappedPaginator


class Table(tables.Table):
    """A table whose pages are as long as the view says.

    django-tables2 lets `?per_page=` in the URL override that, which would let anyone
    ask for a million rows at once (or for -1).
    """

    # Columns whose header is read out but not shown (a column of checkboxes, say):
    # the header still names the column, and takes no room on screen.
    hidden_headers: tuple[str, ...] = ()

    @property
    def prefixed_per_page_field(self):
        return None  # no query parameter has this name, so the URL is never read

    def __init__(self, *args, return_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # The page the table is on: where a row's Edit or Delete page sends the user back.
        self.return_url = return_url
        self._pk_urls = {}  # by URL name, see pk_url()

    @cached_property
    def back(self) -> str:
        """The `next=` query that leads back to `return_url` (empty if there is none)."""
        return urlencode({"next": self.return_url}) if self.return_url else ""

    def pk_url(self, name: str, pk) -> str:
        """`reverse(name, args=[pk])`, each name reversed once per table."""
        try:
            make = self._pk_urls[name]
        except KeyError:
            make = self._pk_urls[name] = pk_url_maker(name)
        return make(pk)

    def row_html(self, row) -> str:
        """One row as HTML: `<tr>` with a `<td>` per column, built in Python.

        django-tables2 works out each cell's attributes, accessor and render signature
        again for every cell, and a template loop over the cells adds as much: most of a
        page's time. This works each column out once per table and renders the same
        HTML, each value escaped by Django's `conditional_escape`.
        """
        record = row.record
        attrs = {name: make(record) for name, make in self._row_attrs.items()}
        parity = row.get_even_odd_css_class()
        attrs["class"] = f"{attrs['class']} {parity}" if attrs.get("class") else parity
        opening = _attributes(attrs)
        cells = "".join(cell.html(record) for cell in self._cells)
        return SafeString(f"<tr{opening}>{cells}</tr>")

    def head_html(self) -> SafeString:
        """The header row's cells: a sort link on each sortable column (keeping the query
        string, leaving the page out), and aria-sort on the sorted one. What the template
        loop drew, at a fraction of its cost (it ran again on every keystroke)."""
        query = dict(self.request.GET.lists())
        query.pop(self.prefixed_page_field, None)
        cells = []
        for column in self.columns:
            sort = ""
            if column.is_ordered:
                order = "descending" if column.order_by_alias.is_descending else "ascending"
                sort = f' aria-sort="{order}"'
            header = conditional_escape(column.header)
            if column.name in self.hidden_headers:
                header = f'<span class="visually-hidden">{header}</span>'
            if column.orderable:
                query[self.prefixed_order_by_field] = column.order_by_alias.next
                href = conditional_escape("?" + urlencode(query, doseq=True))
                header = f'<a href="{href}">{header}</a>'
            cells.append(f'<th {column.attrs["th"].as_html()} scope="col"{sort}>{header}</th>')
        return SafeString("".join(cells))

    @cached_property
    def _cells(self) -> list["_Cell"]:
        return [_Cell(self, column) for column in self.columns]

    @cached_property
    def _row_attrs(self) -> dict:
        """Meta.row_attrs, each a function of the record (as django-tables2 calls them)."""
        return {name: _of_record(value, self) for name, value in self.row_attrs.items()}


def _of_record(value, table):
    if not callable(value):
        return lambda record: value
    wanted = inspect.signature(value).parameters
    if any(p.kind == p.VAR_KEYWORD for p in wanted.values()):
        return lambda record: value(record=record, table=table)
    return lambda record: value(
        **{name: arg for name, arg in (("record", record), ("table", table)) if name in wanted}
    )


class _Cell:
    """How one column's cells are rendered, worked out once for the table, as
    django-tables2's BoundRow.get_cell does."""

    def __init__(self, table, column):
        self.table = table
        self.link = column.link
        self.accessor = tables.A(column.accessor)
        # A plain attribute (most columns) is read directly, not through A.resolve().
        self.attribute = None if "." in self.accessor else str(self.accessor)
        self.empty_values = column.column.empty_values
        self.default = column.default
        self.render = column.render
        self.takes_all, self.arguments = _parameters(self.render)
        self.column = column
        self.record_only = self.arguments == {"record"} and not self.link  # most render_ methods
        # Such a method with no value counting as empty needs no value.
        self.value_unused = self.record_only and not self.empty_values
        self.labels = self._choices_labels(table)
        label = conditional_escape(strip_tags(column.header))
        self.opening = SafeString(f'<td {column.attrs["td"].as_html()} data-label="{label}">')

    def _choices_labels(self, table) -> dict | None:
        """The labels of the model field's choices, when the column shows one: what
        `get_<field>_display()` gives, which makes its dict anew on every call."""
        model = getattr(table._meta, "model", None)
        if model is None or "." in str(self.column.accessor):
            return None
        try:
            field = model._meta.get_field(str(self.column.accessor))
        except FieldDoesNotExist:
            return None
        return {key: str(label) for key, label in field.flatchoices} if field.choices else None

    def html(self, record) -> str:
        return f"{self.opening}{conditional_escape(self.content(record))}</td>"

    def content(self, record):
        if self.value_unused:
            return self.render(record=record)
        value = self.value(record)
        if value in self.empty_values:
            return self.default
        if self.record_only:
            return self.render(record=record)
        offered = {
            "value": value,
            "record": record,
            "column": self.column.column,
            "bound_column": self.column,
            "table": self.table,
        }
        if self.takes_all:
            content = self.render(**offered)
        else:
            content = self.render(**{name: offered[name] for name in self.arguments})
        return self.link(content, **offered) if self.link else content

    def value(self, record):
        if self.labels is not None:
            value = getattr(record, self.attribute)
            return self.labels.get(value, value)
        if self.attribute is None:
            return self.accessor.resolve(record, quiet=True)
        value = getattr(record, self.attribute, None)
        if callable(value) and not getattr(value, "do_not_call_in_templates", False):
            return value()
        return value


def _parameters(render) -> tuple[bool, frozenset[str]]:
    """Whether `render` takes **kwargs, and the names of the arguments it takes."""
    function = getattr(render, "__func__", render)  # a method: the same for every table
    return _parameters_of(function, skip_first=function is not render)


@cache
def _parameters_of(function, *, skip_first: bool) -> tuple[bool, frozenset[str]]:
    parameters = list(inspect.signature(function).parameters.values())[skip_first:]
    takes_all = any(p.kind == p.VAR_KEYWORD for p in parameters)
    names = {p.name for p in parameters if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
    return takes_all, frozenset(names)


class TablePageMixin(CanonicalListUrlMixin, SingleTableMixin):
    """A view showing a Table 25 rows a page, whose row links come back to this page;
    it counts up to a cap and pages to a depth that stay fast (ui/paginators.py), and
    keeps its URL to what was asked, on a page that exists (ui/canonical_urls.py)."""

    table_pagination = {"per_page": 25, "paginator_class": CappedPaginator}

    def page_shown(self, context):
        table = context.get(self.get_context_table_name(None))
        page = getattr(table, "page", None)
        return (page, table.prefixed_page_field) if page is not None else None

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
        kwargs.setdefault("verbose_name", gettext_lazy("Actions"))
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("attrs", {"th": {"class": "actions"}, "td": {"class": "actions"}})
        super().__init__(**kwargs)


class DayColumn(tables.Column):
    """A moment shown as its day in the user's time zone ("Mar 14, 2025")."""

    def render(self, value):
        return day(localtime(value).date())


def created_column() -> DayColumn:
    """The day a row was made (`created_at`), sortable, ties broken by id."""
    return DayColumn(
        accessor="created_at",
        verbose_name=gettext_lazy("Created"),
        order_by=("created_at", "id"),
        attrs={"td": {"class": "nowrap"}},
    )


def day(date) -> str:
    return _day(date, get_language())


@lru_cache(maxsize=4096)  # date_format is slow next to a lookup, and rows share their days
def _day(date, language: str) -> str:
    # `language` is only the cache's key: each language writes a day its own way.
    return date_format(date, "SHORT_DATE_FORMAT")


def row_action(label: str, href: str, *, name: str, attrs: dict[str, str] | None = None) -> str:
    """A row's link that says what it does, and to which row for screen readers
    ("Edit" + a hidden " Acme"), since every row has one of the same name."""
    return format_html(
        '<a href="{}"{}>{}<span class="visually-hidden"> {}</span></a>',
        href,
        _attributes(attrs or {}),
        label,
        name,
    )


def _attributes(attrs: dict) -> SafeString:
    """` name="value"` for each of `attrs`, in their order (flatatt() sorts them), each
    value through Django's `conditional_escape`."""
    return SafeString(
        "".join(f' {name}="{conditional_escape(value)}"' for name, value in attrs.items())
    )


def row_actions(links) -> str:
    return format_html_join(" ", "{}", ((link,) for link in links))
