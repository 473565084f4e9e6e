"""`manage.py restore PATH`: put a backup from `manage.py backup` back in place.

Everything written since the backup is replaced. Stop the app servers and the worker
first, so nothing writes while the copy goes in.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from customers.models import Customer
from customers.tooling.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup to restore")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, path, interactive, **options):
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        if interactive:
            answer = input(
                f"This replaces everything in the database with {path}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing changed.")
        try:
            restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        customers = Customer.all_objects.count()
        self.stdout.write(f"Restored {path}. It holds {customers:,} customers, the trash included.")
