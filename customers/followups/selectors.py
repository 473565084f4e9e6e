"""Reads for follow-ups: a user's day in groups, the badge's count, the calendar feed.

Each is a fixed number of queries whatever the number of tasks, on the open-task
indexes (customers/models/followup.py).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from customers.models import FollowUp
from customers.models.followup import OPEN

# What a task's row shows (customers/followups/rows.py) and asks about who may act on it:
# reading the rows' every other column cost more than drawing them.
ROW_FIELDS = (
    *("title", "due_date", "due_time", "priority", "version", "done_at"),
    *("customer__name", "customer__owner", "deal__title", "deal__owner"),
    "support_request__subject",
    *("assignee__username", "assignee__first_name", "assignee__last_name"),
)
GROUP_ROWS = 25  # rows a group of "My work" shows at first; its count is always whole
SHOWN_MAX = 500  # rows a group shows at most, once the user asks for all of them
# Up to this many open tasks in all (a rep's day is a few hundred), one light query
# reads every task's day, from which the groups are counted and their first rows chosen
# here, and a second reads the chosen rows. Past it, a count and a query per group read
# only the head of each group's stretch of the index. Django builds a query's SQL anew
# on every request, and the numbered or counted groups in SQL cost more to build than
# the light query costs to run (docs/performance.md, "My work").
ONE_QUERY_MAX = 1000
UPCOMING_DAYS = 7


@dataclass
class TaskGroup:
    key: str
    label: str
    count: int = 0
    tasks: list[FollowUp] = field(default_factory=list)


def open_tasks() -> QuerySet[FollowUp]:
    """Open tasks outside the trash, in the order people work them: by day, then by
    time (a day's untimed ones last), the most urgent first."""
    return FollowUp.objects.filter(OPEN).order_by("due_date", "-priority", "due_time", "id")


GROUPS = (
    ("overdue", gettext_lazy("Overdue")),
    ("today", gettext_lazy("Today")),
    ("upcoming", format_lazy(gettext_lazy("Upcoming ({count} days)"), count=UPCOMING_DAYS)),
    ("later", gettext_lazy("Later")),
)


def _spans(today: datetime.date) -> dict[str, tuple[datetime.date | None, datetime.date | None]]:
    """Each group's first and last day (None: no end), both included."""
    one = datetime.timedelta(days=1)
    week = today + datetime.timedelta(days=UPCOMING_DAYS)
    return {
        "overdue": (None, today - one),
        "today": (today, today),
        "upcoming": (today + one, week),
        "later": (week + one, None),
    }


def _within(span) -> Q:
    first, last = span
    return Q(
        *([Q(due_date__gte=first)] if first else []),
        *([Q(due_date__lte=last)] if last else []),
    )


def _group_of(day: datetime.date, spans) -> str:
    return next(
        key
        for key, (first, last) in spans.items()
        if (first is None or first <= day) and (last is None or day <= last)
    )


def tasks_for_user(
    *,
    queryset: QuerySet[FollowUp],
    today: datetime.date,
    shown_max: int = GROUP_ROWS,
    expanded: str = "",
) -> list[TaskGroup]:
    """`queryset`'s open tasks (already narrowed to whose, and filtered) in the groups
    Overdue, Today, Upcoming (7 days) and Later, each with its whole count and its first
    `shown_max` rows (the `expanded` group's first SHOWN_MAX), in two queries for a day
    of up to ONE_QUERY_MAX tasks and six past it, each a range of the open-task
    indexes, however many tasks there are."""
    order = open_tasks().query.order_by
    tasks = queryset.filter(OPEN).order_by(*order)
    spans = _spans(today)
    limits = {key: SHOWN_MAX if key == expanded else shown_max for key, _ in GROUPS}
    rows = tasks.select_related("customer", "deal", "assignee", "support_request").only(*ROW_FIELDS)
    days = list(tasks.values_list("pk", "due_date")[: ONE_QUERY_MAX + 1])
    if len(days) <= ONE_QUERY_MAX:
        counts, shown = _chosen_from_days(rows, days, spans, limits)
    else:
        counts = tasks.order_by().aggregate(
            **{key: Count("pk", filter=_within(span)) for key, span in spans.items()}
        )
        shown = {
            key: list(rows.filter(_within(spans[key]))[:limit]) for key, limit in limits.items()
        }
    return [TaskGroup(key, label, counts[key] or 0, shown[key]) for key, label in GROUPS]


def _chosen_from_days(rows, days, spans, limits) -> tuple[dict, dict]:
    """Each group's count and first rows, from every task's (pk, day) in order: the
    chosen rows are read by their keys and put back in that order."""
    counts = dict.fromkeys(limits, 0)
    chosen = {key: [] for key in limits}
    for pk, day in days:
        key = _group_of(day, spans)
        counts[key] += 1
        if len(chosen[key]) < limits[key]:
            chosen[key].append(pk)
    wanted = [pk for pks in chosen.values() for pk in pks]
    by_pk = {task.pk: task for task in rows.order_by().filter(pk__in=wanted)} if wanted else {}
    # A task done in between is no longer among the rows: it is left out.
    shown = {key: [by_pk[pk] for pk in pks if pk in by_pk] for key, pks in chosen.items()}
    return counts, shown


def assigned_open_tasks(*, assignee) -> QuerySet[FollowUp]:
    return open_tasks().filter(assignee=assignee)


def due_count(*, user, today: datetime.date) -> int:
    """The badge: the user's open tasks due today or before. One count on the index."""
    return open_tasks().filter(assignee=user, due_date__lte=today).order_by().count()


def customer_open_tasks(*, customer, shown_max: int = 20) -> list[FollowUp]:
    """The record page's next steps, soonest first."""
    return list(
        open_tasks()
        .filter(customer=customer)
        .select_related("deal", "assignee", "support_request")[:shown_max]
    )


def calendar_tasks(*, user) -> QuerySet[FollowUp]:
    return assigned_open_tasks(assignee=user).select_related("customer", "deal")[:SHOWN_MAX]
