"""Task rows, drawn in Python: "My work" shows a rep's 200 open tasks at once, and a
template per row (three forms each) cost most of a second; this costs a few string
formats a row. What all rows share (the CSRF input, the way back, the URLs, the words
of the actions) is worked out and escaped once per list; a row's own values are escaped
as they go in, by `format_html` or `escape`, and only then is the row marked safe.

One markup for every list of tasks: "My work", the record's next steps, a single row.
"""

from functools import lru_cache
from html import escape
from urllib.parse import quote

from django.middleware.csrf import get_token
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from customers.core.owners import display_name
from ui.links import pk_url_maker

CHANGE_DEAL = "customers.change_deal"

ROW = (
    '<li id="task-{pk}" class="task task--priority-{priority_class}{overdue_class}">'
    '<div class="task__main">'
    '<span class="task__title">{title}</span>'
    '<span class="task__due"><time datetime="{iso}">{day}</time>{time}{overdue}</span>'
    "{priority}{customer}{deal}{support}{assignee}"
    "</div>{actions}</li>"
)
# One form a row (its CSRF token and the way back once, not three times): "Done" posts
# to complete, with the note if one was typed; the snooze buttons post the same form to
# snooze (`formaction` without JavaScript, their own hx-post with it).
ACTIONS = (
    '<form class="task__actions" method="post" action="{complete}" hx-post="{complete}"'
    ' hx-target="#task-{pk}" hx-swap="outerHTML" hx-disabled-elt="find button">{hidden}'
    '<input type="hidden" name="version" value="{version}">'
    '<button type="submit" class="primary" aria-label="{done_label}">{done}</button> '
    '<button type="submit" name="follow_up" value="week"'
    ' aria-label="{follow_label}">{follow}</button>'
    '<details class="task__note"><summary>{note}<span class="visually-hidden"> {note_on}</span>'
    '</summary><label for="task-{pk}-note">{note_label}</label>'
    '<textarea id="task-{pk}-note" name="note" rows="2" maxlength="5000"></textarea></details>'
    '<span class="task__snooze">'
    '<button type="submit" name="by" value="day" formaction="{snooze}" hx-post="{snooze}"'
    ' hx-swap="none" aria-label="{day_label}">{day}</button> '
    '<button type="submit" name="by" value="week" formaction="{snooze}" hx-post="{snooze}"'
    ' hx-swap="none" aria-label="{week_label}">{week}</button> '
    '<label class="visually-hidden" for="task-{pk}-until">{until_label}</label>'
    '<input type="date" id="task-{pk}-until" name="until"> '
    '<button type="submit" formaction="{snooze}" hx-post="{snooze}" hx-swap="none"'
    ' aria-label="{move_label}">{move}</button>'
    "</span></form>"
)
# Changing a task in full, or deleting it: a page each without JavaScript, the delete a
# dialog with it.
EDIT = (
    '<span class="task__edit"><a href="{edit}{back}">{edit_word}<span class="visually-hidden">'
    ' {title}</span></a> <a class="danger-link" href="{delete}{back}" hx-get="{delete}{back}"'
    ' hx-target="body" hx-swap="beforeend">{delete_word}<span class="visually-hidden"> {title}'
    "</span></a></span>"
)


def action_words() -> dict:
    """The words of ACTIONS in the active language; those with {title} are filled in
    per row."""
    return {
        "done_label": _("Done: {title}"),
        "done": _("Done"),
        "follow_label": _("Done, and follow up in a week: {title}"),
        "follow": _("Done, follow up in a week"),
        "note": _("Note"),
        "note_on": _("on {title}"),
        "note_label": _("What was done (saved with Done)"),
        "day_label": _("Snooze {title} by a day"),
        "day": _("+1 day"),
        "week_label": _("Snooze {title} by a week"),
        "week": _("+1 week"),
        "until_label": _("Move {title} to"),
        "move_label": _("Move {title} to the chosen day"),
        "move": _("Move"),
    }


def _braced(html: str) -> str:
    """`html` as a literal part of a str.format template."""
    return html.replace("{", "{{").replace("}", "}}")


