"""Editing a customer, wherever it is edited: the grid's row and the record's header."""

from django.utils.translation import gettext_lazy

from customers.core.forms import CustomerForm
from customers.core.owners import OwnerFieldMixin
from customers.core.permissions import NOT_YOURS_TO_CHANGE, role_cannot
from customers.core.selectors import customer_list
from customers.core.services import customer_update
from customers.core.versioned import VersionedEditMixin


class CustomerEditMixin(OwnerFieldMixin, VersionedEditMixin):
    """Who may edit a customer, with which form, through which service. Put it first,
    before the permission mixins whose defaults it sets; the view says where the form
    is and what htmx gets."""

    permission_required = "customers.change_customer"
    permission_denied_message = role_cannot(gettext_lazy("change customers"))
    object_permission_denied_message = NOT_YOURS_TO_CHANGE
    form_class = CustomerForm
    success_message = gettext_lazy("Customer “{object.name}” saved.")

    def get_queryset(self):
        return customer_list()

    def get_form_kwargs(self):
        # Ids unique per customer, so two rows can be in edit mode at once.
        return {**super().get_form_kwargs(), "auto_id": f"customer-{self.object.pk}-%s"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(row_form_id=f"customer-{self.object.pk}-form", **kwargs)

    def perform(self, form):
        return customer_update(customer=self.object, data=form.edit_data(), version=form.version)
