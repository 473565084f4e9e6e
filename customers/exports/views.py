"""Exports: a list's rows as a CSV or XLSX file, exactly as the list shows them.

A GET without `format` is a small page to choose the format (and, for customers,
the columns); with it, the file itself. The list's search, filters and sort ride
along in the same query string, so the grid's "Export CSV" link is just the grid's
URL pointed here. Each export is logged (customers.exports.services).
"""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from customers.core.permissions import role_cannot
from customers.core.selectors import customer_list
from customers.exports import customer_rows, other_rows
from customers.exports.forms import FORMAT, Columns, ExportForm
from customers.exports.services import counted, export_finished, export_started
from customers.grid.selectors import customer_grid
from customers.models import ExportLog
from ui.access import PermissionRequiredMixin
from ui.spreadsheets import Sheet, csv_response, xlsx_response

UNPROCESSABLE = 422
# An XLSX file is built whole before its first byte leaves (writers.py), inside the
# request: at 100,000 rows that is half a minute on a busy 2-core machine, at a million
# longer than a worker may take. Beyond this many rows, CSV (streamed, any size) it is.
XLSX_MAX_ROWS = 100_000
# Not filters: how to export, and the page the list was on (a file holds every page).
NOT_FILTERS = {FORMAT, "columns", "page"}


class ExportView(PermissionRequiredMixin, TemplateView):
    """The choice of format, or the file. Subclasses say what is exported:
    `get_sheets()`, and where the user came from: `get_back_url()`."""

    template_name = "customers/exports/export_form.html"
    # Not HEAD: a link checker's HEAD would read every row and log an export.
    http_method_names = ["get", "options"]
    kind: str
    heading: str
    formats = ExportLog.Format.values
    choose_columns = False

    def get(self, request, *args, **kwargs):
        self.prepare()
        chosen = FORMAT in request.GET
        form = ExportForm(
            request.GET if chosen else None,
            choose_columns=self.choose_columns,
            formats=self.formats,
        )
        filter_form = self.get_filter_form()
        filters_valid = filter_form is None or filter_form.is_valid()
        if chosen and form.is_valid() and filters_valid and self.fits(form):
            return self.export(form.cleaned_data)
        context = self.get_context_data(form=form, filter_form=filter_form)
        invalid = not filters_valid or (chosen and not form.is_valid())
        return self.render_to_response(context, status=UNPROCESSABLE if invalid else 200)

    # Hooks --------------------------------------------------------------------

    def prepare(self) -> None:
        """Find what the export is of (a customer, say) before anything else."""

    def get_filter_form(self):
        """The list's filter form, bound to the query string (None: no filters)."""
        return None

    def get_sheets(self, options: dict) -> list[Sheet]:
        raise NotImplementedError

    def get_back_url(self) -> str:
        raise NotImplementedError

    def get_rows(self):
        """The rows to export, to count before an XLSX (None: few enough anyway)."""
        return None

    def get_file_stem(self) -> str:
        return self.kind

    def get_logged_query(self) -> str:
        return self.filters_query()

    # --------------------------------------------------------------------------

    def filters_query(self) -> str:
        """The query string without how to export: the list's search, filters, sort."""
        data = self.request.GET.copy()
        for name in NOT_FILTERS:
            data.pop(name, None)
        return data.urlencode()

    def fits(self, form) -> bool:
        """Whether the chosen format can hold the rows; if not, the form says so."""
        rows = self.get_rows()
        if form.cleaned_data[FORMAT] != ExportLog.Format.XLSX or rows is None:
            return True
        most = getattr(settings, "EXPORT_XLSX_MAX_ROWS", XLSX_MAX_ROWS)
        # Counted only up to the limit: a capped count stops there, at a million rows too.
        if rows.order_by().values("pk")[: most + 1].count() <= most:
            return True
        form.add_error(
            FORMAT,
            _(
                "More than {most} rows: choose CSV, which has no limit, or narrow the list first."
            ).format(most=number_format(most, force_grouping=True)),
        )
        return False

    def export(self, options: dict):
        file_format = options[FORMAT]
        log = export_started(
            user=self.request.user,
            kind=self.kind,
            query=self.get_logged_query(),
            format=file_format,
            columns=options.get("columns", ""),
        )
        language = translation.get_language()
        sheets = [in_language(sheet, language) for sheet in self.get_sheets(options)]
        # Today where the business is (TIME_ZONE), not on the server's clock.
        filename = f"{self.get_file_stem()}-{timezone.localdate():%Y-%m-%d}.{file_format}"
        if file_format == ExportLog.Format.CSV:
            (sheet,) = sheets
            sheet.rows = counted(sheet.rows, log=log)
            return csv_response(sheet, filename=filename)
        tally = [0]
        for sheet in sheets:
            sheet.rows = _tallied(sheet.rows, tally)
        response = xlsx_response(sheets, filename=filename)
        export_finished(log=log, rows=tally[0])
        return response

    def get_context_data(self, **kwargs):
        hidden = [
            (name, value)
            for name, values in self.request.GET.lists()
            if name not in NOT_FILTERS
            for value in values
        ]
        return super().get_context_data(
            heading=self.heading, back_url=self.get_back_url(), hidden=hidden, **kwargs
        )


