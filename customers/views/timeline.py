"""A customer's activity timeline: add, filter, page, resolve support requests.

The record page includes templates/customers/timeline.html with `timeline_context`;
the views here answer the timeline's own requests. Each is a full page without
JavaScript (customers/timeline_page.html) or, for htmx, one partial of timeline.html:

- `results`: the kind filter and the first page of the list (filtering);
- `older`: the next page's items and a new "Show older" (appended in place);
- `form` / `created`: the add form with its errors, or a fresh form plus the new item
  inserted at the top out of band;
- `item`: one interaction (after its support status changed).
"""

from functools import cached_property
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView
from django_htmx.http import trigger_client_event

from customers.forms.interactions import InteractionForm, SupportStatusForm
from customers.models import Customer, Interaction
from customers.selectors import customer_list
from customers.selectors.timeline import interaction_timeline_page
from customers.services import interaction_create, interaction_set_status
from customers.views.access import may_set_support_status
from customers.views.events import CUSTOMERS_CHANGED
from ui.access import PermissionRequiredMixin
from ui.views import NextUrlMixin, PartialTemplateMixin, ServiceFormMixin

TEMPLATE = "customers/timeline.html"
PAGE_TEMPLATE = "customers/timeline_page.html"
KIND_FILTERS = [
    ("", "All"),
    (Interaction.Kind.NOTE, "Notes"),
    (Interaction.Kind.CALL, "Calls"),
    (Interaction.Kind.EMAIL, "Emails"),
    (Interaction.Kind.MEETING, "Meetings"),
    (Interaction.Kind.SUPPORT, "Support requests"),
]


def clean_kind(value: str | None) -> str:
    """A kind to filter by; anything unknown means all kinds."""
    return value if value in Interaction.Kind.values else ""


class Timeline:
    """What timeline.html renders, computed only when the template asks for it: a
    fragment that shows the form alone never reads the list."""

    def __init__(self, request, customer: Customer, *, kind="", before=None, form=None):
        self.request = request
        self.customer = customer
        self.kind = kind
        self.before = before
        self.form = form
        self.list_url = reverse("interaction_list", args=[customer.pk])
        self.record_url = customer.get_absolute_url()

    @cached_property
    def page(self):
        return interaction_timeline_page(customer=self.customer, kind=self.kind, before=self.before)

    @property
    def items(self):
        return self.page.items

    @property
    def more_url(self) -> str | None:
        """ "Show older": the timeline page after the last item shown, same filter."""
        if self.page.next_cursor is None:
            return None
        query = {"kind": self.kind} if self.kind else {}
        return f"{self.list_url}?{urlencode({**query, 'before': self.page.next_cursor})}"

    @cached_property
    def page_url(self) -> str:
        """The page the timeline is shown on: the record page, or the timeline's own."""
        if self.request.htmx:
            path = urlsplit(self.request.htmx.current_url_abs_path or "").path
        else:
            path = self.request.path
        return self.list_url if path == self.list_url else self.record_url

    @cached_property
    def return_url(self) -> str:
        """Where a plain form post comes back to: the page the user is looking at."""
        if self.request.htmx:
            return self.request.htmx.current_url_abs_path or self.page_url
        if self.request.method == "GET":
            return self.request.get_full_path()
        return self.page_url

    @cached_property
    def filters(self) -> list[dict]:
        """The kind filter as links: plain links reload the page filtered; htmx swaps the
        list in place and puts the same address in the location bar."""
        links = []
        for value, label in KIND_FILTERS:
            query = f"?{urlencode({'kind': value})}" if value else ""
            links.append(
                {
                    "label": label,
                    "url": f"{self.page_url}{query}",
                    "fragment_url": f"{self.list_url}{query}",
                    "current": value == self.kind,
                }
            )
        return links

    @property
    def empty_message(self) -> str:
        if self.before is not None:
            return "No older activity."
        if self.kind:
            label = dict(KIND_FILTERS)[self.kind]
            return f"No {label.lower()} yet."
        return "No activity yet."


def timeline_context(request, customer) -> dict:
    """What templates/customers/timeline.html needs, for the record page.

    The record page may be filtered by kind (`?kind=call`, what the filter links
    say without JavaScript). Without permission to view interactions there is no
    timeline, and no query is made for it.
    """
    if not request.user.has_perm("customers.view_interaction"):
        return {"timeline": None}
    kind = clean_kind(request.GET.get("kind"))
    form = new_interaction_form(request, customer)
    return {"timeline": Timeline(request, customer, kind=kind, form=form)}


def new_interaction_form(request, customer) -> InteractionForm | None:
    """An empty "Add activity" form, for a user who may add one."""
    if request.user.has_perm("customers.add_interaction"):
        return InteractionForm(customer=customer)
    return None


class TimelineViewMixin(PermissionRequiredMixin, PartialTemplateMixin):
    """The customer from the URL, and the page or the named partial of timeline.html."""

    @cached_property
    def customer(self) -> Customer:
        return get_object_or_404(customer_list(), pk=self.kwargs["pk"])

    def get_template_names(self):
        partial = self.get_partial_name()
        if partial and self.wants_fragment():
            return [f"{TEMPLATE}#{partial}"]
        return [PAGE_TEMPLATE]

    def new_form(self):
        return new_interaction_form(self.request, self.customer)


class InteractionListView(TimelineViewMixin, TemplateView):
    """The timeline of its own: filtered by `?kind=`, older than `?before=<id>`."""

    permission_required = ("customers.view_customer", "customers.view_interaction")

    def get(self, request, *args, **kwargs):
        before = request.GET.get("before", "")
        if before and not (before.isascii() and before.isdigit()):
            return HttpResponseBadRequest(
                "“before” must be the number of an activity in this timeline.",
                content_type="text/plain; charset=utf-8",
            )
        self.before = int(before) if before else None
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

    def form_succeeded(self, form):
        messages.success(self.request, "Activity added.")
        if not self.request.htmx:
            return HttpResponseRedirect(self.get_success_url())
        timeline = Timeline(self.request, self.customer, form=self.new_form())
        response = TemplateResponse(
            self.request,
            f"{TEMPLATE}#created",
            {"customer": self.customer, "timeline": timeline, "interaction": self.object},
        )
        if self.object.is_support_request:
            trigger_client_event(response, CUSTOMERS_CHANGED)
        return response


class InteractionStatusView(PermissionRequiredMixin, NextUrlMixin, View):
    """Resolve or reopen a support request. The button says which status it wants,
    so a double click does not undo itself.

    Support agents may, on any customer's requests; others as far as they may
    change the customer's activity (customers.views.access.may_set_support_status).
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
                f"Only the owner of “{interaction.customer}”, a manager or a support agent "
                "can resolve or reopen its support requests."
            )
        form = SupportStatusForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(
                "Choose open or resolved.", content_type="text/plain; charset=utf-8"
            )
        status = form.cleaned_data["status"]
        interaction_set_status(interaction=interaction, status=status)
        if status == Interaction.SupportStatus.RESOLVED:
            messages.success(request, "Support request resolved.")
        else:
            messages.success(request, "Support request reopened.")
        if not request.htmx:
            record_url = interaction.customer.get_absolute_url()
            return HttpResponseRedirect(
                self.get_next_url() or f"{record_url}#interaction-{interaction.pk}"
            )
        response = TemplateResponse(
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
