"""Task rows, drawn in Python: "My work" shows a rep's 200 open tasks at once, and a
template per row (three forms each) cost most of a second; this costs a few string
formats a row. Every value is escaped by Django's own `format_html`. What all rows
share (the CSRF input, the way back, the URLs) is worked out once per list.

One markup for every list of tasks: "My work", the record's next steps, a single row.
"""

from functools import lru_cache
from urllib.parse import quote

from django.middleware.csrf import get_token
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from customers.core.owners import display_name
from ui.links import pk_url_maker

CHANGE_DEAL = "customers.change_deal"

ROW = (
    '<li id="task-{pk}" class="task task--priority-{priority_class}{overdue_class}">'
    '<div class="task__main">'
    '<span class="task__title">{title}</span>'
    '<span class="task__due"><time datetime="{iso}">{day}</time>{time}{overdue}</span>'
    "{priority}{customer}{deal}{assignee}"
    "</div>{actions}</li>"
)
# One form a row (its CSRF token and the way back once, not three times): "Done" posts
# to complete, with the note if one was typed; the snooze buttons post the same form to
# snooze (`formaction` without JavaScript, their own hx-post with it).
ACTIONS = (
    '<form class="task__actions" method="post" action="{complete}" hx-post="{complete}"'
    ' hx-target="#task-{pk}" hx-swap="outerHTML" hx-disabled-elt="find button">{hidden}'
    '<input type="hidden" name="version" value="{version}">'
    '<button type="submit" class="primary" aria-label="Done: {title}">Done</button> '
    '<button type="submit" name="follow_up" value="week"'
    ' aria-label="Done, and follow up in a week: {title}">Done, follow up in a week</button>'
    '<details class="task__note"><summary>Note<span class="visually-hidden"> on {title}</span>'
    '</summary><label for="task-{pk}-note">What was done (saved with Done)</label>'
    '<textarea id="task-{pk}-note" name="note" rows="2" maxlength="5000"></textarea></details>'
    '<span class="task__snooze">'
    '<button type="submit" name="by" value="day" formaction="{snooze}" hx-post="{snooze}"'
    ' hx-swap="none" aria-label="Snooze {title} by a day">+1 day</button> '
    '<button type="submit" name="by" value="week" formaction="{snooze}" hx-post="{snooze}"'
    ' hx-swap="none" aria-label="Snooze {title} by a week">+1 week</button> '
    '<label class="visually-hidden" for="task-{pk}-until">Move {title} to</label>'
    '<input type="date" id="task-{pk}-until" name="until"> '
    '<button type="submit" formaction="{snooze}" hx-post="{snooze}" hx-swap="none"'
    ' aria-label="Move {title} to the chosen day">Move</button>'
    "</span></form>"
)
# Changing a task in full, or deleting it: a page each without JavaScript, the delete a
# dialog with it.
EDIT = (
    '<span class="task__edit"><a href="{edit}{back}">Edit<span class="visually-hidden"> {title}'
    '</span></a> <a class="danger-link" href="{delete}{back}" hx-get="{delete}{back}"'
    ' hx-target="body" hx-swap="beforeend">Delete<span class="visually-hidden"> {title}</span>'
    "</a></span>"
)


@lru_cache(maxsize=1024)  # date_format is slow next to a lookup, and tasks share their days
def long_day(day) -> str:
    return date_format(day, "D j M Y")


class TaskRows:
    """Draws the rows of one list of tasks. Each task needs `overdue` and `may_manage`
    (customers.followups.section.decorate), its customer, deal and assignee at hand."""

    def __init__(self, request, *, return_url: str, show_customer: bool):
        self.user = request.user
        self.hidden = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="next" value="{}">',
            get_token(request),
            return_url,
        )
        self.deal_query = f"?next={quote(return_url, safe='/')}"
        self.show_customer = show_customer
        self.complete_url = pk_url_maker("task_complete")
        self.edit_url = pk_url_maker("task_update")
        self.delete_url = pk_url_maker("task_delete")
        self.snooze_url = pk_url_maker("task_snooze")
        self.customer_url = pk_url_maker("customer_detail")
        self.deal_url = pk_url_maker("deal_update")

    def html(self, task) -> SafeString:
        pk, title = task.pk, task.title
        customer = ""
        if self.show_customer:
            customer = format_html(
                '<a class="task__customer" href="{}">{}</a>',
                self.customer_url(task.customer_id),
                task.customer.name,
            )
        deal = ""
        if task.deal_id:
            if self.user.has_perm(CHANGE_DEAL, task.deal):
                shown = format_html(
                    '<a href="{}{}">{}</a>',
                    self.deal_url(task.deal_id),
                    self.deal_query,
                    task.deal.title,
                )
            else:
                shown = task.deal.title
            deal = format_html('<span class="task__deal">Deal: {}</span>', shown)
        assignee = ""
        if task.assignee_id != self.user.pk:
            assignee = format_html(
                '<span class="task__assignee">for {}</span>',
                display_name(task.assignee) or "nobody",
            )
        actions = ""
        if task.may_manage:
            actions = format_html(
                ACTIONS,
                pk=pk,
                title=title,
                complete=self.complete_url(pk),
                snooze=self.snooze_url(pk),
                hidden=self.hidden,
                version=task.version,
            ) + format_html(
                EDIT,
                title=title,
                edit=self.edit_url(pk),
                delete=self.delete_url(pk),
                back=self.deal_query,
            )
        priority = ""
        if task.priority != task.Priority.NORMAL:
            priority = format_html(
                '<span class="badge task__priority">{} priority</span>', task.get_priority_display()
            )
        return format_html(
            ROW,
            pk=pk,
            priority_class=task.get_priority_display().lower(),
            overdue_class=" task--overdue" if task.overdue else "",
            title=title,
            iso=task.due_date.isoformat(),
            day=long_day(task.due_date),
            time=f" {task.due_time:%H:%M}" if task.due_time else "",
            overdue=SafeString(' <strong class="task__overdue">Overdue</strong>')
            if task.overdue
            else "",
            priority=priority,
            customer=customer,
            deal=deal,
            assignee=assignee,
            actions=actions,
        )
