"""Merge two customers that are one: both side by side, a value picked per field, Confirm.

`/customers/<pk>/merge/<other_pk>/`: `pk` survives, `other_pk` goes to the trash (the
swap link exchanges them). A plain form POST, so it works without JavaScript. Merging
needs the right to change both customers and to delete the one merged away; a sales rep
has those only for customers they own or nobody owns.
"""

from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from customers.core.merge import MERGED_FIELDS, MergeConflict, customer_merge
from customers.core.permissions import NOT_YOURS_TO_CHANGE, NOT_YOURS_TO_DELETE, REASSIGN_OWNER
from customers.models import Customer
from customers.record.forms import MergeForm
from customers.trash.selectors import along_with
from customers.trash.undo import UNDO_SECONDS
from ui.access import PermissionRequiredMixin
from ui.toasts import add_message_with_action
from ui.views import UNPROCESSABLE

CHANGE, DELETE = "customers.change_customer", "customers.delete_customer"
TEMPLATE = "customers/record/merge.html"


def may_merge(user, survivor: Customer, other: Customer) -> bool:
    """Change both, and delete the one merged away (no query: permissions are cached)."""
    return (
        user.has_perm(CHANGE, survivor)
        and user.has_perm(CHANGE, other)
        and user.has_perm(DELETE, other)
    )


class CustomerMergeView(PermissionRequiredMixin, View):
    permission_required = (CHANGE, DELETE)
    http_method_names = ["get", "post"]

    def load(self, pk: int, other_pk: int) -> tuple[Customer, Customer]:
        """Both customers, outside the trash; 404 if either is not, or they are one."""
        if pk == other_pk:
            raise Http404
        # Two exact lookups, not `pk__in`: Django answers an id past the database's
        # integers with no row for `=`, but hands it to the driver inside IN (a 500).
        both = Customer.objects.select_related("owner").filter(Q(pk=pk) | Q(pk=other_pk))
        found = {c.pk: c for c in both}
        if len(found) < 2:
            raise Http404
        survivor, other = found[pk], found[other_pk]
        user = self.request.user
        for customer, perm, refusal in (
            (survivor, CHANGE, NOT_YOURS_TO_CHANGE),
            (other, CHANGE, NOT_YOURS_TO_CHANGE),
            (other, DELETE, NOT_YOURS_TO_DELETE),
        ):
            if not user.has_perm(perm, customer):
                raise PermissionDenied(refusal.format(object=customer.name))
        return survivor, other

    def form(self, survivor, other, **kwargs) -> MergeForm:
        fields = [
            name
            for name in MERGED_FIELDS
            if name != "owner" or self.request.user.has_perm(REASSIGN_OWNER)
        ]
        return MergeForm(survivor=survivor, other=other, fields=fields, **kwargs)

    def render(self, form, *, status=HTTPStatus.OK, notice=""):
        survivor, other = form.survivor, form.other
        context = {
            "survivor": survivor,
            "other": other,
            "form": form,
            "notice": notice,
            "along": along_with(customers=[other]),
            "other_tags": list(other.tags.all()),
            "other_tasks": other.followups.count(),
            "swap_url": reverse("customer_merge", args=[other.pk, survivor.pk]),
        }
        return TemplateResponse(self.request, TEMPLATE, context, status=status)

    def get(self, request, pk, other_pk):
        survivor, other = self.load(pk, other_pk)
        return self.render(self.form(survivor, other))

    def post(self, request, pk, other_pk):
        survivor, other = self.load(pk, other_pk)
        form = self.form(survivor, other, data=request.POST)
        if not form.is_valid():
            return self.render(form, status=UNPROCESSABLE)
        try:
            customer_merge(
                survivor=survivor,
                other=other,
                values=form.values(),
                versions=form.versions(),
                by=request.user,
            )
        except MergeConflict as conflict:
            # The page again, with both as they are now and the user's picks kept.
            picks = {name: form.cleaned_data[name] for name in form.fields if name in MERGED_FIELDS}
            fresh = self.form(conflict.survivor, conflict.other, initial=picks)
            notice = _(
                "“{survivor}” or “{other}” was changed since this page was opened. "
                "Check the values and confirm again."
            ).format(survivor=conflict.survivor.name, other=conflict.other.name)
            return self.render(fresh, status=HTTPStatus.CONFLICT, notice=notice)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for name, messages_ in errors.items():
                form.add_error(name if name in form.fields else None, messages_)
            return self.render(form, status=UNPROCESSABLE)
        record_url = survivor.get_absolute_url()
        add_message_with_action(
            request,
            messages.SUCCESS,
            _("Merged “{other}” into “{survivor}”.").format(
                other=other.name, survivor=survivor.name
            ),
            label=_("Undo"),
            url=reverse("trash_restore"),
            fields={"ids": [other.pk], "next": record_url},
            seconds=UNDO_SECONDS,
        )
        return redirect(record_url)
