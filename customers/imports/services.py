"""Imports: storing the upload, then writing its rows in batches through the customer
services, as a single create or edit would.

Each batch is one transaction that also moves the import's `done_rows` and counts, so a
worker killed at any moment leaves the import at the last batch it reported done; run
again, it goes on from that row and writes no row twice.
"""

import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from itertools import batched, islice
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from customers.core.services import (
    customer_create,
    customer_tags_add,
    customer_update,
    tag_get_or_create,
)
from customers.imports.mapping import headers_key
from customers.imports.parsing import BadFile, FileShape, count_data_rows, data_rows
from customers.imports.rows import Owners, Row, build_row, error_text, may_choose_owner
from customers.imports.selectors import customers_by_email, file_shape, trashed_emails
from customers.models import Customer, ImportRow, ImportRun

Outcome = ImportRow.Outcome
CHANGE = "customers.change_customer"
UPDATABLE = ("name", "phone", "company", "status", "owner")


def import_upload(*, user, upload, shape: FileShape) -> ImportRun:
    """Keep an uploaded file (already inspected) as an import waiting for its mapping."""
    run = ImportRun(
        user=user,
        file_name=Path(upload.name).name[:255],
        kind=shape.kind,
        encoding=shape.encoding,
        delimiter=shape.delimiter,
        sheet=shape.sheet,
        headers=shape.headers,
        headers_key=headers_key(shape.headers),
    )
    run.file.save(f"{shape.kind}-upload.{shape.kind}", File(upload), save=False)
    run.save()
    return run


def import_configure(*, run: ImportRun, mapping: list[str], on_duplicate: str) -> ImportRun:
    run.mapping, run.on_duplicate = mapping, on_duplicate
    run.status = ImportRun.Status.QUEUED
    run.save(update_fields=["mapping", "on_duplicate", "status", "updated_at"])
    return run


class RowWriter:
    """Writes the rows of one import; holds what stays the same from batch to batch."""

    def __init__(self, run: ImportRun):
        self.run = run
        self.user = run.user
        self.owners = Owners()
        mapping = list(run.mapping)
        if not may_choose_owner(self.user):
            mapping = ["" if f == "owner" else f for f in mapping]
        self.mapping = mapping
        self.tags: dict[str, object] = {}

    def build(self, number: int, cells: list[str]) -> Row:
        # With no owner in the row, the customer is the importer's, as the create
        # form makes it.
        return build_row(number, cells, self.mapping, owners=self.owners, default_owner=self.user)

    def write(self, batch: Iterable[tuple[int, list[str]]]) -> Counter:
        """Write one batch of rows (inside the caller's transaction); count outcomes."""
        rows = [self.build(number, cells) for number, cells in batch]
        keys = {row.email_key for row in rows if not row.error}
        existing = customers_by_email(keys)
        trashed = trashed_emails(keys - existing.keys())
        earlier = dict(
            ImportRow.objects.filter(
                run=self.run, email__in=keys, outcome__in=[Outcome.CREATED, Outcome.UPDATED]
            )
            .order_by("-number")
            .values_list("email", "number")
        )
        records, counts = [], Counter()
        for row in rows:
            record = self.write_row(row, existing, trashed, earlier)
            counts[record.outcome] += 1
            records.append(record)
        ImportRow.objects.bulk_create(records)
        return counts

    def write_row(self, row: Row, existing: dict, trashed: set, earlier: dict) -> ImportRow:
        record = ImportRow(run=self.run, number=row.number, email=row.email_key)
        if row.error:
            return self.failed(record, row, row.error)
        key = row.email_key
        if key in existing:
            customer = existing[key]
            if key in earlier:
                why = f"Row {earlier[key]} of this file has the same email."
            else:
                why = f"The customer “{customer.name}” already has this email."
            outcome = self.update(record, row, customer, why)
            if outcome.outcome != Outcome.FAILED:
                earlier.setdefault(key, row.number)
            return outcome
        if key in trashed:
            return self.failed(
                record,
                row,
                "A customer in the trash has this email: restore it from the trash, "
                "or change the email.",
            )
        try:
            with transaction.atomic():
                customer = customer_create(**row.fields)
                self.add_tags(customer, row.tags)
                if row.created:
                    Customer.all_objects.filter(pk=customer.pk).update(created_at=row.created)
        except ValidationError as error:
            return self.failed(record, row, error_text(error))
        existing[key] = customer
        earlier[key] = row.number
        record.outcome, record.customer = Outcome.CREATED, customer
        return record

    def update(self, record: ImportRow, row: Row, customer: Customer, why: str) -> ImportRow:
        policy = self.run.on_duplicate
        if policy == ImportRun.OnDuplicate.SKIP:
            record.outcome, record.customer, record.message = Outcome.SKIPPED, customer, why
            return record
        if self.user is not None and not self.user.has_perm(CHANGE, customer):
            return self.failed(
                record, row, f"{why} Only its owner or a manager can change “{customer.name}”."
            )
        data = {}
        for name in UPDATABLE:
            if name not in row.fields or (name == "owner" and "owner" not in self.mapping):
                continue
            new, old = row.fields[name], getattr(customer, name)
            if new in ("", None) or new == old:
                continue
            if policy == ImportRun.OnDuplicate.FILL and old not in ("", None):
                continue
            if name == "status" and policy == ImportRun.OnDuplicate.FILL:
                continue  # a status is never empty: "fill" leaves it
            data[name] = new
        have = {tag.name.casefold() for tag in customer.tags.all()} if row.tags else set()
        new_tags = [t for t in row.tags if t.casefold() not in have]
        if not data and not new_tags:
            record.outcome, record.customer = Outcome.SKIPPED, customer
            record.message = f"{why} Nothing in the row to change."
            return record
        previous = {
            name: (value.pk if name == "owner" and value else value)
            for name, value in ((n, getattr(customer, n)) for n in data)
        }
        try:
            with transaction.atomic():
                if data:
                    customer_update(customer=customer, data=data)
                self.add_tags(customer, new_tags)
        except ValidationError as error:
            customer.refresh_from_db()
            return self.failed(record, row, error_text(error))
        record.outcome, record.customer, record.previous = Outcome.UPDATED, customer, previous
        record.message = why
        return record

    def add_tags(self, customer: Customer, names: list[str]) -> None:
        if not names:
            return
        tags = []
        for name in names:
            tag = self.tags.get(name.casefold())
            if tag is None:
                tag = self.tags[name.casefold()] = tag_get_or_create(name=name)
            tags.append(tag)
        # One add for all of a row's tags: one change in the customer's history (as the
        # record page's tag field makes), not one per tag.
        customer_tags_add(customer=customer, tags=tags)

    def failed(self, record: ImportRow, row: Row, message: str) -> ImportRow:
        record.outcome, record.cells, record.message = Outcome.FAILED, row.cells, message
        return record


