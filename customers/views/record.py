"""The customer record page: everything about one customer, editable in place."""

from django.views.generic import DetailView

from customers.selectors import customer_list
from ui.access import PermissionRequiredMixin
from ui.views import PartialTemplateMixin


class CustomerDetailView(PermissionRequiredMixin, PartialTemplateMixin, DetailView):
    permission_required = "customers.view_customer"
    template_name = "customers/customer_detail.html"

    def get_queryset(self):
        return customer_list().select_related("owner")
