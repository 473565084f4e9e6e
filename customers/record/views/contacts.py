"""A customer's contacts on the record page: add, edit and delete them in place.

The primary mark can move with any write (the first contact becomes primary, a new
primary takes the mark, deleting the primary promotes the next), so every successful
write answers with the whole list, and the badges are always right.
Without JavaScript each form is a page of its own that returns to the record.
"""

from functools import cached_property

from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView
from django_htmx.http import reswap, retarget, trigger_client_event

from customers.core.events import CONTACTS_CHANGED
from customers.core.permissions import role_cannot
from customers.core.versioned import VersionedEditMixin
from customers.record.forms import ContactForm
from customers.record.selectors import contact_list, customer_contacts, customer_record
from customers.record.services import contact_create, contact_delete, contact_update
from customers.record.views.page import record_url
from ui.access import ObjectPermissionRequiredMixin, PermissionRequiredMixin
from ui.http import CLOSE_DIALOG, fragment
from ui.views import (
    DialogDeleteMixin,
    FragmentOnlyMixin,
    NextUrlMixin,
    PartialTemplateMixin,
    ServiceFormMixin,
)

LIST_TEMPLATE = "customers/record/contact_list.html"
FORM_TEMPLATE = "customers/record/contact_form.html"


def render_contact_list(request, customer, *, extra: str = "", events=()) -> TemplateResponse:
    """The customer's contact list as it now stands (primary first), then `extra`
    (out-of-band swaps), firing `events`."""
    response = fragment(
        request,
        LIST_TEMPLATE,
        {"customer": customer, "contacts": customer_contacts(customer=customer), "extra": extra},
    )
    for event in (CONTACTS_CHANGED, *events):
        trigger_client_event(response, event)
    return response


class ContactSuccessMixin:
    """Back to the record after a plain post, or to `?next=` when it is one of ours."""

    def get_success_url(self):
        return self.get_next_url() or record_url(self.object.customer, "contacts")


class ContactAccessMixin(ObjectPermissionRequiredMixin):
    """A contact is its customer's to change: ownership is the customer's."""

    action = "change"

    def get_object_permission_denied_message(self, obj):
        if self.action == "delete":
            text = _("Only the owner of “{customer}” or a manager can delete its contacts.")
        else:
            text = _("Only the owner of “{customer}” or a manager can change its contacts.")
        return text.format(customer=obj.customer)


class ContactCreateView(
    PermissionRequiredMixin,
    PartialTemplateMixin,
    NextUrlMixin,
    ServiceFormMixin,
    ContactSuccessMixin,
    CreateView,
):
    """The "Add contact" form at the foot of the contact list, or a page of its own."""

    permission_required = ("customers.view_contact", "customers.add_contact")
    form_class = ContactForm
    template_name = FORM_TEMPLATE
    partial_name = "add_form"
    success_message = gettext_lazy("Contact “{object.name}” added.")

    @cached_property
    def customer(self):
        return get_object_or_404(customer_record(), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "auto_id": "new-contact-%s"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(customer=self.customer, **kwargs)

    def perform(self, form):
        return contact_create(customer=self.customer, **form.cleaned_data)

    def htmx_success(self, form):
        # The list takes the new contact; a fresh, empty form replaces the one sent.
        fresh_form = render_to_string(
            f"{FORM_TEMPLATE}#add_form",
            {"customer": self.customer, "form": ContactForm(auto_id="new-contact-%s"), "oob": 1},
            request=self.request,
        )
        return render_contact_list(self.request, self.customer, extra=fresh_form)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if self.request.htmx:
            # The form was aimed at the list; the errors belong in the form itself.
            response = reswap(retarget(response, "#contact-add-form"), "outerHTML")
        return response


class ContactUpdateView(
    ContactAccessMixin,
    PartialTemplateMixin,
    NextUrlMixin,
    VersionedEditMixin,
    ServiceFormMixin,
    ContactSuccessMixin,
    UpdateView,
):
    """A contact's row turned into a form in place, or a page of its own. A save over
    someone else's change to the same field answers 409 with both values (the row,
    for htmx), as a customer's edit does."""

    permission_required = ("customers.view_contact", "customers.change_contact")
    permission_denied_message = role_cannot(gettext_lazy("change contacts"))
    form_class = ContactForm
    template_name = FORM_TEMPLATE
    partial_name = "edit_row"
    context_object_name = "contact"
    success_message = gettext_lazy("Contact “{object.name}” saved.")

    def get_queryset(self):
        return contact_list()

    def get_form_kwargs(self):
        # Ids unique per row, so two rows can be in edit mode at once.
        return {**super().get_form_kwargs(), "auto_id": f"contact-{self.object.pk}-%s"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            customer=self.object.customer, row_form_id=f"contact-{self.object.pk}-form", **kwargs
        )

    def perform(self, form):
        return contact_update(contact=self.object, data=form.edit_data(), version=form.version)

    def htmx_success(self, form):
        return render_contact_list(self.request, self.object.customer)

    def form_invalid(self, form):
        return self.in_the_row(super().form_invalid(form))

    def form_conflict(self, form):
        return self.in_the_row(super().form_conflict(form))

    def in_the_row(self, response):
        """The form was aimed at the list; its errors or conflict belong in the row."""
        if self.request.htmx:
            response = reswap(retarget(response, f"#contact-{self.object.pk}"), "outerHTML")
        return response


class ContactRowView(PermissionRequiredMixin, FragmentOnlyMixin, DetailView):
    """One contact's display row: what "Cancel" puts back in place of the edit row."""

    permission_required = "customers.view_contact"
    context_object_name = "contact"

    def get_queryset(self):
        return contact_list()

    def get_page_url(self):
        return record_url(self.object.customer, "contacts")

    def render_fragment(self):
        contact = self.object
        return fragment(
            self.request, f"{LIST_TEMPLATE}#row", {"contact": contact, "customer": contact.customer}
        )


class ContactDeleteView(
    ContactAccessMixin,
    PartialTemplateMixin,
    NextUrlMixin,
    ContactSuccessMixin,
    DialogDeleteMixin,
    DeleteView,
):
    """A confirmation dialog over the record, or a page of its own; deleting needs a POST.

    htmx gets the whole list back rather than a row removed: deleting the primary
    contact promotes the next one.
    """

    permission_required = ("customers.view_contact", "customers.delete_contact")
    permission_denied_message = role_cannot(gettext_lazy("delete contacts"))
    action = "delete"
    partial_name = "dialog"
    context_object_name = "contact"
    confirm_hx_target = "#contact-list"

    def get_queryset(self):
        return contact_list()

    def get_cancel_url(self):
        return reverse("customer_detail", args=[self.object.customer_id])

    def consequence(self):
        contact = self.object
        return _("{name} will no longer be a contact at {customer}. This cannot be undone.").format(
            name=contact.name, customer=contact.customer.name
        )

    def perform_delete(self):
        contact_delete(contact=self.object)

    def deleted_message(self):
        return _("Contact “{name}” deleted.").format(name=self.object.name)

    def htmx_deleted(self, gone):
        return render_contact_list(self.request, self.object.customer, events=[CLOSE_DIALOG])
