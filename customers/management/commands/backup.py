"""`manage.py backup [PATH]`: a consistent copy of the database, taken while the app runs.

Meant for a cron job; see docs/operations.md, "Backups".
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from customers.tooling.backup import BackupError, backup, suffix

DEFAULT_FOLDER = Path("backups")


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database while the app runs (SQLite's online "
        "backup, or pg_dump for PostgreSQL). Default: backups/crm-<date>-<time>.<kind>."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, help="where to write the copy")

    def handle(self, *args, path, **options):
        if path is None:
            DEFAULT_FOLDER.mkdir(exist_ok=True)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            path = DEFAULT_FOLDER / f"crm-{stamp}{suffix()}"
        if path.exists():
            raise CommandError(f"{path} already exists; a backup never overwrites a file.")
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        try:
            backup(path)
        except BackupError as error:
            path.unlink(missing_ok=True)
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size / 1024**2:,.1f} MB).")
