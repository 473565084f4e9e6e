"""Reads for follow-ups: a user's day in groups, the badge's count, the calendar feed.

Each is a fixed number of queries whatever the number of tasks, on the open-task
indexes (customers/models/followup.py).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from customers.models import FollowUp
from customers.models.followup import OPEN

# What a task's row shows (customers/followups/rows.py) and asks about who may act on it:
# reading the rows' every other column cost more than drawing them.
ROW_FIELDS = (
    *("title", "due_date", "due_time", "priority", "version", "done_at"),
    *("customer__name", "customer__owner", "deal__title", "deal__owner"),
    *("assignee__username", "assignee__first_name", "assignee__last_name"),
)
SHOWN_MAX = 500  # rows "My work" lists at most; the counts are always whole
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


def _group_key(task: FollowUp, today: datetime.date) -> str:
    if task.due_date < today:
        return "overdue"
    if task.due_date == today:
        return "today"
    if task.due_date <= today + datetime.timedelta(days=UPCOMING_DAYS):
        return "upcoming"
    return "later"


GROUPS = (
    ("overdue", "Overdue"),
    ("today", "Today"),
    ("upcoming", f"Upcoming ({UPCOMING_DAYS} days)"),
    ("later", "Later"),
)


def tasks_for_user(
    *,
    queryset: QuerySet[FollowUp],
    today: datetime.date,
    shown_max: int = SHOWN_MAX,
) -> list[TaskGroup]:
    """`queryset`'s open tasks (already narrowed to whose, and filtered) in the groups
    Overdue, Today, Upcoming (7 days) and Later, each with its count: two queries."""
    tasks = queryset.filter(OPEN).order_by(*open_tasks().query.order_by)
    week = today + datetime.timedelta(days=UPCOMING_DAYS)
    counts = tasks.order_by().aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        today=Count("pk", filter=Q(due_date=today)),
        upcoming=Count("pk", filter=Q(due_date__gt=today, due_date__lte=week)),
        later=Count("pk", filter=Q(due_date__gt=week)),
    )
    groups = {key: TaskGroup(key, label, counts[key] or 0) for key, label in GROUPS}
    rows = tasks.select_related("customer", "deal", "assignee").only(*ROW_FIELDS)[:shown_max]
    for task in rows:
        groups[_group_key(task, today)].tasks.append(task)
    return list(groups.values())


def assigned_open_tasks(*, assignee) -> QuerySet[FollowUp]:
    return open_tasks().filter(assignee=assignee)


def due_count(*, user, today: datetime.date) -> int:
    """The badge: the user's open tasks due today or before. One count on the index."""
    return open_tasks().filter(assignee=user, due_date__lte=today).order_by().count()


def customer_open_tasks(*, customer, shown_max: int = 20) -> list[FollowUp]:
    """The record page's next steps, soonest first."""
    return list(
        open_tasks().filter(customer=customer).select_related("deal", "assignee")[:shown_max]
    )


def calendar_tasks(*, user) -> QuerySet[FollowUp]:
    return assigned_open_tasks(assignee=user).select_related("customer", "deal")[:SHOWN_MAX]
