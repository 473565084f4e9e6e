"""Follow-ups: "My work", adding tasks (the record's quick form, the full form),
completing with Undo, snoozing, the navigation badge and the calendar feed.

Every view checks the role's task permission, and for a task the per-task rule
(customers.followups.rules). Writes go through the services; a plain POST redirects,
an htmx one answers the region it changed plus an HX-Trigger for the others.
"""

import datetime
from functools import cached_property
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.decorators import method_decorator
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django_htmx.http import trigger_client_event

from customers.core.concurrency import EditConflict
from customers.followups.calendar import calendar_for
from customers.followups.forms import (
    CompleteForm,
    QuickTaskForm,
    SnoozeForm,
    TaskFilterForm,
    TaskForm,
    fit_to,
)
from customers.followups.rows import TaskRows
from customers.followups.rules import (
    ADD,
    CANNOT_ASSIGN,
    CHANGE,
    NOT_YOURS,
    VIEW,
    acts_for_anyone,
    manageable_tasks,
    may_add_task,
    may_assign_to_others,
    may_manage_task,
)
from customers.followups.section import (
    NEXT_STEPS_TEMPLATE,
    ROW_TEMPLATE,
    TASKS_CHANGED,
    TASKS_DUE_CHANGED,
    decorate,
    next_steps_context,
    on_record_page,
    page_url,
    today,
)
from customers.followups.selectors import open_tasks, tasks_for_user
from customers.followups.services import (
    FOLLOW_UP_DAYS,
    calendar_reset,
    task_complete,
    task_create,
    task_reopen,
    task_snooze,
)
from customers.models import CalendarFeed, Customer, Deal, FollowUp, Interaction
from customers.timeline.section import Timeline
from ui.access import PermissionRequiredMixin
from ui.http import fragment, htmx_done
from ui.toasts import add_message_with_action
from ui.views import UNPROCESSABLE, NextUrlMixin, PartialTemplateMixin, ServiceFormMixin

UNDO_SECONDS = 10
TIMELINE = "customers/timeline/timeline.html"


def short_day(day: datetime.date) -> str:
    # Translators: a date format (the letters of Django's date filter), for a task's day.
    return formats.date_format(day, _("D j M"))


# --- My work -----------------------------------------------------------------------


# Not kept by the browser: Back must not bring back a day whose tasks were done since.
@method_decorator(never_cache, name="dispatch")
class TaskListView(PermissionRequiredMixin, PartialTemplateMixin, TemplateView):
    """Overdue, Today, Upcoming (7 days) and Later, with counts: the signed-in user's
    tasks, or (a manager's choice) someone else's or everyone's."""

    permission_required = VIEW
    template_name = "customers/followups/task_list.html"
    partial_name = "results"

    def get(self, request, *args, **kwargs):
        self.filter_form = TaskFilterForm(
            request.GET or None, choose_assignee=acts_for_anyone(request.user)
        )
        status = (
            200 if not self.filter_form.is_bound or self.filter_form.is_valid() else UNPROCESSABLE
        )
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=status)

    def tasks(self):
        user = self.request.user
        filters = (
            self.filter_form.cleaned_data
            if self.filter_form.is_bound and self.filter_form.is_valid()
            else {}
        )
        tasks = open_tasks()
        whose = filters.get("assignee") or ""
        if whose == TaskFilterForm.EVERYONE:
            tasks = tasks.filter(manageable_tasks(user))
        elif whose:
            tasks = tasks.filter(assignee_id=int(whose))
        else:
            tasks = tasks.filter(assignee=user)
        if filters.get("priority") is not None:
            tasks = tasks.filter(priority=filters["priority"])
        if filters.get("status"):
            tasks = tasks.filter(customer__status=filters["status"])
        return tasks

    def get_context_data(self, **kwargs):
        day = today()
        expanded = self.request.GET.get("group", "")
        groups = tasks_for_user(queryset=self.tasks(), today=day, expanded=expanded)
        rows = TaskRows(self.request, return_url=self.request.get_full_path(), show_customer=True)
        for group in groups:
            group.rows = [
                rows.html(t) for t in decorate(group.tasks, user=self.request.user, day=day)
            ]
            group.show_all_url = self.with_query(group=group.key)
        if self.own_unfiltered():
            # The badge counts the same tasks: overdue and today's, already counted here.
            kwargs["my_work_due"] = {"count": sum(g.count for g in groups[:2])}
        return super().get_context_data(
            filter=self.filter_form,
            groups=groups,
            today=day,
            # Only the full page shows the calendar's address.
            calendar_url=None if self.wants_fragment() else self.calendar_url(),
            return_url=self.request.get_full_path(),
            **kwargs,
        )

    def own_unfiltered(self) -> bool:
        """Whether the list is the user's own open tasks, unfiltered: the badge's."""
        form = self.filter_form
        return not form.is_bound or (
            form.is_valid() and all(value in (None, "") for value in form.cleaned_data.values())
        )

    def with_query(self, **changes) -> str:
        """This page's address with `changes` to its query (filters kept)."""
        query = self.request.GET.copy()
        for name, value in changes.items():
            query[name] = value
        return f"{self.request.path}?{query.urlencode()}"

    def calendar_url(self) -> str | None:
        feed = CalendarFeed.objects.filter(user=self.request.user).first()
        if feed is None:
            return None
        return self.request.build_absolute_uri(reverse("task_calendar", args=[feed.token]))


