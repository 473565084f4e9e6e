"""Customer views: each is a full page, or the fragment htmx asked for.

Views stay thin: the services do the writing, the selectors the reading, and the
mixins from `ui` decide between page and fragment.
"""

from django.contrib import messages
from django.urls import reverse, reverse_lazy
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView
from django_filters.views import FilterView

from customers.filters import CustomerFilter
from customers.forms import CustomerForm
from customers.forms.bulk import BulkActionForm
from customers.models import Customer
from customers.selectors import customer_grid, customer_list
from customers.selectors.trash import along_with
from customers.services import customer_create, customer_delete, customer_update
from customers.tables import CustomerTable
from customers.views.access import (
    NOT_YOURS_TO_CHANGE,
    NOT_YOURS_TO_DELETE,
    ROLE_CANNOT,
    OwnerFieldMixin,
)
from customers.views.events import CUSTOMER_CREATED, CUSTOMERS_CHANGED
from customers.views.trash import offer_undo
from customers.views.versioned import VersionedEditMixin
from ui.access import ObjectPermissionRequiredMixin, PermissionRequiredMixin
from ui.http import CLOSE_DIALOG, htmx_done
from ui.tables import TablePageMixin, row_response
from ui.views import (
    DialogDeleteMixin,
    FragmentOnlyMixin,
    NextUrlMixin,
    PartialTemplateMixin,
    ServiceFormMixin,
)


class CustomerListView(PermissionRequiredMixin, PartialTemplateMixin, TablePageMixin, FilterView):
    permission_required = "customers.view_customer"
    template_name = "customers/customer_list.html"
    partial_name = "results"
    filterset_class = CustomerFilter
    table_class = CustomerTable

    def get_queryset(self):
        return customer_grid()

    def get_table_pagination(self, table):
        return {**super().get_table_pagination(table), **self.filterset.count_hint()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.wants_fragment():  # the bulk bar is on the page, outside the results
            context["bulk_form"] = BulkActionForm()
        return context


class CustomerRowView(PermissionRequiredMixin, FragmentOnlyMixin, DetailView):
    """One customer's display row: what "Cancel" puts back in place of the edit row."""

    permission_required = "customers.view_customer"

    def get_queryset(self):
        return customer_grid()

    def get_page_url(self):
        return reverse("customer_list")

    def render_fragment(self):
        return render_row(self.request, self.object)


def render_row(request, customer, **kwargs):
    """The customer's grid row; `customer` comes from `customer_grid()`, which supplies
    the grid's own columns."""
    table = CustomerTable(
        [customer],
        request=request,
        return_url=request.htmx.current_url_abs_path or reverse("customer_list"),
    )
    return row_response(request, table, **kwargs)


class CustomerCreateView(
    PermissionRequiredMixin, OwnerFieldMixin, PartialTemplateMixin, ServiceFormMixin, CreateView
):
    """A page of its own, or a dialog over the grid."""

    permission_required = "customers.add_customer"
    permission_denied_message = ROLE_CANNOT.format(action="add customers")
    model = Customer
    form_class = CustomerForm
    template_name = "customers/customer_create.html"
    success_url = reverse_lazy("customer_list")

    def get_partial_name(self):
        return "dialog" if self.request.method == "GET" else "form"

    def get_initial(self):
        # Whoever adds a customer looks after it, unless they choose someone else.
        return {**super().get_initial(), "owner": self.request.user.pk}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "auto_id": "new-customer-%s"}

    def perform(self, form):
        return customer_create(**self.with_creator_as_owner(form.cleaned_data))

    def form_succeeded(self, form):
        messages.success(self.request, f"Customer “{self.object.name}” created.")
        if self.request.htmx:
            # The grid goes back to all customers, newest first: the new one on top.
            return htmx_done(CUSTOMER_CREATED, CLOSE_DIALOG)
        return super().form_succeeded(form)


class CustomerUpdateView(
    ObjectPermissionRequiredMixin,
    OwnerFieldMixin,
    PartialTemplateMixin,
    NextUrlMixin,
    VersionedEditMixin,
    ServiceFormMixin,
    UpdateView,
):
    """A page of its own, or the grid row turned into a form in place."""

    permission_required = "customers.change_customer"
    permission_denied_message = ROLE_CANNOT.format(action="change customers")
    object_permission_denied_message = NOT_YOURS_TO_CHANGE
    form_class = CustomerForm
    template_name = "customers/customer_update.html"
    partial_name = "edit_row"
    success_url = reverse_lazy("customer_list")

    def get_queryset(self):
        return customer_list()

    def get_form_kwargs(self):
        # Ids unique per row, so two rows can be in edit mode at once.
        return {**super().get_form_kwargs(), "auto_id": f"customer-{self.object.pk}-%s"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(row_form_id=f"customer-{self.object.pk}-form", **kwargs)

    def perform(self, form):
        return customer_update(customer=self.object, data=form.edit_data(), version=form.version)

    def form_succeeded(self, form):
        messages.success(self.request, f"Customer “{self.object.name}” saved.")
        if self.request.htmx:
            return render_row(self.request, customer_grid().get(pk=self.object.pk))
        return super().form_succeeded(form)


class CustomerDeleteView(
    ObjectPermissionRequiredMixin,
    PartialTemplateMixin,
    NextUrlMixin,
    DialogDeleteMixin,
    DeleteView,
):
    """A confirmation page of its own, or a dialog over the grid; deleting needs a POST."""

    permission_required = "customers.delete_customer"
    permission_denied_message = ROLE_CANNOT.format(action="delete customers")
    object_permission_denied_message = NOT_YOURS_TO_DELETE
    template_name = "customers/customer_delete.html"
    partial_name = "dialog"
    success_url = reverse_lazy("customer_list")
    changed_event = CUSTOMERS_CHANGED  # the grid's count and next rows

    def get_queryset(self):
        return customer_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(along=along_with(customers=[self.object]), **kwargs)

    def perform_delete(self):
        customer_delete(customer=self.object, by=self.request.user)

    def deleted_message(self):
        return f"“{self.object.name}” moved to the trash."

    def announce_deleted(self, message):
        offer_undo(self.request, message, [self.object], fallback_url=self.get_success_url())
