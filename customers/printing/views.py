"""Printouts: the grid as a report, and a customer's record as a dossier.

Each is a page of its own, shaped for paper (templates/customers/printing/), that the
browser prints or saves as PDF: no navigation, no controls on paper, the title saying
what it is. Both only read, so GET only; a printout is never an htmx fragment.
"""

from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from customers.core.permissions import ROLE_CANNOT
from customers.grid.columns import shown_columns
from customers.printing import selectors
from customers.printing.rows import customer_rows, headers, printed_columns
from customers.printing.titles import filters_in_words, printed_by, sort_in_words
from ui.access import PermissionRequiredMixin

UNPROCESSABLE = 422


class CustomerListPrintView(PermissionRequiredMixin, TemplateView):
    """Every customer the grid shows for the same query string, on paper: up to
    selectors.PRINT_MAX_ROWS of them, else a word to export instead."""

    permission_required = "customers.view_customer"
    permission_denied_message = ROLE_CANNOT.format(action="print customers")
    template_name = "customers/printing/customer_list.html"
    http_method_names = ["get", "options"]

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        valid = context["found"].filterset.is_valid()
        return self.render_to_response(context, status=200 if valid else UNPROCESSABLE)

    def get_context_data(self, **kwargs):
        request, user = self.request, self.request.user
        # Contacts only for a role that sees them on the record page.
        with_contacts = bool(request.GET.get("contacts")) and user.has_perm(
            "customers.view_contact"
        )
        found = selectors.customers_to_print(
            request=request, data=request.GET, with_contacts=with_contacts
        )
        query = selectors.filters_of(request.GET)
        query_string = f"?{query.urlencode()}" if query else ""
        context = {
            "found": found,
            "with_contacts": with_contacts,
            "may_see_contacts": user.has_perm("customers.view_contact"),
            "printed": printed_by(user),
            "back_url": reverse("customer_list") + query_string,
            "export_url": reverse("customer_export") + query_string,
            # The "With contacts" form resubmits the grid's query along with the box.
            "hidden": [(name, value) for name, values in query.lists() for value in values],
        }
        if found.rows:
            # The columns the user shows on the grid: paper shows what the screen does.
            columns = printed_columns(shown_columns(request))
            context["rows"] = customer_rows(found.rows, contacts=found.contacts, columns=columns)
            context["columns"] = headers(columns)
        if found.filterset.is_valid():
            context["filters"] = filters_in_words(found.filterset.form.cleaned_data, user=user)
            context["sort"] = sort_in_words(*selectors.sort_of(query))
        return super().get_context_data(**context, **kwargs)


class CustomerRecordPrintView(PermissionRequiredMixin, DetailView):
    """A customer's record on a page or three: fields, owner, tags, contacts, open
    deals, open tasks and support requests, and the latest activity. Whoever may see
    the record page may print it; each section as the record page shows it to them."""

    permission_required = "customers.view_customer"
    permission_denied_message = ROLE_CANNOT.format(action="print customers")
    template_name = "customers/printing/customer_record.html"
    context_object_name = "customer"
    http_method_names = ["get", "options"]

    def get_queryset(self):
        return selectors.customer_to_print()

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            dossier=selectors.dossier(customer=self.object, user=user),
            printed=printed_by(user),
            back_url=self.object.get_absolute_url(),
            activity_shown=selectors.DOSSIER_ACTIVITY,
            **kwargs,
        )