def long_day(day) -> str:
    return _long_day(day, get_language())


@lru_cache(maxsize=1024)  # date_format is slow next to a lookup, and tasks share their days
def _long_day(day, language: str) -> str:
    # `language` is only the cache's key: each language writes a day its own way.
    # Translators: a date format (the letters of Django's date filter), for a task's day.
    return date_format(day, _("D j M Y"))


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
        # The words and what every row's actions share, escaped once a list into
        # templates of the row's own values: a row then escapes its title, day and URLs
        # only (escaping the same words again in each of 200 rows was most of their cost).
        words = {name: conditional_escape(word) for name, word in action_words().items()}
        self.titled = {name: word for name, word in words.items() if "{title}" in word}
        own = {name: f"{{{name}}}" for name in (*self.titled, "pk", "complete", "snooze")}
        shared = {name: _braced(word) for name, word in words.items() if name not in own}
        self.actions = ACTIONS.format(
            **shared, **own, hidden=_braced(self.hidden), version="{version}"
        )
        self.edit = EDIT.format(
            edit_word=_braced(escape(_("Edit"))),
            delete_word=_braced(escape(_("Delete"))),
            back=_braced(escape(self.deal_query)),
            title="{title}",
            edit="{edit}",
            delete="{delete}",
        )
        self.complete_url = pk_url_maker("task_complete")
        self.edit_url = pk_url_maker("task_update")
        self.delete_url = pk_url_maker("task_delete")
        self.snooze_url = pk_url_maker("task_snooze")
        self.customer_url = pk_url_maker("customer_detail")
        self.deal_url = pk_url_maker("deal_update")
        self.deal_word = _("Deal: {deal}")
        self.support_word = _("Support request: {subject}")
        self.for_word = _("for {who}")
        self.nobody = _("nobody")
        self.overdue = format_html(' <strong class="task__overdue">{}</strong>', _("Overdue"))
        self.priority_word = _("{priority} priority")

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
            before, _sep, after = self.deal_word.partition("{deal}")
            deal = format_html('<span class="task__deal">{}{}{}</span>', before, shown, after)
        support = ""
        if task.support_request_id:
            # To the request on the customer's timeline (the record page shows it).
            shown = format_html(
                '<a href="{}#interaction-{}">{}</a>',
                self.customer_url(task.customer_id),
                task.support_request_id,
                task.support_request.subject,
            )
            before, _sep, after = self.support_word.partition("{subject}")
            support = format_html('<span class="task__support">{}{}{}</span>', before, shown, after)
        assignee = ""
        if task.assignee_id != self.user.pk:
            assignee = format_html(
                '<span class="task__assignee">{}</span>',
                self.for_word.format(who=display_name(task.assignee) or self.nobody),
            )
        escaped = escape(title)
        actions = ""
        if task.may_manage:
            actions = self.actions.format(
                **{name: word.format(title=escaped) for name, word in self.titled.items()},
                pk=pk,
                complete=escape(self.complete_url(pk)),
                snooze=escape(self.snooze_url(pk)),
                version=int(task.version),
            ) + self.edit.format(
                title=escaped, edit=escape(self.edit_url(pk)), delete=escape(self.delete_url(pk))
            )
        priority = ""
        if task.priority != task.Priority.NORMAL:
            priority = format_html(
                '<span class="badge task__priority">{}</span>',
                self.priority_word.format(priority=task.get_priority_display()),
            )
        # Each value escaped here, or HTML made above (SafeString) or by __init__.
        return mark_safe(  # noqa: S308
            ROW.format(
                pk=int(pk),
                priority_class=task.Priority(task.priority).name.lower(),
                overdue_class=" task--overdue" if task.overdue else "",
                title=escaped,
                iso=task.due_date.isoformat(),
                day=escape(long_day(task.due_date)),
                time=f" {task.due_time:%H:%M}" if task.due_time else "",
                overdue=self.overdue if task.overdue else "",
                priority=priority,
                customer=customer,
                deal=deal,
                support=support,
                assignee=assignee,
                actions=actions,
            )
        )
