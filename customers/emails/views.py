"""Email from the record: compose and send (the worker sends), retry a failed one, and
the team's templates. Plain pages and forms: nothing here needs JavaScript."""

from functools import cached_property

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DeleteView, FormView, ListView, UpdateView

from customers.core.selectors import customer_list
from customers.emails.forms import ComposeForm, EmailTemplateForm
from customers.emails.services import email_retry, email_send, template_save
from customers.models import Customer, EmailTemplate, OutgoingEmail
from ui.access import PermissionRequiredMixin
from ui.forms import parse_id
from ui.http import fragment
from ui.views import DialogDeleteMixin, NextUrlMixin, ServiceFormMixin

SEND = ("customers.view_customer", "customers.add_interaction")


class EmailComposeView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """Write to the customer, or (`?contact=`) to one of its contacts. `?template=`
    starts from a template, keeping the address already typed."""

    permission_required = SEND
    form_class = ComposeForm
    template_name = "customers/emails/compose.html"

    @cached_property
    def customer(self) -> Customer:
        return get_object_or_404(customer_list(), pk=self.kwargs["pk"])

    @cached_property
    def contact(self):
        """The contact written to: `contact` in the query or the form, one of the
        customer's (anything else writes to the customer)."""
        pk = parse_id(self.request.POST.get("contact") or self.request.GET.get("contact", ""))
        return self.customer.contacts.filter(pk=pk).first() if pk else None

    def get_initial(self):
        contact, params = self.contact, self.request.GET
        initial = {"to": params.get("to") or (contact.email if contact else self.customer.email)}
        pk = parse_id(params.get("template", ""))
        if template := (EmailTemplate.objects.filter(pk=pk).first() if pk else None):
            initial.update(template=template, subject=template.subject, body=template.body)
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(customer=self.customer, contact=self.contact, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        return email_send(
            customer=self.customer,
            contact=self.contact,
            to=data["to"],
            subject=data["subject"],
            body=data["body"],
            by=self.request.user,
        )

    def get_success_message(self, form):
        return _("Your email to %(to)s is on its way.") % {"to": form.cleaned_data["to"]}

    def get_success_url(self):
        return f"{self.customer.get_absolute_url()}#interaction-{self.object.pk}"


class EmailRetryView(PermissionRequiredMixin, NextUrlMixin, View):
    """Send a failed email again, as it was written."""

    permission_required = SEND
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        outgoing = get_object_or_404(
            OutgoingEmail.objects.select_related("interaction"),
            interaction__pk=kwargs["pk"],
            interaction__customer__in=customer_list(),
        )
        if outgoing.status == OutgoingEmail.Status.FAILED:
            email_retry(outgoing=outgoing)
            messages.success(request, _("Sending the email to %(to)s again.") % {"to": outgoing.to})
        customer_url = reverse("customer_detail", args=[outgoing.interaction.customer_id])
        return HttpResponseRedirect(
            self.get_next_url() or f"{customer_url}#interaction-{outgoing.interaction.pk}"
        )


class EmailStatusView(PermissionRequiredMixin, View):
    """How an email is going, for its timeline entry to ask while it is on its way.
    Without htmx, the customer's page, at the entry."""

    permission_required = ("customers.view_customer", "customers.view_interaction")

    def get(self, request, *args, **kwargs):
        sent = get_object_or_404(
            OutgoingEmail.objects.select_related("interaction"),
            interaction__pk=kwargs["pk"],
            interaction__customer__in=customer_list(),
        )
        if not request.htmx:
            customer_url = reverse("customer_detail", args=[sent.interaction.customer_id])
            return HttpResponseRedirect(f"{customer_url}#interaction-{sent.interaction.pk}")
        return fragment(
            request,
            "customers/emails/status.html",
            {"sent": sent, "interaction": sent.interaction},
        )


# --- Templates -----------------------------------------------------------------------


class EmailTemplateListView(PermissionRequiredMixin, ListView):
    permission_required = "customers.view_emailtemplate"
    model = EmailTemplate
    template_name = "customers/emails/template_list.html"
    context_object_name = "email_templates"


class TemplateFormMixin(ServiceFormMixin):
    model = EmailTemplate
    form_class = EmailTemplateForm
    template_name = "customers/emails/template_form.html"
    success_url = reverse_lazy("email_template_list")

    def perform(self, form):
        return template_save(template=form.instance, by=self.request.user)


class EmailTemplateCreateView(PermissionRequiredMixin, TemplateFormMixin, CreateView):
    permission_required = "customers.add_emailtemplate"
    success_message = gettext_lazy("Template “{object}” added.")


class EmailTemplateUpdateView(PermissionRequiredMixin, TemplateFormMixin, UpdateView):
    permission_required = "customers.change_emailtemplate"
    success_message = gettext_lazy("Template “{object}” saved.")


class EmailTemplateDeleteView(PermissionRequiredMixin, DialogDeleteMixin, DeleteView):
    permission_required = "customers.delete_emailtemplate"
    model = EmailTemplate
    success_url = reverse_lazy("email_template_list")
    changed_event = "email-templates-changed"

    def consequence(self):
        return _("The template “%(name)s” will be deleted. Emails sent from it stay.") % {
            "name": self.object
        }

    def perform_delete(self):
        self.object.delete()

    def deleted_message(self):
        return _("Template “%(name)s” deleted.") % {"name": self.object}
