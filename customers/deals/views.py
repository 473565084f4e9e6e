"""Deals: the pipeline board, the list, and their forms.

Views stay thin: the services write, the selectors read, the mixins from `ui` choose
between page and fragment. Every view checks its own permission.
"""

from functools import cached_property
from urllib.parse import urlsplit

from django.http import QueryDict
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from customers.core.events import DEALS_CHANGED
from customers.core.owners import OwnerFieldMixin
from customers.core.permissions import (
    NOT_YOURS_TO_CHANGE,
    NOT_YOURS_TO_DELETE,
    role_cannot,
)
from customers.core.versioned import VersionedEditMixin
from customers.deals.filters import DealBoardFilter, DealFilter
from customers.deals.forms import DealForm, DealMoveForm
from customers.deals.selectors import (
    closing_reason_list,
    customer_suggestions,
    deal_board,
    deal_list,
    stage_list,
)
from customers.deals.services import deal_create, deal_delete, deal_move, deal_update
from customers.deals.tables import DealTable
from customers.models import Currency, Customer, Deal
from ui.access import ObjectPermissionRequiredMixin, PermissionRequiredMixin
from ui.canonical_urls import CanonicalListUrlMixin
from ui.forms import typed_text
from ui.http import fragment
from ui.tables import TablePageMixin
from ui.views import DialogDeleteMixin, NextUrlMixin, PartialTemplateMixin, ServiceFormMixin

# --- The board ---------------------------------------------------------------------


def board_context(request, *, data: QueryDict | None, board_url: str) -> dict:
    """What the board region needs, filtered by `data` (the board's query string).

    `board_url` is the board as the user sees it, filters included: each card's move
    form sends the user back there, and a move re-renders it.
    """
    filterset = DealBoardFilter(data or None, queryset=deal_list(), request=request)
    if not filterset.is_bound or filterset.is_valid():
        columns = deal_board(queryset=filterset.qs, owner_scope=filterset.owner_scope)
    else:
        columns = deal_board(queryset=Deal.objects.none())
    return {
        "filter": filterset,
        "columns": columns,
        "stages": [column.stage for column in columns],
        "closing_reasons": list(closing_reason_list()),
        "board_url": board_url,
        "filter_query": filterset.query_string,
    }


class DealBoardView(
    PermissionRequiredMixin, CanonicalListUrlMixin, PartialTemplateMixin, TemplateView
):
    """A column per stage; the filter form swaps only the board. Its URL holds only the
    filters that are set (CanonicalListUrlMixin; it has no pages)."""

    permission_required = "customers.view_deal"
    template_name = "customers/deals/deal_board.html"
    partial_name = "board"

    def get_context_data(self, **kwargs):
        context = board_context(
            self.request, data=self.request.GET, board_url=self.request.get_full_path()
        )
        return super().get_context_data(**context, **kwargs)


