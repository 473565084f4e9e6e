"""Bulk actions on the customers ticked in the grid: one POST, one transaction."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from django_htmx.http import reswap, retarget

from customers.forms.bulk import BulkAction, BulkActionForm
from customers.models import Customer
from customers.owners import display_name
from customers.selectors import customer_list
from customers.selectors.trash import along_with
from customers.services import (
    customers_add_tag,
    customers_assign_owner,
    customers_delete,
    customers_set_status,
)
from customers.views.access import REASSIGN_OWNER, ROLE_CANNOT
from customers.views.events import CUSTOMERS_CHANGED
from customers.views.trash import customers_count, offer_undo
from ui.access import PermissionRequiredMixin
from ui.http import CLOSE_DIALOG, htmx_done
from ui.views import NextUrlMixin, RefuseMixin

TEMPLATE = "customers/customer_bulk.html"
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
                return ROLE_CANNOT.format(action="delete customers")
            case BulkAction.ASSIGN_OWNER:
                return ROLE_CANNOT.format(action="assign owners")
        return ROLE_CANNOT.format(action="change customers")

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
        verb = "delete" if self.row_permission() == "customers.delete_customer" else "change"
        were = "will be" if later else ("was" if count == 1 else "were")
        return f"{customers_count(count)} you may not {verb} {were} skipped."

    def get_success_url(self):
        return self.get_next_url() or reverse("customer_list")

    def post(self, request, *args, **kwargs):
        form = BulkActionForm(request.POST)
        if not form.is_valid():
            return self.refuse_invalid(form)
        data = form.cleaned_data
        found = list(customer_list().filter(pk__in=data["ids"]).order_by("name", "id"))
        if not found:
            return self.refuse("The selected customers are no longer there.")
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
            return self.refuse(f"Nothing was changed. {' '.join(error.messages)}")
        if skipped:
            summary += f" {self.skipped(skipped)}"
        if missing := len(data["ids"]) - len(found):
            summary += f" {customers_count(missing)} had already been deleted."
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
                whom = f"to {display_name(owner)}" if owner else "to nobody"
                return f"{customers_count(changed)} assigned {whom}." + unchanged(
                    customers, changed
                )
            case BulkAction.ADD_TAG:
                changed = customers_add_tag(customers=customers, tag=data["tag"])
                return f"Tag “{data['tag']}” added to {customers_count(changed)}." + unchanged(
                    customers, changed
                )
            case BulkAction.SET_STATUS:
                changed = customers_set_status(customers=customers, status=data["status"])
                label = Customer.Status(data["status"]).label
                return f"{customers_count(changed)} set to {label}." + unchanged(customers, changed)
            case BulkAction.DELETE:
                deleted = customers_delete(customers=customers, by=self.request.user)
                return f"{customers_count(deleted)} moved to the trash."

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
            response = TemplateResponse(self.request, f"{TEMPLATE}#dialog", context)
            return retarget(reswap(response, "beforeend"), "body")
        return TemplateResponse(self.request, TEMPLATE, context)


def unchanged(customers, changed: int) -> str:
    if same := len(customers) - changed:
        return f" {customers_count(same)} already had it."
    return ""
