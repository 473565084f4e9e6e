"""What the benchmark times of the follow-ups: "My work" as a Sales rep with an
ordinary day of tasks (the bulk demo's TASK_REP, 200 open tasks among some 300,000),
its filters as htmx asks for them, and the navigation badge, by its own request and by
its query alone (the badge is that one count on every page a user with tasks opens)."""

import time

from django.contrib.auth import get_user_model
from django.utils import timezone

from customers.followups.selectors import due_count
from customers.tooling.benchmark.cases import GetCase
from customers.tooling.benchmark.stats import Measurement
from customers.tooling.demo.vocabulary import TASK_REP

TASKS = "/tasks/"
TASKS_TARGET_MS = 30
BADGE_TARGET_MS = 2
# The filter form's request (templates/customers/followups/task_list.html): it swaps
# the results region; the form has no id, so htmx sends no HX-Trigger.
FILTERED = {"target": "task-results"}
REP_USERNAME = TASK_REP[0]
BADGE_QUERY = "badge, its query alone"


def task_cases() -> list[GetCase]:
    return [
        GetCase("My work, full page", TASKS),
        GetCase("My work, filter: high priority", f"{TASKS}?priority=2", FILTERED, TASKS),
        GetCase(
            "My work, filter: customer status active", f"{TASKS}?status=active", FILTERED, TASKS
        ),
        GetCase(
            "My work, filter: normal priority + status lead",
            f"{TASKS}?priority=1&status=lead",
            FILTERED,
            TASKS,
        ),
        GetCase("My work, show all overdue", f"{TASKS}?group=overdue", FILTERED, TASKS),
        GetCase("badge, its own request (tasks/badge/)", f"{TASKS}badge/", {}, TASKS),
    ]


def time_badge_query(username: str, *, requests: int) -> Measurement:
    """The badge's count, timed in this process against the same database: what the
    badge adds to each page that draws the navigation."""
    user = get_user_model().objects.get(username=username)
    today = timezone.localdate()
    due_count(user=user, today=today)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        due = due_count(user=user, today=today)
        times.append((time.perf_counter() - started) * 1000)
    return Measurement(f"{BADGE_QUERY} ({due} due)", times, b"")
