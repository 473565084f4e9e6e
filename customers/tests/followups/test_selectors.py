"""A user's day in groups, with a fixed "today" passed in (no clock is mocked)."""

import datetime

import pytest

from customers.core.services import customer_trash
from customers.followups import selectors
from customers.followups.selectors import due_count, open_tasks, tasks_for_user
from customers.followups.services import task_complete
from customers.models import FollowUp
from customers.tests.followups.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["counted from the days", "a query per group"])
def road(request, monkeypatch):
    """Each test reads the groups both ways: a day of few tasks counted and chosen from
    every task's day, a day of more than ONE_QUERY_MAX by a count and a query per group."""
    if request.param == "a query per group":
        monkeypatch.setattr(selectors, "ONE_QUERY_MAX", 0)


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def grouped(user, **kwargs):
    queryset = open_tasks().filter(assignee=user)
    return {
        g.key: (g.count, [t.title for t in g.tasks])
        for g in tasks_for_user(queryset=queryset, today=TODAY, **kwargs)
    }


def test_tasks_fall_into_overdue_today_upcoming_and_later(make_task, user):
    for title, offset in [
        ("Last month", -30),
        ("Yesterday", -1),
        ("Today", 0),
        ("In a week", 7),
        ("In eight days", 8),
    ]:
        make_task(title=title, due_date=day(offset))

    assert grouped(user) == {
        "overdue": (2, ["Last month", "Yesterday"]),
        "today": (1, ["Today"]),
        "upcoming": (1, ["In a week"]),
        "later": (1, ["In eight days"]),
    }


def test_within_a_day_high_priority_comes_first_then_by_time(make_task, user):
    make_task(title="Low", priority=FollowUp.Priority.LOW)
    make_task(title="Normal at 15", due_time=datetime.time(15))
    make_task(title="Normal at 9", due_time=datetime.time(9))
    make_task(title="High", priority=FollowUp.Priority.HIGH)

    assert grouped(user)["today"][1] == ["High", "Normal at 9", "Normal at 15", "Low"]


def test_done_others_and_trashed_tasks_are_left_out(make_task, user, manager, make_customer):
    make_task(title="Mine")
    task_complete(task=make_task(title="Done"), by=user)
    make_task(title="Hers", assignee=manager)
    gone = make_customer(name="Gone")
    make_task(title="In the trash", customer=gone)
    customer_trash(customers=[gone], by=user)

    assert grouped(user)["today"] == (1, ["Mine"])


def test_counts_stay_whole_when_the_rows_are_capped(make_task, user):
    for n in range(5):
        make_task(title=f"T{n}", due_date=day(-n))
    make_task(title="Later on", due_date=day(30))

    groups = grouped(user, shown_max=2)

    assert groups["overdue"] == (4, ["T4", "T3"])
    assert groups["today"] == (1, ["T0"])
    assert groups["later"] == (1, ["Later on"])  # a long overdue list hides no other group
    assert grouped(user, shown_max=2, expanded="overdue")["overdue"][1] == ["T4", "T3", "T2", "T1"]


def test_the_badge_counts_overdue_and_today_only(make_task, user):
    for offset in (-3, 0, 0, 1, 9):
        make_task(due_date=day(offset))
    task_complete(task=make_task(due_date=day(-1)), by=user)

    assert due_count(user=user, today=TODAY) == 3
