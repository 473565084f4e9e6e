"""The trash: what was deleted, by whom and when. Restore it, or purge it for good.

Who may do what is checked here, for every URL: the list needs the right to delete
customers, a restore also the right to delete that very customer (a sales rep brings
back only their own and unowned ones), a purge the right to purge.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import DeleteView, ListView
from django_htmx.http import HttpResponseClientRedirect

from customers.core.events import CUSTOMERS_CHANGED, TRASH_CHANGED
from customers.core.merge import restore_from_trash
from customers.core.owners import display_name
from customers.core.permissions import PURGE_CUSTOMER
from customers.models import Customer
from customers.trash.forms import TrashSelectionForm
from customers.trash.selectors import (
    along_with,
    along_with_counts,
    recently_purged,
    trash_list,
    trashed_customers,
)
from customers.trash.services import customer_purge
from customers.trash.undo import named
from ui.access import PermissionRequiredMixin
from ui.canonical_urls import CanonicalListUrlMixin
from ui.http import htmx_done
from ui.views import DialogDeleteMixin, NextUrlMixin, PartialTemplateMixin, RefuseMixin

DELETE = "customers.delete_customer"


class TrashListView(PermissionRequiredMixin, CanonicalListUrlMixin, PartialTemplateMixin, ListView):
    """The customers in the trash, 25 a page, the latest deleted first.

    htmx asks for the `results` partial again when a restore or purge changed the trash.
    """

    permission_required = DELETE
    template_name = "customers/trash/trash.html"
    context_object_name = "customers"
    partial_name = "results"
    paginate_by = 25

    def get_queryset(self):
        return trash_list()

    def paginate_queryset(self, queryset, page_size):
        # A page past the end (its last row just restored) is the last page, not a 404
        # (and CanonicalListUrlMixin puts its number in the URL).
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        for customer in context["customers"]:  # the page's rows, as the template gets them
            customer.along = along_with_counts(customer)
            customer.deleted_by_name = display_name(customer.deleted_by)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(page.number)
        if user.has_perm(PURGE_CUSTOMER):
            # Purged customers live on in their history, which admins reach from here.
            context["purged"] = [
                {"record": record, "purged_by": display_name(record.history_user)}
                for record in recently_purged()
            ]
        return context


class TrashRestoreView(PermissionRequiredMixin, NextUrlMixin, RefuseMixin, View):
    """Bring customers back from the trash, all or none: the trash page's "Restore" and
    the "Undo" of a delete's toast. A plain POST goes back to `next` (or the trash)."""

    permission_required = DELETE
    http_method_names = ["post"]

    def get_success_url(self) -> str:
        return self.get_next_url() or reverse("trash")

    def post(self, request, *args, **kwargs):
        form = TrashSelectionForm(request.POST)
        if not form.is_valid():
            return self.refuse_invalid(form)
        ids = form.cleaned_data["ids"]
        customers = list(trashed_customers().filter(pk__in=ids).order_by("name", "id"))
        if not customers:
            return self.refuse(_("Nothing was restored: it is no longer in the trash."))
        if not all(request.user.has_perm(DELETE, customer) for customer in customers):
            raise PermissionDenied(_("You may not restore these customers."))
        try:
            # A customer merged into another comes back with what moved (the merge undone).
            unmerged = restore_from_trash(customers=customers, by=request.user)
        except ValidationError as error:
            return self.refuse(" ".join(error.messages))
        summary = _("Restored {customers}.").format(customers=named(customers))
        for undone in unmerged:
            summary += " " + _("The merge into “{survivor}” is undone.").format(
                survivor=undone.survivor.name
            )
            if undone.kept:
                labels = ", ".join(
                    str(Customer._meta.get_field(name).verbose_name) for name in undone.kept
                )
                summary += " " + _(
                    "“{survivor}” keeps its {fields} as edited since the merge."
                ).format(survivor=undone.survivor.name, fields=labels)
        if gone := len(ids) - len(customers):
            summary += " " + ngettext(
                "%(count)d was no longer in the trash.",
                "%(count)d were no longer in the trash.",
                gone,
            ) % {"count": gone}
        messages.success(request, summary)
        if request.htmx and unmerged:
            # An undone merge changes a whole record (contacts, deals, activity): the
            # browser goes to `next` (the page it is on) afresh, and shows the toast there.
            return HttpResponseClientRedirect(self.get_success_url())
        if request.htmx:
            return htmx_done(CUSTOMERS_CHANGED, TRASH_CHANGED)
        return redirect(self.get_success_url())


class TrashPurgeView(
    PermissionRequiredMixin, PartialTemplateMixin, NextUrlMixin, DialogDeleteMixin, DeleteView
):
    """Purge one customer for good, after a confirmation dialog (or page without JS)."""

    permission_required = PURGE_CUSTOMER
    partial_name = "dialog"
    success_url = reverse_lazy("trash")
    changed_event = TRASH_CHANGED
    confirm_verb = "Purge"
    confirm_title = gettext_lazy("Purge {object}")
    confirm_button = gettext_lazy("Confirm purge")
    confirm_details = "customers/along_with.html"
    row_id_prefix = "trash"

    def get_queryset(self):
        return trashed_customers()

    def get_context_data(self, **kwargs):
        return super().get_context_data(along=along_with(customers=[self.object]), **kwargs)

    def consequence(self):
        customer = self.object
        return _(
            "{name} ({email}) will be deleted for good. This cannot be undone; its history is kept."
        ).format(name=customer.name, email=customer.email)

    def perform_delete(self):
        customer_purge(customers=[self.object])

    def deleted_message(self):
        return _("“{name}” purged for good.").format(name=self.object.name)
