"""Reads for follow-ups: a user's day in groups, the badge's count, the calendar feed.

Each is a fixed number of queries whatever the number of tasks, on the open-task
indexes (customers/models/followup.py).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
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
# Up to this many open tasks in all (a rep's day is a few hundred), one query reads every
# group's first rows, numbering each group's tasks; past it, a query per group reads
# only the first rows of its stretch of the index. One query rather than four saves
# three plannings and three trips through the ORM (docs/performance.md, "My work").
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


def _bounds(today: datetime.date) -> dict[str, Q]:
    week = today + datetime.timedelta(days=UPCOMING_DAYS)
    return {
        "overdue": Q(due_date__lt=today),
        "today": Q(due_date=today),
        "upcoming": Q(due_date__gt=today, due_date__lte=week),
        "later": Q(due_date__gt=week),
    }


def tasks_for_user(
    *,
    queryset: QuerySet[FollowUp],
    today: datetime.date,
    shown_max: int = GROUP_ROWS,
    expanded: str = "",
) -> list[TaskGroup]:
    """`queryset`'s open tasks (already narrowed to whose, and filtered) in the groups
    Overdue, Today, Upcoming (7 days) and Later, each with its whole count and its first
    `shown_max` rows (the `expanded` group's first SHOWN_MAX): the counts, then the rows
    in one query (up to ONE_QUERY_MAX tasks) or one per group, each a range of the
    open-task indexes, however many tasks there are."""
    order = open_tasks().query.order_by
    tasks = queryset.filter(OPEN).order_by(*order)
    bounds = _bounds(today)
    counts = tasks.order_by().aggregate(
        **{key: Count("pk", filter=bound) for key, bound in bounds.items()}
    )
    rows = tasks.select_related("customer", "deal", "assignee", "support_request").only(*ROW_FIELDS)
    limits = {key: SHOWN_MAX if key == expanded else shown_max for key, _ in GROUPS}
    if sum(count or 0 for count in counts.values()) <= ONE_QUERY_MAX:
        shown = _first_rows_at_once(rows, bounds, limits, order)
    else:
        shown = {key: list(rows.filter(bounds[key])[:limit]) for key, limit in limits.items()}
    return [TaskGroup(key, label, counts[key] or 0, shown[key]) for key, label in GROUPS]


def _first_rows_at_once(rows, bounds, limits, order) -> dict[str, list[FollowUp]]:
    """Each group's first rows, from one query: every task is told its group and its
    place in it, and those past the largest limit are left in the database."""
    group = Case(
        *(When(bound, then=Value(key)) for key, bound in bounds.items()),
        output_field=CharField(),
    )
    numbered = rows.annotate(
        shown_in=group, place=Window(RowNumber(), partition_by=group, order_by=order)
    ).filter(place__lte=max(limits.values()))
    shown = {key: [] for key in limits}
    for task in numbered:
        if len(shown[task.shown_in]) < limits[task.shown_in]:
            shown[task.shown_in].append(task)
    return shown


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