def in_language(sheet: Sheet, language: str) -> Sheet:
    """The sheet in the language of the user it is made for: the one their pages are in
    (their own setting, else their browser's; project/language.py). A CSV is written as
    it streams, after the view has returned, so its rows are read in that language too."""
    sheet.title = str(sheet.title)
    sheet.headers = [str(header) for header in sheet.headers]
    sheet.rows = _rows_in(sheet.rows, language)
    return sheet


def _rows_in(rows, language: str):
    with translation.override(language):
        yield from rows


def _tallied(rows, tally: list[int]):
    for row in rows:
        tally[0] += 1
        yield row


# --- The customer grid -------------------------------------------------------------


class CustomerExportView(ExportView):
    """Every customer the grid shows for its URL, with its columns or every field."""

    permission_required = "customers.view_customer"
    permission_denied_message = role_cannot(gettext_lazy("export customers"))
    kind = ExportLog.Kind.CUSTOMERS
    heading = gettext_lazy("Export customers")
    choose_columns = True

    def prepare(self):
        all_fields = self.request.GET.get("columns") == Columns.ALL
        self.found = customer_rows.customers_as_the_grid_shows(
            request=self.request, data=self.request.GET, all_fields=all_fields
        )

    def get_filter_form(self):
        return self.found.filterset.form

    def get_rows(self):
        return self.found.queryset

    def get_sheets(self, options):
        columns = self.found.columns
        rows = customer_rows.customer_rows(queryset=self.found.queryset, columns=columns)
        return [Sheet(self.kind.label, [header for header, _ in columns], rows)]

    def get_back_url(self):
        query = self.filters_query()
        return reverse("customer_list") + (f"?{query}" if query else "")


# --- The deal list -----------------------------------------------------------------


class DealExportView(ExportView):
    """Every deal the deal list shows for its URL, in its order."""

    permission_required = "customers.view_deal"
    permission_denied_message = role_cannot(gettext_lazy("export deals"))
    kind = ExportLog.Kind.DEALS
    heading = gettext_lazy("Export deals")

    def prepare(self):
        self.filterset, self.deals = other_rows.deals_as_the_list_shows(
            request=self.request, data=self.request.GET
        )

    def get_filter_form(self):
        return self.filterset.form

    def get_rows(self):
        return self.deals

    def get_sheets(self, options):
        rows = other_rows.deal_rows(queryset=self.deals)
        return [Sheet(self.kind.label, other_rows.DEAL_HEADERS, rows)]

    def get_back_url(self):
        query = self.filters_query()
        return reverse("deal_list") + (f"?{query}" if query else "")


# --- A customer's contacts and activity, or everyone's -----------------------------