class TaskBadgeView(PermissionRequiredMixin, View):
    """The navigation's "My work" link with its count, for htmx to swap in after a
    task changes (it listens for the tasks' events; it never polls)."""

    permission_required = VIEW

    def get(self, request, *args, **kwargs):
        current = request.htmx.current_url_abs_path if request.htmx else ""
        on_my_work = urlsplit(current or "").path == reverse("task_list")
        return fragment(request, "customers/followups/badge.html", {"current": on_my_work})


# --- Adding ------------------------------------------------------------------------


class CustomerTaskMixin:
    @cached_property
    def customer(self) -> Customer:
        # From the trash too: adding to a trashed customer is refused with a reason.
        return get_object_or_404(Customer.all_objects.defer("search_text"), pk=self.kwargs["pk"])


class CustomerTaskCreateView(
    PermissionRequiredMixin, CustomerTaskMixin, NextUrlMixin, ServiceFormMixin, FormView
):
    """The record page's "Next step" form. With htmx a valid post answers the next
    steps section afresh; without, it goes back to the record. Invalid: 422, with the
    section (htmx) or a page of its own (no JavaScript), what was typed kept."""

    permission_required = (ADD, "customers.view_customer")
    form_class = QuickTaskForm
    template_name = "customers/followups/next_step_page.html"
    success_message = gettext_lazy("Next step added: {object}.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "today": today(), "auto_id": "next-step-%s"}

    def get_template_names(self):
        if self.request.htmx:
            return [f"{NEXT_STEPS_TEMPLATE}#section"]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or self.get_form()
        return super().get_context_data(
            customer=self.customer,
            **next_steps_context(self.request, self.customer, form=form),
            **kwargs,
        )

    def perform(self, form):
        try:
            return task_create(
                customer=self.customer,
                title=form.cleaned_data["title"],
                due_date=form.cleaned_data["due_date"],
                created_by=self.request.user,
            )
        except ValidationError as error:
            raise fit_to(form, error) from None

    def get_success_url(self):
        return self.get_next_url() or f"{self.customer.get_absolute_url()}#next-steps"

    def htmx_success(self, form):
        response = fragment(
            self.request,
            f"{NEXT_STEPS_TEMPLATE}#section",
            next_steps_context(self.request, self.customer),
        )
        # The section answered is the fresh one; only the badge needs telling.
        return trigger_client_event(response, TASKS_DUE_CHANGED)


class TaskCreateView(PermissionRequiredMixin, NextUrlMixin, ServiceFormMixin, FormView):
    """The full form, from /tasks/ ("New task"), a deal ("Add task"), a grid row, the
    record: `?customer=<id>&deal=<id>&support_request=<id>` fills in who, which deal and
    which support request."""

    permission_required = (ADD, "customers.view_customer")
    form_class = TaskForm
    template_name = "customers/followups/task_form.html"
    success_message = gettext_lazy("Task added: {object}.")

    def prefill(self, name, model):
        value = self.request.GET.get(name, "")
        if value.isascii() and value.isdigit():
            return model.objects.filter(pk=int(value)).first()
        return None

    @cached_property
    def given_customer(self) -> Customer | None:
        return self.prefill("customer", Customer)

    def get_initial(self):
        initial = {}
        if customer := self.given_customer:
            initial["customer"] = customer
            deal = self.prefill("deal", Deal)
            if deal and deal.customer_id == customer.pk:
                initial["deal"] = deal
            request = self.prefill("support_request", Interaction)
            if request and request.customer_id == customer.pk:
                initial["support_request"] = request
        return initial

    def get_form_kwargs(self):
        # Who may give tasks to others at all (a manager; a rep, on their customers,
        # which perform() checks once the customer is known) sees the assignee field.
        user = self.request.user
        may_assign = acts_for_anyone(user) or user.has_perm("customers.change_customer")
        return {
            **super().get_form_kwargs(),
            "customer": self.given_customer,
            "may_assign": may_assign,
        }

    def perform(self, form):
        data = dict(form.cleaned_data)
        customer = data.pop("customer")
        user = self.request.user
        if not may_add_task(user, customer):
            raise PermissionDenied(_("Your role does not allow you to add tasks."))
        assignee = data.pop("assignee", None) or user
        if assignee != user and not may_assign_to_others(user, customer):
            raise ValidationError({"assignee": CANNOT_ASSIGN})
        try:
            return task_create(customer=customer, created_by=user, assignee=assignee, **data)
        except ValidationError as error:
            raise fit_to(form, error) from None

    def get_success_url(self):
        return self.get_next_url() or reverse("task_list")


# --- Acting on a task --------------------------------------------------------------


class TaskActionView(PermissionRequiredMixin, NextUrlMixin, View):
    """A POST on one task the user may manage."""

    permission_required = CHANGE
    http_method_names = ["post", "options"]

    def get_task(self, pk) -> FollowUp:
        task = get_object_or_404(
            FollowUp.objects.select_related(
                "customer", "deal", "assignee", "contact", "support_request"
            ),
            pk=pk,
        )
        if not may_manage_task(self.request.user, task):
            raise PermissionDenied(NOT_YOURS.format(object=task))
        return task

    def back(self, task) -> HttpResponseRedirect:
        return HttpResponseRedirect(self.get_next_url() or reverse("task_list"))


class TaskCompleteView(TaskActionView):
    """Done, in one click; or done and the same again in a week. The row shows it done
    in place, the timeline gains what was done, and the toast offers Undo."""

    def post(self, request, *args, **kwargs):
        task = self.get_task(kwargs["pk"])
        form = CompleteForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return htmx_done(status=UNPROCESSABLE) if request.htmx else self.back(task)
        again = form.cleaned_data["follow_up"] == "week"
        follow_up = task_complete(
            task=task,
            by=request.user,
            note=form.cleaned_data["note"],
            follow_up_in=datetime.timedelta(days=FOLLOW_UP_DAYS) if again else None,
        )
        text = _("Done: {title}.").format(title=task.title)
        if follow_up:
            text += " " + _("Follow-up on {day}.").format(day=short_day(follow_up.due_date))
        fields = {"next": page_url(request, reverse("task_list"))}
        if follow_up:
            fields["drop"] = follow_up.pk
        add_message_with_action(
            request,
            messages.SUCCESS,
            text,
            label=_("Undo"),
            url=reverse("task_reopen", args=[task.pk]),
            fields=fields,
            seconds=UNDO_SECONDS,
        )
        if not request.htmx:
            return self.back(task)
        task.refresh_from_db()
        response = fragment(
            request,
            f"{ROW_TEMPLATE}#done",
            {
                "task": task,
                "follow_up": follow_up,
                "timeline_entry": self.timeline_entry(task),
            },
        )
        # A follow-up is a new open task: the lists show it.
        return trigger_client_event(response, TASKS_CHANGED if follow_up else TASKS_DUE_CHANGED)

    def timeline_entry(self, task) -> str:
        """What was done, slipped in at the top of the timeline if the user is on the
        customer's record page (elsewhere there is no timeline to add it to)."""
        if not (task.done_interaction and on_record_page(self.request, task.customer)):
            return ""
        item = render_to_string(
            f"{TIMELINE}#item",
            {
                "interaction": task.done_interaction,
                "timeline": Timeline(self.request, task.customer),
            },
            request=self.request,
        )
        # In a <template>, as toasts are: parsed afresh wherever the row's markup ends.
        return SafeString(
            f'<template><ol hx-swap-oob="afterbegin:#timeline-items">{item}</ol>'
            '<li id="timeline-empty" hx-swap-oob="delete"></li></template>'
        )


class TaskReopenView(TaskActionView):
    """Undo a completion: the task is open again, its timeline entry and the follow-up
    it scheduled gone; every list of tasks refreshes."""

    def post(self, request, *args, **kwargs):
        task = self.get_task(kwargs["pk"])
        drop = request.POST.get("drop", "")
        follow_up = None
        if drop.isascii() and drop.isdigit():
            follow_up = FollowUp.objects.filter(pk=int(drop), customer=task.customer).first()
        entry = task.done_interaction_id
        task_reopen(task=task, drop_follow_up=follow_up)
        messages.success(request, _("Reopened: {title}.").format(title=task.title))
        if not request.htmx:
            return self.back(task)
        gone = ""
        if entry and on_record_page(request, task.customer):
            gone = f'<template><li id="interaction-{entry}" hx-swap-oob="delete"></li></template>'
        return htmx_done(TASKS_CHANGED, content=gone)


class TaskSnoozeView(TaskActionView):
    """+1 day, +1 week, or a chosen day."""

    def post(self, request, *args, **kwargs):
        task = self.get_task(kwargs["pk"])
        form = SnoozeForm(request.POST, today=max(today(), task.due_date))
        if not form.is_valid():
            return self.refuse(task, " ".join(e for errors in form.errors.values() for e in errors))
        version = request.POST.get("version", "")
        try:
            task = task_snooze(
                task=task,
                until=form.cleaned_data["until"],
                version=int(version) if version.isascii() and version.isdigit() else None,
            )
        except EditConflict as conflict:
            who = conflict.by.get_username() if conflict.by else _("Someone else")
            return self.refuse(
                task,
                _("{who} changed “{title}” meanwhile; nothing was moved.").format(
                    who=who, title=task.title
                ),
            )
        messages.success(
            request,
            _("Moved “{title}” to {day}.").format(title=task.title, day=short_day(task.due_date)),
        )
        if not request.htmx:
            return self.back(task)
        return htmx_done(TASKS_CHANGED)

    def refuse(self, task, reason):
        messages.error(self.request, reason)
        if self.request.htmx:
            return htmx_done(status=UNPROCESSABLE)
        return self.back(task)


# --- The calendar feed -------------------------------------------------------------


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(View):
    """A user's open tasks as an iCalendar feed. No sign-in: calendar apps cannot; the
    secret token in the address is the credential, and a reset makes it worthless."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, token, *args, **kwargs):
        feed = get_object_or_404(
            CalendarFeed.objects.select_related("user__preference"), token=token
        )
        if not (feed.user.is_active and feed.user.has_perm(VIEW)):
            return HttpResponse(status=404)
        body = calendar_for(user=feed.user, link=request.build_absolute_uri)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response


class CalendarResetView(PermissionRequiredMixin, View):
    """A new secret calendar address; the old one stops working."""

    permission_required = VIEW
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        calendar_reset(user=request.user)
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
        return HttpResponseRedirect(f"{reverse('task_list')}#calendar")
