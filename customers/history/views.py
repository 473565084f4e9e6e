"""A customer's change history: a dialog over the record page, or a page of its own.

While the customer is kept, whoever may view customers may read its history. Once it is
in the trash, or purged with only its history left, only those who may purge (admins)
can: to anyone else it is not there (404), as the customer itself is not.

htmx gets the `dialog` partial (appended to <body>), and "Show older" the `older`
partial (the next entries, put in place of the link). Without JavaScript both are the
full page.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from customers.core.permissions import PURGE_CUSTOMER
from customers.history.selectors import HistorySubject, customer_history, customer_history_subject
from customers.models import Contact, Deal, FollowUp, Interaction
from ui.access import PermissionRequiredMixin
from ui.views import NextUrlMixin, PartialTemplateMixin

VIEW = "customers.view_customer"


class CustomerHistoryView(
    PermissionRequiredMixin, PartialTemplateMixin, NextUrlMixin, TemplateView
):
    template_name = "customers/history/customer_history.html"
    subject: HistorySubject

    def has_permission(self) -> bool:
        user = self.request.user
        if not (user.has_perm(VIEW) or user.has_perm(PURGE_CUSTOMER)):
            return False
        subject = customer_history_subject(customer_id=self.kwargs["pk"])
        if subject is None:
            raise Http404(_("No customer has had this number."))
        self.subject = subject
        if not subject.kept:
            if not user.has_perm(PURGE_CUSTOMER):
                raise Http404(_("No customer has this number."))
            return True
        return user.has_perm(VIEW)

    def get(self, request, *args, **kwargs):
        self.before = request.GET.get("before", "")
        try:
            self.page = customer_history(
                customer_id=self.subject.pk,
                before=self.before or None,
                # Only what the record page would show this user of the customer.
                kinds=[
                    model
                    for model in (Contact, Interaction, Deal, FollowUp)
                    if request.user.has_perm(f"customers.view_{model._meta.model_name}")
                ],
            )
        except ValueError:
            return HttpResponseBadRequest(
                _("“before” must be a place in this history, as “Show older” gives it."),
                content_type="text/plain; charset=utf-8",
            )
        return super().get(request, *args, **kwargs)

    def get_partial_name(self):
        return "older" if self.before else "dialog"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            subject=self.subject,
            page=self.page,
            more_url=self.more_url(),
            close_url=self.close_url(),
            **kwargs,
        )

    def more_url(self) -> str | None:
        if self.page.next_cursor is None:
            return None
        query = {"before": self.page.next_cursor}
        if next_url := self.get_next_url():
            query["next"] = next_url
        url = reverse("customer_history", args=[self.subject.pk])
        return f"{url}?{urlencode(query)}"

    def close_url(self) -> str:
        """Where "Close" goes without JavaScript: back where the user came from."""
        if next_url := self.get_next_url():
            return next_url
        if not self.subject.kept:
            return reverse("customer_list")
        return self.subject.customer.get_absolute_url()
