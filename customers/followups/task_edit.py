"""Changing a task in full (its form) and deleting it: pages that work without
JavaScript, the delete also as a dialog over the list. Who may: whoever may manage the
task (customers/followups/rules.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DeleteView, UpdateView

from customers.core.versioned import VersionedEditMixin
from customers.followups.forms import TaskEditForm, fit_to
from customers.followups.rules import CHANGE, NOT_YOURS, may_assign_to_others, may_manage_task
from customers.followups.section import TASKS_CHANGED
from customers.followups.services import task_delete, task_update
from customers.models import FollowUp
from ui.access import PermissionRequiredMixin
from ui.views import DialogDeleteMixin, NextUrlMixin, PartialTemplateMixin, ServiceFormMixin


class TaskObjectMixin(PermissionRequiredMixin, NextUrlMixin):
    permission_required = CHANGE
    success_url = reverse_lazy("task_list")

    def get_queryset(self):
        return FollowUp.objects.select_related(
            "customer", "deal", "assignee", "contact", "support_request"
        )

    def get_object(self, queryset=None):
        task = super().get_object(queryset)
        if not may_manage_task(self.request.user, task):
            raise PermissionDenied(NOT_YOURS.format(object=task))
        return task


class TaskUpdateView(TaskObjectMixin, VersionedEditMixin, ServiceFormMixin, UpdateView):
    form_class = TaskEditForm
    template_name = "customers/followups/task_edit.html"
    success_message = gettext_lazy("Task saved: {object}.")

    def get_form_kwargs(self):
        task = self.object
        return {
            **super().get_form_kwargs(),
            "customer": task.customer,
            "may_assign": may_assign_to_others(self.request.user, task.customer),
        }

    def get_initial(self):
        # "Me" (empty) stands for the user themselves: their own task shows so.
        return {"assignee": None} if self.object.assignee_id == self.request.user.pk else {}

    def perform(self, form):
        try:
            return task_update(
                task=self.object,
                data=form.edit_data(),
                version=form.version,
                by=self.request.user,
            )
        except ValidationError as error:
            raise fit_to(form, error) from None

    def get_success_url(self):
        return self.get_next_url() or reverse("task_list")


class TaskDeleteView(TaskObjectMixin, PartialTemplateMixin, DialogDeleteMixin, DeleteView):
    """A confirmation page of its own, or a dialog over the list; deleting needs a POST."""

    partial_name = "dialog"
    changed_event = TASKS_CHANGED
    row_id_prefix = "task"

    def consequence(self):
        task = self.object
        return _("The task “%(title)s” on %(customer)s will be deleted.") % {
            "title": task.title,
            "customer": task.customer.name,
        }

    def perform_delete(self):
        task_delete(task=self.object)

    def deleted_message(self):
        return _("Task deleted: %(title)s.") % {"title": self.object.title}
