"""Tags on the record page: add one by name (an existing tag, any case), remove one, and
suggest existing tags as the user types.

A name no tag has is not made into a tag on the way: every user sees every tag in the
grid's Tag filter, so a new one is an explicit choice. The answer says there is no such
tag and, to a user who may make tags, offers "Create tag “X”" (the same form again, with
`create` set to the name). Putting a tag on a customer, or taking it off, is a change to
the customer; making a brand-new tag is also adding a tag. Both are checked here, not
only in the template.
"""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_htmx.http import trigger_client_event

from customers.core.events import CUSTOMERS_CHANGED
from customers.core.permissions import ADD_TAG, NOT_YOURS_TO_CHANGE, role_cannot
from customers.core.selectors import tag_find
from customers.core.services import customer_tag_add, customer_tag_remove, tag_get_or_create
from customers.models import Tag
from customers.record.selectors import customer_record, tag_suggestions
from customers.record.views.page import TEMPLATE as RECORD_TEMPLATE
from customers.record.views.page import new_tag_form, record_url
from ui.access import ObjectPermissionRequiredMixin, PermissionRequiredMixin
from ui.forms import typed_text
from ui.http import fragment
from ui.views import UNPROCESSABLE, PartialTemplateMixin

SECTION = "customer-tags"
NO_SUCH_TAG = gettext_lazy("There is no tag called “%(name)s”.")
NOT_ALLOWED_TO_CREATE = gettext_lazy(
    "There is no tag called “%(name)s”, and you may not create new tags."
)


def render_tags(request, customer, *, form=None, status: int = 200) -> TemplateResponse:
    """The customer's tags region as it now stands, with the "Add tag" form."""
    return fragment(
        request,
        f"{RECORD_TEMPLATE}#tags",
        {"customer": customer, "object": customer, "tag_form": form or new_tag_form(request)},
        status=status,
    )


class CustomerTagMixin(ObjectPermissionRequiredMixin):
    """Tagging a customer is changing it: only someone who may change this customer."""

    permission_required = ("customers.view_customer", "customers.change_customer")
    permission_denied_message = role_cannot(gettext_lazy("change customers' tags"))
    object_permission_denied_message = NOT_YOURS_TO_CHANGE

    def has_permission(self):
        # The customer is checked before any handler runs, so a refusal touches nothing
        # (not even the tag a refused "Add tag" would otherwise create).
        return super().has_permission() and self.customer is not None

    @cached_property
    def customer(self):
        customer = get_object_or_404(customer_record(), pk=self.kwargs["pk"])
        return self.check_object_permission(customer)

    def tags_changed(self):
        """The fresh tags region for htmx (the grid and others hear of it), else back
        to the record page."""
        if not self.request.htmx:
            return redirect(record_url(self.customer, SECTION))
        fresh = customer_record().get(pk=self.customer.pk)
        return trigger_client_event(render_tags(self.request, fresh), CUSTOMERS_CHANGED)


class CustomerTagAddView(CustomerTagMixin, PartialTemplateMixin, FormView):
    """The "Add tag" field on the record (htmx gets the record's tags region), or,
    without JavaScript, a page of its own."""

    template_name = "customers/record/tag_add.html"
    fragment_template_name = RECORD_TEMPLATE
    partial_name = "tags"

    def get_form(self, form_class=None):
        return new_tag_form(self.request, **self.get_form_kwargs())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(customer=self.customer, object=self.customer, **kwargs)
        context["tag_form"] = context["form"]
        return context

    def form_valid(self, form):
        name = form.cleaned_data["name"]
        tag = tag_find(name=name)
        if tag is None:
            if not self.request.user.has_perm(ADD_TAG):
                # Asked to create or not: the same answer, and nothing made.
                error = ValidationError(NOT_ALLOWED_TO_CREATE, params={"name": name})
                form.add_error("name", error)
                return self.form_invalid(form)
            if not self.create_chosen(name):
                form.add_error("name", ValidationError(NO_SUCH_TAG, params={"name": name}))
                return self.form_invalid(form, new_tag_name=name)
            try:
                tag = tag_get_or_create(name=name)
            except ValidationError as error:
                form.add_error(None, error)
                return self.form_invalid(form)
        if tag in self.customer.tags.all():
            messages.info(
                self.request,
                _("{customer} already has the tag “{tag}”.").format(
                    customer=self.customer.name, tag=tag.name
                ),
            )
        else:
            customer_tag_add(customer=self.customer, tag=tag)
            messages.success(self.request, _("Tag “{name}” added.").format(name=tag.name))
        return self.tags_changed()

    def create_chosen(self, name: str) -> bool:
        """Whether the user pressed "Create tag “X”" for this very name: the button
        carries the name it offered, so a name changed after the offer is offered anew
        rather than made unseen."""
        chosen = " ".join(self.request.POST.get("create", "").split())
        return chosen == name

    def form_invalid(self, form, *, new_tag_name: str = ""):
        context = self.get_context_data(form=form, new_tag_name=new_tag_name)
        return self.render_to_response(context, status=UNPROCESSABLE)


class CustomerTagRemoveView(CustomerTagMixin, View):
    """Takes a tag off the customer (the tag itself stays). A POST, from a small form."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        tag = get_object_or_404(Tag, pk=self.kwargs["tag_pk"])
        customer_tag_remove(customer=self.customer, tag=tag)
        messages.success(request, _("Tag “{name}” removed.").format(name=tag.name))
        return self.tags_changed()


class TagSuggestView(PermissionRequiredMixin, PartialTemplateMixin, TemplateView):
    """Existing tags whose name contains what was typed: the options of the "Add tag"
    field's datalist for htmx, a short list page otherwise."""

    permission_required = "customers.view_tag"
    template_name = "customers/record/tag_suggestions.html"
    partial_name = "datalist"

    def get_context_data(self, **kwargs):
        text = typed_text(self.request.GET, "name")
        return super().get_context_data(text=text, tags=tag_suggestions(text=text), **kwargs)