@contextmanager
def acting_as(user):
    """History names the import's user as who made each change, as a request would."""
    context = HistoricalRecords.context
    had, previous = hasattr(context, "request"), getattr(context, "request", None)
    if user is not None:
        context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if had:
            context.request = previous
        elif hasattr(context, "request"):
            del context.request


Progress = Callable[[ImportRun, float], None]


def import_run(
    *,
    run_id: int,
    batch_limit: int | None = None,
    batch_size: int | None = None,
    on_progress: Progress | None = None,
) -> ImportRun:
    """Write the import's rows from where it stands; return it as it then stands.

    `batch_limit` stops after that many batches (the import stays running, to be
    resumed), as a crash would. A runner that finds another one ahead of it stops.
    """
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    if run.status not in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING):
        return run
    batch_size = batch_size or settings.IMPORT_BATCH_SIZE
    started = time.monotonic()
    try:
        shape = file_shape(run)
        path = run.file.path
        if run.total_rows is None:
            run.total_rows = count_data_rows(path, shape)
        if run.started_at is None:
            run.started_at = timezone.now()
        run.status = ImportRun.Status.RUNNING
        run.save(update_fields=["total_rows", "started_at", "status", "updated_at"])
        writer = RowWriter(run)
        position, batches = run.done_rows, 0
        rows = islice(data_rows(path, shape), position, None)
        with acting_as(run.user):
            for batch in batched(rows, batch_size):
                with transaction.atomic():
                    current = ImportRun.objects.select_for_update().get(pk=run.pk)
                    if current.done_rows != position or current.status != run.status:
                        return current  # another runner got ahead: it carries on
                    counts = writer.write(batch)
                    _count(current, counts, len(batch))
                position, batches, run = current.done_rows, batches + 1, current
                writer.run = run
                if on_progress:
                    on_progress(run, time.monotonic() - started)
                if batch_limit is not None and batches >= batch_limit:
                    return run
        run.status, run.finished_at = ImportRun.Status.DONE, timezone.now()
        run.save(update_fields=["status", "finished_at", "updated_at"])
    except BadFile as error:
        run.refresh_from_db()
        run.status, run.failure, run.finished_at = (
            ImportRun.Status.FAILED,
            str(error),
            timezone.now(),
        )
        run.save(update_fields=["status", "failure", "finished_at", "updated_at"])
    return run


def _count(run: ImportRun, counts: Counter, rows: int) -> None:
    run.done_rows += rows
    run.created_count += counts[Outcome.CREATED]
    run.updated_count += counts[Outcome.UPDATED]
    run.skipped_count += counts[Outcome.SKIPPED]
    run.failed_count += counts[Outcome.FAILED]
    run.save(
        update_fields=[
            "done_rows",
            "created_count",
            "updated_count",
            "skipped_count",
            "failed_count",
            "updated_at",
        ]
    )
