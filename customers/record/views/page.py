"""The customer record page: everything about one customer, editable in place.

The page is one template with a named partial per region (header, tags, contacts);
the sections of the timeline and the deals come from their own modules.
"""

from django.template.response import TemplateResponse
from django.views.generic import DetailView, UpdateView
from django_htmx.http import trigger_client_event

from customers.core.duplicates import customer_lookalikes
from customers.core.editing import CustomerEditMixin
from customers.core.events import CUSTOMER_CHANGED
from customers.deals.section import customer_deals_context
from customers.followups.section import next_steps_context
from customers.record.forms import ContactForm, TagAddForm
from customers.record.selectors import customer_contacts, customer_record
from customers.record.views.merge import may_merge
from customers.timeline.section import timeline_context
from ui.access import ObjectPermissionRequiredMixin, PermissionRequiredMixin
from ui.http import fragment
from ui.views import FragmentOnlyMixin, NextUrlMixin, PartialTemplateMixin, ServiceFormMixin

TEMPLATE = "customers/record/customer_detail.html"


def record_url(customer, section: str = "") -> str:
    """The record page, optionally scrolled to one of its sections."""
    url = customer.get_absolute_url()
    return f"{url}#{section}" if section else url


def new_tag_form(request, **kwargs) -> TagAddForm:
    """The "Add tag" form; it asks for suggestions only of a user who may see tags."""
    return TagAddForm(
        auto_id="new-tag-%s", suggest=request.user.has_perm("customers.view_tag"), **kwargs
    )


def record_context(request, customer) -> dict:
    """Everything the full record page shows, besides the customer itself."""
    context = {
        **timeline_context(request, customer),
        **customer_deals_context(request, customer),
        **next_steps_context(request, customer),
    }
    if request.user.has_perm("customers.view_contact"):
        context["customer_contacts"] = list(customer_contacts(customer=customer))
        context["contact_form"] = ContactForm(auto_id="new-contact-%s")
    context["tag_form"] = new_tag_form(request)
    context["lookalikes"] = lookalikes = customer_lookalikes(customer=customer)
    for lookalike in lookalikes.shown:
        lookalike.customer.may_merge = may_merge(request.user, customer, lookalike.customer)
    return context


class RecordPageMixin:
    """Views whose full page is the record page: they add every region's context,
    and only for a full page (a fragment needs none of it)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.wants_fragment():
            # The other sections go first, so a name they share with ours (say `form`)
            # cannot change what the header and the tags show.
            context = {**record_context(self.request, self.object), **context}
        return context


class CustomerDetailView(PermissionRequiredMixin, PartialTemplateMixin, DetailView):
    """The record page; htmx gets the region it targets (by id), or the whole record
    without the page around it."""

    permission_required = "customers.view_customer"
    template_name = TEMPLATE
    context_object_name = "customer"
    regions = {"customer-header": "header", "customer-tags": "tags", "contacts": "contacts"}

    def get_queryset(self):
        return customer_record()

    def get_partial_name(self):
        return self.regions.get(self.request.htmx.target or "", "record")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**record_context(self.request, self.object), **context}


class CustomerHeaderView(PermissionRequiredMixin, FragmentOnlyMixin, DetailView):
    """The header as it is shown: what "Cancel" puts back in place of the edit form."""

    permission_required = "customers.view_customer"
    context_object_name = "customer"

    def get_queryset(self):
        return customer_record()

    def get_page_url(self):
        return record_url(self.object)

    def render_fragment(self):
        return render_header(self.request, self.object)


def render_header(request, customer, *, status: int = 200, **context) -> TemplateResponse:
    return fragment(
        request,
        f"{TEMPLATE}#header",
        {"customer": customer, "object": customer, **context},
        status=status,
    )


class CustomerHeaderUpdateView(
    RecordPageMixin,
    CustomerEditMixin,
    ObjectPermissionRequiredMixin,
    PartialTemplateMixin,
    NextUrlMixin,
    ServiceFormMixin,
    UpdateView,
):
    """The header turned into a form in place; without JavaScript, the record page with
    its header as a form. The grid's inline edit, with the record's own answers."""

    template_name = TEMPLATE
    partial_name = "header"
    context_object_name = "customer"

    def get_queryset(self):
        return customer_record()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["header_form"] = context["form"]
        return context

    def get_success_url(self):
        return self.get_next_url() or record_url(self.object)

    def htmx_success(self, form):
        # Read again: the owner shown is the one saved, with its name.
        # The page's <title> follows a new name.
        saved = customer_record().get(pk=self.object.pk)
        response = render_header(self.request, saved, retitle=True)
        return trigger_client_event(response, CUSTOMER_CHANGED)
