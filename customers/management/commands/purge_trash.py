"""Purge what has been in the trash too long: `manage.py purge_trash [--days 30]`.

Meant for a daily cron job. History records of what is purged stay.
"""

from django.core.management.base import BaseCommand, CommandError

from customers.trash.services import trash_purge


class Command(BaseCommand):
    help = "Purge customers that have been in the trash longer than --days days (default 30)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=30,
            help="Purge what was deleted more than this many days ago (default 30).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        try:
            purged = trash_purge(older_than_days=days)
        except OverflowError:
            raise CommandError(f"--days {days} reaches back before the calendar.") from None
        noun = "customer" if purged == 1 else "customers"
        self.stdout.write(
            f"Purged {purged} {noun} from the trash (deleted more than {days} days ago)."
        )
