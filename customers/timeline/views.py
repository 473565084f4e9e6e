"""A customer's activity timeline: add, filter, page, resolve support requests.

The record page includes templates/customers/timeline/timeline.html with `timeline_context`;
the views here answer the timeline's own requests. Each is a full page without
JavaScript (customers/timeline/timeline_page.html) or, for htmx, one partial of timeline.html:

- `results`: the kind filter and the first page of the list (filtering);
- `older`: the next page's items and a new "Show older" (appended in place);
- `form` / `created`: the add form with its errors, or a fresh form plus the new item
  inserted at the top out of band;
- `item`: one interaction (after its support status changed).
"""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_htmx.http import trigger_client_event

from customers.core.events import CUSTOMERS_CHANGED
from customers.core.permissions import may_set_support_status
from customers.core.selectors import customer_list
from customers.models import Customer, Interaction
from customers.timeline.forms import InteractionForm, SupportStatusForm
from customers.timeline.section import (
    PAGE_TEMPLATE,
    TEMPLATE,
    Timeline,
    clean_kind,
    new_interaction_form,
)
from customers.timeline.services import interaction_create, interaction_set_status
from ui.access import PermissionRequiredMixin
from ui.forms import parse_id
from ui.http import fragment
from ui.views import NextUrlMixin, PartialTemplateMixin, ServiceFormMixin


class TimelineViewMixin(PermissionRequiredMixin, PartialTemplateMixin):
    """The customer from the URL, and the page or the named partial of timeline.html."""

    template_name = PAGE_TEMPLATE
    fragment_template_name = TEMPLATE

    @cached_property
    def customer(self) -> Customer:
        return get_object_or_404(customer_list(), pk=self.kwargs["pk"])

    def new_form(self):
        return new_interaction_form(self.request, self.customer)


class InteractionListView(TimelineViewMixin, TemplateView):
    """The timeline of its own: filtered by `?kind=`, older than `?before=<id>`."""

    permission_required = ("customers.view_customer", "customers.view_interaction")

    def get(self, request, *args, **kwargs):
        before = request.GET.get("before", "")
        self.before = parse_id(before)
        if before and self.before is None:
            return HttpResponseBadRequest(
                _("“before” must be the number of an activity in this timeline."),
                content_type="text/plain; charset=utf-8",
            )
        return super().get(request, *args, **kwargs)

    def get_partial_name(self):
        return "older" if self.before is not None else "results"

    def get_context_data(self, **kwargs):
        timeline = Timeline(
            self.request,
            self.customer,
            kind=clean_kind(self.request.GET.get("kind")),
            before=self.before,
            form=self.new_form(),
        )
        return super().get_context_data(
            customer=self.customer, object=self.customer, timeline=timeline, **kwargs
        )


class InteractionCreateView(TimelineViewMixin, NextUrlMixin, ServiceFormMixin, FormView):
    """The form at the top of the timeline. With htmx a valid post answers a fresh form
    and slips the new item in at the top of the list; without, it goes back."""

    permission_required = ("customers.view_customer", "customers.add_interaction")
    form_class = InteractionForm
    partial_name = "form"
    success_message = gettext_lazy("Activity added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "customer": self.customer}

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or self.get_form()
        timeline = Timeline(self.request, self.customer, form=form)
        return super().get_context_data(
            customer=self.customer, object=self.customer, timeline=timeline, form=form, **kwargs
        )

    def perform(self, form):
        return interaction_create(
            customer=self.customer, recorded_by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return self.get_next_url() or f"{self.customer.get_absolute_url()}#activity"

    def htmx_success(self, form):
        timeline = Timeline(self.request, self.customer, form=self.new_form())
        response = fragment(
            self.request,
            f"{TEMPLATE}#created",
            {"customer": self.customer, "timeline": timeline, "interaction": self.object},
        )
        if self.object.is_support_request:
            trigger_client_event(response, CUSTOMERS_CHANGED)
        return response


class InteractionContactFieldView(TimelineViewMixin, View):
    """The add form's "With" select alone, offering the customer's contacts as they now
    stand: what it refreshes to when contacts are added, renamed or deleted on the
    record page, keeping the contact chosen (`?contact=`) if it is still there."""

    permission_required = ("customers.view_customer", "customers.add_interaction")
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        if not request.htmx:  # a piece of the record page, never a page of its own
            return redirect(f"{self.customer.get_absolute_url()}#activity")
        form = InteractionForm(
            customer=self.customer, initial={"contact": request.GET.get("contact")}
        )
        timeline = Timeline(request, self.customer, form=form)
        return fragment(request, f"{TEMPLATE}#contact_field", {"timeline": timeline})


class InteractionStatusView(PermissionRequiredMixin, NextUrlMixin, View):
    """Resolve or reopen a support request. The button says which status it wants,
    so a double click does not undo itself.

    Support agents may, on any customer's requests; others as far as they may
    change the customer's activity (customers.core.permissions.may_set_support_status).
    """

    http_method_names = ["post", "options"]

    def has_permission(self):
        # The rule without an object: may the user set any support request's status?
        user = self.request.user
        return user.has_perm("customers.view_customer") and may_set_support_status(user, None)

    def post(self, request, *args, **kwargs):
        interaction = get_object_or_404(
            Interaction.objects.filter(customer__deleted_at__isnull=True).select_related(
                "customer", "recorded_by", "contact"
            ),
            pk=kwargs["pk"],
            kind=Interaction.Kind.SUPPORT,
        )
        if not may_set_support_status(request.user, interaction):
            raise PermissionDenied(
                _(
                    "Only the owner of “{customer}”, a manager or a support agent "
                    "can resolve or reopen its support requests."
                ).format(customer=interaction.customer)
            )
        form = SupportStatusForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(
                _("Choose open or resolved."), content_type="text/plain; charset=utf-8"
            )
        status = form.cleaned_data["status"]
        interaction_set_status(interaction=interaction, status=status)
        if status == Interaction.SupportStatus.RESOLVED:
            messages.success(request, _("Support request resolved."))
        else:
            messages.success(request, _("Support request reopened."))
        if not request.htmx:
            record_url = interaction.customer.get_absolute_url()
            return HttpResponseRedirect(
                self.get_next_url() or f"{record_url}#interaction-{interaction.pk}"
            )
        response = fragment(
            request,
            f"{TEMPLATE}#item",
            {
                "customer": interaction.customer,
                "timeline": Timeline(request, interaction.customer),
                "interaction": interaction,
            },
        )
        trigger_client_event(response, CUSTOMERS_CHANGED)
        return response