def board_query(url: str | None) -> QueryDict | None:
    """The filters of `url` if it is the board, so a move can re-render it as it was."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.path != reverse("deal_board"):
        return None
    return QueryDict(parts.query)


class DealMoveView(
    ObjectPermissionRequiredMixin,
    PartialTemplateMixin,
    NextUrlMixin,
    VersionedEditMixin,
    ServiceFormMixin,
    UpdateView,
):
    """A card's move form: htmx gets the board back (the card in its new column, both
    columns' totals updated); a plain POST goes back to the board it came from.

    Moving to a lost stage without a reason answers 422 with the card asking for one,
    the chosen stage kept.
    """

    permission_required = "customers.change_deal"
    permission_denied_message = role_cannot(gettext_lazy("change deals"))
    object_permission_denied_message = NOT_YOURS_TO_CHANGE
    form_class = DealMoveForm
    template_name = "customers/deals/deal_move.html"
    partial_name = "card"
    success_url = reverse_lazy("deal_board")

    def get_queryset(self):
        return deal_list()

    def get_form_kwargs(self):
        self.stages = list(stage_list())
        self.closing_reasons = list(closing_reason_list())
        return {
            **super().get_form_kwargs(),
            "stages": stage_list(),
            "closing_reasons": closing_reason_list(),
        }

    def get_board_url(self) -> str:
        return self.get_next_url() or reverse("deal_board")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(
            deal=self.object,
            move_form=kwargs["form"],
            stages=self.stages,
            closing_reasons=self.closing_reasons,
            board_url=self.get_board_url(),
            # On a page of its own (no JavaScript) the form posts plainly: no board here.
            standalone=not self.request.htmx,
            **kwargs,
        )

    def perform(self, form):
        if form.theirs:  # "Take theirs": their stage stands; my move is dropped
            return deal_update(deal=self.object, data=form.edit_data(), version=form.version)
        return deal_move(
            deal=self.object,
            stage=form.cleaned_data["stage"],
            closing_reason=form.cleaned_data.get("closing_reason"),
            version=form.version,
        )

    def on_card(self, response):
        if self.request.htmx:
            # The form targets the board; an error or a conflict belongs on the card alone.
            retarget(response, f"#deal-{self.object.pk}")
            reswap(response, "outerHTML")
        return response

    def form_invalid(self, form):
        return self.on_card(super().form_invalid(form))

    def form_conflict(self, form):
        return self.on_card(super().form_conflict(form))

    def get_success_message(self, form):
        stays, moved = _("“{title}” stays in {stage}."), _("“{title}” moved to {stage}.")
        return (stays if form.theirs else moved).format(
            title=self.object.title, stage=self.object.stage
        )

    def htmx_success(self, form):
        board_url = self.get_board_url()
        context = board_context(self.request, data=board_query(board_url), board_url=board_url)
        return fragment(self.request, "customers/deals/deal_board.html#board", context)


# --- The list ----------------------------------------------------------------------


class DealListView(PermissionRequiredMixin, PartialTemplateMixin, TablePageMixin, FilterView):
    permission_required = "customers.view_deal"
    template_name = "customers/deals/deal_list.html"
    partial_name = "results"
    filterset_class = DealFilter
    table_class = DealTable

    def get_queryset(self):
        return deal_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        customer = form.cleaned_data.get("customer") if form.is_valid() else None
        if customer:
            # Only when the list is narrowed to one customer: say whose deals these are.
            context["filtered_customer"] = Customer.objects.filter(pk=customer).only("name").first()
        return context


# --- Create, edit, delete ----------------------------------------------------------


class DealFormMixin(
    ObjectPermissionRequiredMixin,
    OwnerFieldMixin,
    PartialTemplateMixin,
    NextUrlMixin,
    VersionedEditMixin,
    ServiceFormMixin,
):
    """A full page; with htmx only the form is swapped, so a 422 keeps the page as it
    is, and a valid post sends the browser on to where the user came from."""

    form_class = DealForm
    template_name = "customers/deals/deal_form.html"
    partial_name = "form"
    success_url = reverse_lazy("deal_board")

    def htmx_success(self, form):
        return HttpResponseClientRedirect(self.get_success_url())


class DealCreateView(DealFormMixin, CreateView):
    """`?customer=<pk>` fixes the customer, as from the customer's record page."""

    permission_required = "customers.add_deal"
    permission_denied_message = role_cannot(gettext_lazy("add deals"))
    success_message = gettext_lazy("Deal “{object.title}” created.")

    @cached_property
    def preselected_customer(self) -> Customer | None:
        pk = self.request.GET.get("customer", "")
        if not (pk.isascii() and pk.isdigit()):
            return None
        return Customer.objects.defer("search_text").filter(pk=pk).first()

    def get_initial(self):
        initial = {
            "currency": Currency.USD,
            "stage": stage_list().first(),
            "owner": self.request.user.pk,
        }
        if customer := self.preselected_customer:
            initial["customer"] = customer
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            preselected_customer=self.preselected_customer,
            form_action=self.request.get_full_path(),
            **kwargs,
        )

    def perform(self, form):
        return deal_create(**self.with_creator_as_owner(form.cleaned_data))


class DealUpdateView(DealFormMixin, UpdateView):
    permission_required = "customers.change_deal"
    permission_denied_message = role_cannot(gettext_lazy("change deals"))
    object_permission_denied_message = NOT_YOURS_TO_CHANGE
    success_message = gettext_lazy("Deal “{object.title}” saved.")

    def get_queryset(self):
        return deal_list()

    def get_initial(self):
        # The customer is at hand already; the field would otherwise look it up again.
        return {"customer": self.object.customer}

    def get_context_data(self, **kwargs):
        return super().get_context_data(form_action=self.request.get_full_path(), **kwargs)

    def perform(self, form):
        return deal_update(deal=self.object, data=form.edit_data(), version=form.version)


class DealDeleteView(
    ObjectPermissionRequiredMixin, PartialTemplateMixin, NextUrlMixin, DialogDeleteMixin, DeleteView
):
    """A confirmation page of its own, or a dialog over the list; deleting needs a POST."""

    permission_required = "customers.delete_deal"
    permission_denied_message = role_cannot(gettext_lazy("delete deals"))
    object_permission_denied_message = NOT_YOURS_TO_DELETE
    partial_name = "dialog"
    success_url = reverse_lazy("deal_board")
    changed_event = DEALS_CHANGED  # the list's count and next rows
    row_id_prefix = "deal"

    def get_queryset(self):
        return deal_list()

    def consequence(self):
        deal = self.object
        return _(
            "The deal “{title}” with {customer} will be deleted. This cannot be undone."
        ).format(title=deal.title, customer=deal.customer.name)

    def perform_delete(self):
        deal_delete(deal=self.object)

    def deleted_message(self):
        return _("Deal “{title}” deleted.").format(title=self.object.title)


class DealCustomerSuggestionsView(PermissionRequiredMixin, PartialTemplateMixin, TemplateView):
    """Customers matching what is typed in the deal form's customer field: a <datalist>
    for htmx, a small search page without JavaScript."""

    permission_required = "customers.view_customer"
    template_name = "customers/deals/customer_suggestions.html"
    partial_name = "datalist"

    def get_context_data(self, **kwargs):
        text = typed_text(self.request.GET, "customer")
        return super().get_context_data(
            text=text, customers=customer_suggestions(query=text), **kwargs
        )


# --- The customer record's deals section ----------------------------------------------
