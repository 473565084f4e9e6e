"""The pieces of follow-ups that other pages show: the record page's "Next steps"
section, each task row's rights and state, and the navigation's badge."""

import datetime
from urllib.parse import urlsplit

from django.utils import timezone

from customers.followups.forms import QuickTaskForm
from customers.followups.rows import TaskRows
from customers.followups.rules import VIEW, may_add_task, may_manage_task
from customers.followups.selectors import customer_open_tasks, due_count

# Fired after a task changes: "My work", the record's next steps and the badge refresh.
TASKS_CHANGED = "tasks-changed"
# Fired when only the count of due tasks may have changed (a task done, its row showing
# so in place; a task added where it is already shown): only the badge refreshes.
TASKS_DUE_CHANGED = "tasks-due-changed"

ROW_TEMPLATE = "customers/followups/task_row.html"
NEXT_STEPS_TEMPLATE = "customers/followups/next_steps.html"


def today() -> datetime.date:
    """Today in the active time zone: the signed-in user's own (project.timezones), so
    Overdue, Today, "Tomorrow" and the badge follow where they are."""
    return timezone.localdate()


def decorate(tasks, *, user, day: datetime.date) -> list:
    """Mark each task with what its row shows: overdue, and whether `user` may act on
    it (no query: the customer and its owner come with the task)."""
    tasks = list(tasks)
    for task in tasks:
        task.overdue = task.due_date < day
        task.may_manage = may_manage_task(user, task)
    return tasks


def next_steps_context(request, customer, *, form=None) -> dict:
    """What templates/customers/followups/next_steps.html needs: the customer's open
    tasks (one query) and, for a user who may add one, the quick form."""
    user = request.user
    if not user.has_perm(VIEW):
        return {"next_steps": None}
    day = today()
    tasks = customer_open_tasks(customer=customer)
    for task in tasks:
        task.customer = customer  # the same row: no query to ask who owns it
    if form is None and may_add_task(user, customer):
        form = QuickTaskForm(today=day, auto_id="next-step-%s")
    return_url = page_url(request, customer.get_absolute_url())
    rows = TaskRows(request, return_url=return_url, show_customer=False)
    return {
        "next_steps": {
            "customer": customer,
            "rows": [rows.html(task) for task in decorate(tasks, user=user, day=day)],
            "form": form,
            "return_url": return_url,
        }
    }


def page_url(request, fallback: str) -> str:
    """The page the user is looking at: where a plain form post comes back to."""
    if request.htmx and request.htmx.current_url_abs_path:
        return request.htmx.current_url_abs_path
    if request.method == "GET":
        return request.get_full_path()
    return fallback


def on_record_page(request, customer) -> bool:
    """Whether htmx asks from `customer`'s record page, which shows its timeline."""
    current = request.htmx.current_url_abs_path if request.htmx else None
    return bool(current) and urlsplit(current).path == customer.get_absolute_url()


def badge_count(user) -> int | None:
    """The badge's number: the user's open tasks due today or before (None: no badge)."""
    if not (user.is_authenticated and user.has_perm(VIEW)):
        return None
    return due_count(user=user, today=today())
