"""The reminders' sweep, run by the background worker every SWEEP_EVERY.

Each sweep queues the next one before it works, so the chain goes on whatever the sweep
meets; a worker that starts queues one if none is waiting (a killed worker breaks the
chain). Two sweeps at once do no harm: sending is idempotent (reminders.py).

django-scheduled-tasks was looked at: it needs a third process beside the server and
the worker, and brings pydantic and the django-tasks backport for what one `run_after`
does here.
"""

import datetime

from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from customers.followups.reminders import digests_send, reminders_send

SWEEP_EVERY = datetime.timedelta(minutes=1)
READY = "READY"


@task()
def reminders_sweep() -> dict:
    """Tell of the tasks that are due and send the day's digests; then the next sweep."""
    _queue_next(run_after=timezone.now() + SWEEP_EVERY)
    sent = reminders_send()
    return {"notified": sent.notified, "emailed": sent.emailed, "digests": digests_send()}


def sweep_path() -> str:
    return reminders_sweep.module_path


def reminders_start() -> bool:
    """Queue a sweep now unless one is waiting already; True if one was queued."""
    if DBTaskResult.objects.filter(task_path=sweep_path(), status=READY).exists():
        return False
    reminders_sweep.enqueue()
    return True


def _queue_next(*, run_after: datetime.datetime) -> None:
    waiting = DBTaskResult.objects.filter(
        task_path=sweep_path(), status=READY, run_after__gt=timezone.now()
    )
    if not waiting.exists():
        reminders_sweep.using(run_after=run_after).enqueue()
