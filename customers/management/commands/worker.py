"""`manage.py worker`: the background worker (django-tasks-db's db_worker, every option
of it), which first takes up the imports a killed worker left unfinished and queues the
reminders' sweep (customers/followups/tasks.py) unless one waits already."""

import logging

from django.tasks.signals import logger as tasks_logger
from django_tasks_db.management.commands import db_worker

from customers.followups.tasks import reminders_start
from customers.imports.tasks import imports_resume


class Command(db_worker.Command):
    help = (
        "Run the background worker (imports, reminders, …); resume imports a dead "
        "worker left, and start the reminders' sweep if none is waiting."
    )

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        # The reminders' sweep runs every minute: at the default verbosity a task's
        # start and success would fill the console of `make run`. Failures still show.
        if verbosity == 1:
            tasks_logger.setLevel(logging.WARNING)

    def handle(self, *args, **options):
        for run in imports_resume():
            self.stdout.write(f"Resuming the import of “{run.file_name}” at row {run.done_rows}.")
        reminders_start()
        return super().handle(*args, **options)
