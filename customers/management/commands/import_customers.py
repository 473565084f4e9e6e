"""`manage.py import_customers FILE [--target contacts|activity]`: the administrator's
big migration, from a shell. Contacts and activity come from their own files, after
the customers they belong to.

The same import as the web's (the same reading, mapping, services and duplicate
policy, listed under "Imports" with its report), run here in the foreground instead
of by the worker: a shell command is no web request.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from customers.imports.mapping import TARGETS, field_labels, guess_mapping, mapping_problems
from customers.imports.parsing import ENCODING_NAMES, BadFile, inspect_file
from customers.imports.services import import_configure, import_run, import_upload
from customers.models import ImportRun

MAPPING_HELP = (
    'A JSON list with a field (or "") per column, or an object from header to field; '
    + "; ".join(
        f"{target}: {', '.join(f for f, _ in spec.fields)}" for target, spec in TARGETS.items()
    )
    + ". Guessed from the headers when left out."
)


class Command(BaseCommand):
    help = "Import customers, or their contacts or activity, from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--target",
            choices=ImportRun.Target.values,
            default=ImportRun.Target.CUSTOMERS,
            help="What the file holds (default: customers). Contacts and activity name "
            "their customer by a 'Customer email' or 'Customer ID' column.",
        )
        parser.add_argument("--mapping", help=MAPPING_HELP)
        parser.add_argument(
            "--on-duplicate",
            choices=ImportRun.OnDuplicate.values,
            default="skip",
            help="What to do with a row whose email a customer (or, for contacts, a contact "
            "of the same customer) already has (default: skip).",
        )
        parser.add_argument("--encoding", choices=list(ENCODING_NAMES), default="")
        parser.add_argument("--sheet", default="", help="An XLSX's sheet (default: the first).")
        parser.add_argument(
            "--user", help="Import as this user: they own new customers and their rights apply."
        )

    def handle(
        self, *args, file: Path, target, mapping, on_duplicate, encoding, sheet, user, **options
    ):
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        importer = self.find_user(user)
        try:
            shape = inspect_file(file, encoding=encoding, sheet=sheet)
        except BadFile as error:
            raise CommandError(str(error)) from None
        columns = self.parse_mapping(mapping, shape.headers, target)
        if problems := mapping_problems(columns, target):
            raise CommandError(" ".join(problems) + f" Headers: {shape.headers}")
        for header, field in zip(shape.headers, columns, strict=True):
            self.stdout.write(f"  {header or '(no header)'} → {field or 'skipped'}")
        with file.open("rb") as handle:
            run = import_upload(
                user=importer, upload=File(handle, name=file.name), shape=shape, target=target
            )
        run = import_configure(run=run, mapping=columns, on_duplicate=on_duplicate)
        show = self.show_progress if self.stdout.isatty() else None
        run = import_run(run_id=run.pk, on_progress=show)
        if show:
            self.stdout.write("")
        self.stdout.write(
            f"{run.get_status_display()}: {run.done_rows:,} rows, {run.created_count:,} created, "
            f"{run.updated_count:,} updated, {run.skipped_count:,} skipped, "
            f"{run.failed_count:,} failed."
        )
        if run.started_at and run.finished_at:
            seconds = (run.finished_at - run.started_at).total_seconds()
            self.stdout.write(
                f"{seconds:.1f} s, {run.done_rows / max(seconds, 0.001):,.0f} rows/s."
            )
        self.stdout.write(f"Report: {reverse('import_detail', args=[run.pk])}")
        if run.status == ImportRun.Status.FAILED:
            raise CommandError(run.failure)

    def find_user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None

    def parse_mapping(self, text, headers: list[str], target: str) -> list[str]:
        if not text:
            return guess_mapping(headers, target=target)
        try:
            given = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"--mapping is not JSON: {error}.") from None
        if isinstance(given, dict):
            unknown = set(given) - set(headers)
            if unknown:
                raise CommandError(f"--mapping names headers the file lacks: {sorted(unknown)}.")
            given = [given.get(header, "") for header in headers]
        if not isinstance(given, list) or len(given) != len(headers):
            raise CommandError(f"--mapping needs a field for each of the {len(headers)} columns.")
        known = field_labels(target)
        wrong = [f for f in given if f and f not in known]
        if wrong:
            raise CommandError(f"Unknown fields in --mapping: {wrong}; use {list(known)}.")
        return [f or "" for f in given]

    def show_progress(self, run: ImportRun, seconds: float) -> None:
        total = run.total_rows or 0
        rate = run.done_rows / max(seconds, 0.001)
        left = (total - run.done_rows) / rate if rate else 0
        width = 30
        filled = width * run.done_rows // total if total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(
            f"\r[{bar}] {run.done_rows:,}/{total:,} rows, {rate:,.0f}/s, {left:,.0f} s left ",
            ending="",
        )
        self.stdout.flush()
