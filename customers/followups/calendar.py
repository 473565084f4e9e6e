"""A user's open tasks as an iCalendar feed (RFC 5545), with the `icalendar` package.

Each task is an event on its day: all day, or at its time in the user's time zone
(with the zone's definition, so calendar apps place it right). The UID stays the same
while the task moves, so a snoozed task moves in the calendar instead of doubling.

The calendar app fetches it without the user's session: its words are in the language
the user chose for themselves, as their reminders are.
"""

import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from customers.followups.reminders import in_their_language
from customers.followups.selectors import calendar_tasks
from customers.models.preference import zone_of

TIMED_MINUTES = 30  # how long a timed task shows in the calendar


def calendar_for(*, user, link: Callable[[str], str]) -> bytes:
    """The feed's body. `link` makes a path absolute (request.build_absolute_uri)."""
    with in_their_language(user):
        return _calendar(user=user, link=link)


def _calendar(*, user, link: Callable[[str], str]) -> bytes:
    zone = zone_of(user)  # where the user's due times are told
    calendar = Calendar()
    calendar.add("prodid", "-//CRM//Follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("CRM tasks"))
    for task in calendar_tasks(user=user):
        event = Event()
        event.add("uid", f"followup-{task.pk}@crm")
        event.add(
            "summary",
            _("{title} ({customer})").format(title=task.title, customer=task.customer.name),
        )
        if task.due_time is None:
            event.add("dtstart", task.due_date)
            event.add("dtend", task.due_date + datetime.timedelta(days=1))
        else:
            start = datetime.datetime.combine(task.due_date, task.due_time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + datetime.timedelta(minutes=TIMED_MINUTES))
        event.add("dtstamp", task.updated_at)
        event.add("priority", {2: 1, 1: 5, 0: 9}[task.priority])  # RFC 5545: 1 high, 9 low
        details = [_("Customer: {name}").format(name=task.customer.name)]
        if task.deal:
            details.append(_("Deal: {title}").format(title=task.deal.title))
        if task.description:
            details.append(task.description)
        event.add("description", "\n".join(details))
        event.add("url", link(reverse("customer_detail", args=[task.customer_id])))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
