"""The import's background task, and how imports a dead worker left are taken up again."""

from django.tasks import task
from django_tasks_db.models import DBTaskResult

from customers.imports.services import import_run
from customers.models import ImportRun

READY = "READY"


@task()
def import_customers(import_id: int, batch_limit: int | None = None) -> dict:
    """Run (or go on with) an import in the worker. `batch_limit`: stop after that many
    batches, as if the worker died there (tests use it)."""
    run = import_run(run_id=import_id, batch_limit=batch_limit)
    return {"status": run.status, "done_rows": run.done_rows}


@task()
def undo_import(import_id: int, by_id: int | None) -> dict:
    """Undo an import in the worker (customers/imports/undo.py)."""
    from customers.imports.undo import import_undo

    run = import_undo(run_id=import_id, by_id=by_id)
    return {"status": run.status, **run.undo_report}


def undo_enqueue(*, run: ImportRun, by) -> ImportRun:
    from customers.imports.undo import import_undo_start

    run = import_undo_start(run=run)
    result = undo_import.enqueue(run.pk, by.pk if by else None)
    run.task_id = str(result.id)
    run.save(update_fields=["task_id", "updated_at"])
    return run


def import_enqueue(*, run: ImportRun, batch_limit: int | None = None) -> ImportRun:
    """Hand the import to the worker. Never run it here: a request must not wait."""
    result = import_customers.enqueue(run.pk, batch_limit=batch_limit)
    run.task_id = str(result.id)
    run.save(update_fields=["task_id", "updated_at"])
    return run


def imports_resume() -> list[ImportRun]:
    """Queue again every import that is unfinished but waits for no task: its worker
    died (kill -9, a lost machine), leaving its task marked as running forever.

    Called when a worker starts. Should another worker still be running one of them,
    both are safe: each batch checks the import's committed position under a lock,
    and the runner that falls behind stops.
    """
    unfinished = list(
        ImportRun.objects.filter(
            status__in=[
                ImportRun.Status.QUEUED,
                ImportRun.Status.RUNNING,
                ImportRun.Status.UNDOING,
            ]
        )
    )
    waiting = {
        str(i)
        for i in DBTaskResult.objects.filter(
            id__in=[run.task_id for run in unfinished if run.task_id], status=READY
        ).values_list("id", flat=True)
    }
    resumed = [run for run in unfinished if run.task_id not in waiting]
    for run in resumed:
        if run.status == ImportRun.Status.UNDOING:
            result = undo_import.enqueue(run.pk, None)  # who asked is not kept: nobody
            run.task_id = str(result.id)
            run.save(update_fields=["task_id", "updated_at"])
        else:
            import_enqueue(run=run)
    return resumed
