"""Customer views: each is a full page, or the fragment htmx asked for.

Views stay thin: the services do the writing, the selectors the reading, and the
mixins from `ui` decide between page and fragment.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView
from django_filters.views import FilterView
from django_htmx.http import reswap, retarget, trigger_client_event

from customers.core.editing import CustomerEditMixin
from customers.core.events import CUSTOMER_CREATED, CUSTOMERS_CHANGED, GRID_COLUMNS_CHANGED
from customers.core.forms import CustomerForm
from customers.core.owners import OwnerFieldMixin, display_name
from customers.core.permissions import (
    NOT_YOURS_TO_DELETE,
    REASSIGN_OWNER,
    role_cannot,
)
from customers.core.selectors import customer_list
from customers.core.services import customer_create, customer_delete
from customers.grid.columns import choose_columns, shown_columns
from customers.grid.filters import CustomerFilter
from customers.grid.forms import BulkAction, BulkActionForm, GridColumnsForm
from customers.grid.selectors import customer_grid
from customers.grid.services import (
    customers_add_tag,
    customers_assign_owner,
    customers_delete,
    customers_set_status,
)
from customers.grid.tables import CustomerTable
from customers.models import Customer
from customers.trash.selectors import along_with
from customers.trash.undo import customers_count, offer_undo
from ui.access import ObjectPermissionRequiredMixin, PermissionRequiredMixin
from ui.http import CLOSE_DIALOG, fragment, htmx_done
from ui.tables import TablePageMixin, row_response
from ui.views import (
    UNPROCESSABLE,
    DialogDeleteMixin,
    FragmentOnlyMixin,
    NextUrlMixin,
    PartialTemplateMixin,
    RefuseMixin,
    ServiceFormMixin,
)


class CustomerListView(PermissionRequiredMixin, PartialTemplateMixin, TablePageMixin, FilterView):
    permission_required = "customers.view_customer"
    template_name = "customers/grid/customer_list.html"
    partial_name = "results"
    filterset_class = CustomerFilter
    table_class = CustomerTable

    def get_queryset(self):
        return customer_grid()

    def get_table_pagination(self, table):
        return {**super().get_table_pagination(table), **self.filterset.count_hint()}

    def get_table_kwargs(self):
        searched = self.filterset.form.cleaned_data.get("q") if self.filterset.is_valid() else ""
        return {
            **super().get_table_kwargs(),
            "shown": shown_columns(self.request),
            "searched": searched or "",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.wants_fragment():  # the bulk bar is on the page, outside the results
            context["bulk_form"] = BulkActionForm()
            # So is "Columns": choosing one redraws the results, not the open chooser.
            context["columns_form"] = GridColumnsForm(
                initial={"columns": shown_columns(self.request)}
            )
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
        shown=shown_columns(request),
    )
    return row_response(request, table, **kwargs)


def grid_width(request) -> int:
    """How many columns the grid shows the user: what an edit row spans."""
    table = CustomerTable([], request=request, shown=shown_columns(request))
    table.before_render(request)
    return len(table.columns)


class CustomerCreateView(
    PermissionRequiredMixin, OwnerFieldMixin, PartialTemplateMixin, ServiceFormMixin, CreateView
):
    """A page of its own, or a dialog over the grid."""

    permission_required = "customers.add_customer"
    permission_denied_message = role_cannot(gettext_lazy("add customers"))
    model = Customer
    form_class = CustomerForm
    template_name = "customers/grid/customer_create.html"
    success_url = reverse_lazy("customer_list")
    success_message = gettext_lazy("Customer “{object.name}” created.")

    def get_partial_name(self):
        return "dialog" if self.request.method == "GET" else "form"

    def get_initial(self):
        # Whoever adds a customer looks after it, unless they choose someone else.
        return {**super().get_initial(), "owner": self.request.user.pk}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "auto_id": "new-customer-%s"}

    def perform(self, form):
        return customer_create(**self.with_creator_as_owner(form.cleaned_data))

    def htmx_success(self, form):
        # The grid goes back to all customers, newest first: the new one on top.
        return htmx_done(CUSTOMER_CREATED, CLOSE_DIALOG)


class CustomerUpdateView(
    CustomerEditMixin,
    ObjectPermissionRequiredMixin,
    PartialTemplateMixin,
    NextUrlMixin,
    ServiceFormMixin,
    UpdateView,
):
    """A page of its own, or the grid row turned into a form in place."""

    template_name = "customers/grid/customer_update.html"
    partial_name = "edit_row"
    success_url = reverse_lazy("customer_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.wants_fragment():
            context["grid_width"] = grid_width(self.request)
        return context

    def htmx_success(self, form):
        return render_row(self.request, customer_grid().get(pk=self.object.pk))


class CustomerDeleteView(
    ObjectPermissionRequiredMixin,
    PartialTemplateMixin,
    NextUrlMixin,
    DialogDeleteMixin,
    DeleteView,
):
    """A confirmation page of its own, or a dialog over the grid; deleting needs a POST."""

    permission_required = "customers.delete_customer"
    permission_denied_message = role_cannot(gettext_lazy("delete customers"))
    object_permission_denied_message = NOT_YOURS_TO_DELETE
    partial_name = "dialog"
    success_url = reverse_lazy("customer_list")
    changed_event = CUSTOMERS_CHANGED  # the grid's count and next rows
    confirm_details = "customers/along_with.html"
    row_id_prefix = "customer"

    def get_queryset(self):
        return customer_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(along=along_with(customers=[self.object]), **kwargs)

    def consequence(self):
        customer = self.object
        return _("{name} ({email}) goes to the trash, from where it can be restored.").format(
            name=customer.name, email=customer.email
        )

    def perform_delete(self):
        customer_delete(customer=self.object, by=self.request.user)

    def deleted_message(self):
        return _("“{name}” moved to the trash.").format(name=self.object.name)

    def announce_deleted(self, message):
        offer_undo(self.request, message, [self.object], fallback_url=self.get_success_url())


TEMPLATE = "customers/grid/customer_bulk.html"
SHOWN_BY_NAME = 10


class CustomerBulkView(PermissionRequiredMixin, NextUrlMixin, RefuseMixin, View):
    """Apply one action to the ticked customers, then refresh the grid with a toast.

    Deleting asks first: a dialog (or, without JavaScript, a page) says how many
    customers will go, and its "Confirm delete" posts the same selection again.
    """

    http_method_names = ["post"]

    def get_permission_required(self):
        if self.action() == BulkAction.ASSIGN_OWNER:
            return [self.row_permission(), REASSIGN_OWNER]
        return [self.row_permission()]

    def get_permission_denied_message(self):
        match self.action():
            case BulkAction.DELETE:
                return role_cannot(gettext_lazy("delete customers"))
            case BulkAction.ASSIGN_OWNER:
                return role_cannot(gettext_lazy("assign owners"))
        return role_cannot(gettext_lazy("change customers"))

    def action(self) -> str | None:
        return self.request.POST.get("action")

    def row_permission(self) -> str:
        """What the user needs on each ticked customer for the action to touch it."""
        if self.action() == BulkAction.DELETE:
            return "customers.delete_customer"
        return "customers.change_customer"

    def allowed(self, customers) -> list[Customer]:
        """The customers the user may act on. The backends answer per row without a
        query: the owner is on the row."""
        perm, user = self.row_permission(), self.request.user
        return [c for c in customers if user.has_perm(perm, c)]

    def skipped(self, count: int, *, later: bool = False) -> str:
        """What to say about the ticked customers the user may not act on."""
        if not count:
            return ""
        deleting = self.row_permission() == "customers.delete_customer"
        if later:
            if deleting:
                text = ngettext(
                    "%(count)d customer you may not delete will be skipped.",
                    "%(count)d customers you may not delete will be skipped.",
                    count,
                )
            else:
                text = ngettext(
                    "%(count)d customer you may not change will be skipped.",
                    "%(count)d customers you may not change will be skipped.",
                    count,
                )
        elif deleting:
            text = ngettext(
                "%(count)d customer you may not delete was skipped.",
                "%(count)d customers you may not delete were skipped.",
                count,
            )
        else:
            text = ngettext(
                "%(count)d customer you may not change was skipped.",
                "%(count)d customers you may not change were skipped.",
                count,
            )
        return text % {"count": count}

    def get_success_url(self):
        return self.get_next_url() or reverse("customer_list")

    def post(self, request, *args, **kwargs):
        form = BulkActionForm(request.POST)
        if not form.is_valid():
            return self.refuse_invalid(form)
        data = form.cleaned_data
        found = list(customer_list().filter(pk__in=data["ids"]).order_by("name", "id"))
        if not found:
            return self.refuse(_("The selected customers are no longer there."))
        customers = self.allowed(found)
        skipped = len(found) - len(customers)
        if not customers:
            raise PermissionDenied(self.skipped(skipped))
        if data["action"] == BulkAction.DELETE and not data["confirm"]:
            return self.confirm_delete(
                customers, self.skipped(skipped, later=True), ids=[c.pk for c in found]
            )
        try:
            summary = self.apply(data, customers)
        except ValidationError as error:
            reasons = " ".join(error.messages)
            return self.refuse(_("Nothing was changed. {reasons}").format(reasons=reasons))
        if skipped:
            summary += f" {self.skipped(skipped)}"
        if missing := len(data["ids"]) - len(found):
            summary += " " + ngettext(
                "%(count)d customer had already been deleted.",
                "%(count)d customers had already been deleted.",
                missing,
            ) % {"count": missing}
        if data["action"] == BulkAction.DELETE:
            offer_undo(request, summary, customers, fallback_url=self.get_success_url())
        else:
            messages.success(request, summary)
        if request.htmx:
            return htmx_done(CUSTOMERS_CHANGED, CLOSE_DIALOG)
        return redirect(self.get_success_url())

    def apply(self, data, customers) -> str:
        """Run the action and say what it did."""
        match data["action"]:
            case BulkAction.ASSIGN_OWNER:
                owner = data["owner"]
                changed = customers_assign_owner(customers=customers, owner=owner)
                if owner:
                    text = _("{customers} assigned to {owner}.").format(
                        customers=customers_count(changed), owner=display_name(owner)
                    )
                else:
                    text = _("{customers} assigned to nobody.").format(
                        customers=customers_count(changed)
                    )
                return text + unchanged(customers, changed)
            case BulkAction.ADD_TAG:
                changed = customers_add_tag(customers=customers, tag=data["tag"])
                text = _("Tag “{tag}” added to {customers}.").format(
                    tag=data["tag"], customers=customers_count(changed)
                )
                return text + unchanged(customers, changed)
            case BulkAction.SET_STATUS:
                changed = customers_set_status(customers=customers, status=data["status"])
                label = Customer.Status(data["status"]).label
                text = _("{customers} set to {status}.").format(
                    customers=customers_count(changed), status=label
                )
                return text + unchanged(customers, changed)
            case BulkAction.DELETE:
                deleted = customers_delete(customers=customers, by=self.request.user)
                return _("{customers} moved to the trash.").format(
                    customers=customers_count(deleted)
                )

    def confirm_delete(self, customers, skipped: str, *, ids: list[int]):
        context = {
            "along": along_with(customers=customers),
            "customers": customers[:SHOWN_BY_NAME],
            "more": len(customers) - SHOWN_BY_NAME,
            "count": customers_count(len(customers)),
            # "Confirm delete" posts the same selection, so its toast can say what was skipped.
            "ids": ids,
            "skipped": skipped,
            "next_url": self.get_next_url(),
        }
        if self.request.htmx:
            response = fragment(self.request, f"{TEMPLATE}#dialog", context)
            return retarget(reswap(response, "beforeend"), "body")
        return TemplateResponse(self.request, TEMPLATE, context)


def unchanged(customers, changed: int) -> str:
    if same := len(customers) - changed:
        return " " + ngettext(
            "%(count)d customer already had it.", "%(count)d customers already had it.", same
        ) % {"count": same}
    return ""


class GridColumnsView(PermissionRequiredMixin, NextUrlMixin, View):
    """ "Columns" above the grid: which of its optional columns the user sees, kept for
    them (customers/grid/columns.py). A plain form post that goes back to the grid, or
    for htmx an answer that redraws the grid's results where they are; the chooser
    itself stays as it is, open, with the focus on the box just ticked."""

    permission_required = "customers.view_customer"
    template_name = "customers/grid/columns.html"
    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        """The chooser as a page of its own: where a plain post with an error lands."""
        form = GridColumnsForm(initial={"columns": shown_columns(request)})
        return self.render(form)

    def post(self, request, *args, **kwargs):
        if request.POST.get("reset"):
            shown = choose_columns(request=request, names=None)
            if request.htmx:  # the boxes change under the user: draw them again
                form = GridColumnsForm(initial={"columns": shown})
                response = fragment(request, f"{self.template_name}#form", self.context(form))
                return trigger_client_event(response, GRID_COLUMNS_CHANGED)
            return redirect(self.get_success_url())
        form = GridColumnsForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=UNPROCESSABLE)
        choose_columns(request=request, names=form.cleaned_data["columns"])
        if request.htmx:
            return htmx_done(GRID_COLUMNS_CHANGED)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.get_next_url() or reverse("customer_list")

    def context(self, form) -> dict:
        return {"columns_form": form, "next_url": self.get_next_url()}

    def render(self, form, *, status=200):
        name = f"{self.template_name}#form" if self.request.htmx else self.template_name
        return TemplateResponse(self.request, name, self.context(form), status=status)