class OfCustomerMixin:
    """An export of one customer's records when the URL names one, else of all."""

    def prepare(self):
        pk = self.kwargs.get("pk")
        self.customer = get_object_or_404(customer_list(), pk=pk) if pk else None

    def get_back_url(self):
        if self.customer is None:
            return reverse("customer_list")
        return reverse("customer_detail", args=[self.customer.pk])

    def get_logged_query(self):
        return urlencode({"customer": self.customer.pk}) if self.customer else ""

    def get_file_stem(self):
        if self.customer is None:
            return self.kind
        return f"customer-{self.customer.pk}-{self.kind}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(customer=self.customer, **kwargs)


class ContactExportView(OfCustomerMixin, ExportView):
    permission_required = "customers.view_contact"
    permission_denied_message = role_cannot(gettext_lazy("export contacts"))
    kind = ExportLog.Kind.CONTACTS
    heading = gettext_lazy("Export contacts")

    def get_rows(self):
        return other_rows.contacts_to_export(customer=self.customer)

    def get_sheets(self, options):
        contacts = other_rows.contacts_to_export(customer=self.customer)
        rows = other_rows.contact_rows(queryset=contacts)
        return [Sheet(self.kind.label, other_rows.CONTACT_HEADERS, rows)]


class ActivityExportView(OfCustomerMixin, ExportView):
    permission_required = "customers.view_interaction"
    permission_denied_message = role_cannot(gettext_lazy("export activity"))
    kind = ExportLog.Kind.ACTIVITY
    heading = gettext_lazy("Export activity")

    def get_rows(self):
        return other_rows.activity_to_export(customer=self.customer)

    def get_sheets(self, options):
        activity = other_rows.activity_to_export(customer=self.customer)
        rows = other_rows.activity_rows(queryset=activity)
        return [Sheet(self.kind.label, other_rows.ACTIVITY_HEADERS, rows)]


# --- A customer's whole record -----------------------------------------------------


class RecordExportView(OfCustomerMixin, ExportView):
    """The customer's every field, contacts, activity and deals: a sheet each, so one
    XLSX workbook (a CSV file holds one table only). Each section only for a role that
    may see it on the record page."""

    permission_required = "customers.view_customer"
    permission_denied_message = role_cannot(gettext_lazy("export customers"))
    kind = ExportLog.Kind.RECORD
    heading = gettext_lazy("Export customer record")
    formats = [ExportLog.Format.XLSX]

    def get_file_stem(self):
        return f"customer-{self.customer.pk}"

    def get_sheets(self, options):
        customer, user = self.customer, self.request.user
        columns = customer_rows.ALL_FIELDS
        record = customer_grid().filter(pk=customer.pk)
        sheets = [
            Sheet(
                gettext_lazy("Customer"),
                [header for header, _ in columns],
                customer_rows.customer_rows(queryset=record, columns=columns),
            )
        ]
        if user.has_perm("customers.view_contact"):
            contacts = other_rows.contacts_to_export(customer=customer)
            rows = other_rows.contact_rows(queryset=contacts)
            sheets.append(Sheet(ExportLog.Kind.CONTACTS.label, other_rows.CONTACT_HEADERS, rows))
        if user.has_perm("customers.view_interaction"):
            activity = other_rows.activity_to_export(customer=customer)
            rows = other_rows.activity_rows(queryset=activity)
            sheets.append(Sheet(ExportLog.Kind.ACTIVITY.label, other_rows.ACTIVITY_HEADERS, rows))
        if user.has_perm("customers.view_deal"):
            rows = other_rows.deal_rows(queryset=other_rows.deals_of(customer))
            sheets.append(Sheet(ExportLog.Kind.DEALS.label, other_rows.DEAL_HEADERS, rows))
        return sheets


# --- The log -----------------------------------------------------------------------


class ExportLogView(PermissionRequiredMixin, ListView):
    """Who exported what, and when: for administrators."""

    permission_required = "customers.view_exportlog"
    permission_denied_message = role_cannot(gettext_lazy("see the export log"))
    template_name = "customers/exports/export_log.html"
    paginate_by = 50
    context_object_name = "exports"

    def get_queryset(self):
        return ExportLog.objects.select_related("user").order_by("-created_at", "-id")
