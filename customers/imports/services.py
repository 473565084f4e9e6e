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
from dataclasses import replace
from itertools import batched, islice
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from customers.core.bulk_insert import insert_objects
from customers.core.services import (
    customer_create,
    customer_tags_add,
    customer_update,
    customers_create_many,
    tag_get_or_create,
)
from customers.followups.reminders import in_their_language
from customers.imports.mapping import headers_key
from customers.imports.parsing import BadFile, FileShape, count_data_rows, data_rows
from customers.imports.related import ActivityWriter, ContactWriter
from customers.imports.rows import (
    MissingTags,
    Owners,
    Row,
    build_row,
    error_text,
    may_choose_owner,
    may_create_tags,
    tags_not_created,
)
from customers.imports.selectors import customers_by_email, file_shape, trashed_emails
from customers.models import Customer, ImportRow, ImportRun

Outcome = ImportRow.Outcome
CHANGE = "customers.change_customer"
UPDATABLE = ("name", "phone", "company", "status", "owner")


def import_upload(
    *, user, upload, shape: FileShape, target: str = ImportRun.Target.CUSTOMERS
) -> ImportRun:
    """Keep an uploaded file (already inspected) as an import waiting for its mapping."""
    run = ImportRun(
        user=user,
        target=target,
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
        self.may_create_tags = may_create_tags(self.user)
        # Shares the tags it finds, so that adding them to a row looks none up again.
        self.missing_tags = MissingTags(self.tags)

    def build(self, number: int, cells: list[str]) -> Row:
        # With no owner in the row, the customer is the importer's, as the create
        # form makes it.
        return build_row(number, cells, self.mapping, owners=self.owners, default_owner=self.user)

    def write(self, batch: Iterable[tuple[int, list[str]]]) -> Counter:
        """Write one batch of rows (inside the caller's transaction); count outcomes.

        Rows are decided in order. New customers wait in `self.pending` and are
        created together (customers_create_many) at the end of the batch, or as soon
        as a later row repeats one's email and must find it made.
        """
        rows = [self.build(number, cells) for number, cells in batch]
        keys = {row.email_key for row in rows if not row.error}
        self.existing = customers_by_email(keys)
        self.trashed = trashed_emails(keys - self.existing.keys())
        self.earlier = dict(
            ImportRow.objects.filter(
                run=self.run, email__in=keys, outcome__in=[Outcome.CREATED, Outcome.UPDATED]
            )
            .order_by("-number")
            .values_list("email", "number")
        )
        self.pending: dict[str, tuple[Row, ImportRow]] = {}
        records = [self.write_row(row) for row in rows]
        self.create_pending()
        insert_objects(records, returning=False)  # nothing reads them back here
        return Counter(record.outcome for record in records)

    def write_row(self, row: Row) -> ImportRow:
        record = ImportRow(run=self.run, number=row.number, email=row.email_key)
        if row.error:
            return self.failed(record, row, row.error)
        # The row goes in with the tags it may have; its message names the others.
        not_created = self.tags_not_creatable(row.tags)
        if not_created:
            row = replace(row, tags=[t for t in row.tags if t not in not_created])
        return self.noting_tags(self.decide(record, row), row, not_created)

    def decide(self, record: ImportRow, row: Row) -> ImportRow:
        key = row.email_key
        if key in self.pending:
            self.create_pending()  # the earlier row's customer must exist to be updated
        if key in self.existing:
            customer = self.existing[key]
            if key in self.earlier:
                why = _("Row {row} of this file has the same email.").format(row=self.earlier[key])
            else:
                why = _("The customer “{name}” already has this email.").format(name=customer.name)
            outcome = self.update(record, row, customer, why)
            if outcome.outcome != Outcome.FAILED:
                self.earlier.setdefault(key, row.number)
            return outcome
        if key in self.trashed:
            return self.failed(
                record,
                row,
                _(
                    "A customer in the trash has this email: restore it from the trash, "
                    "or change the email."
                ),
            )
        record.outcome = Outcome.CREATED  # once created_pending() has made it
        self.pending[key] = (row, record)
        return record

    def create_pending(self) -> None:
        """Create the waiting new customers: together, or (if the database refuses one,
        say an email taken meanwhile) one by one, to fail only that row."""
        pending, self.pending = list(self.pending.values()), {}
        if not pending:
            return
        new = [(row.customer, self.tags_of(row)) for row, _ in pending]
        try:
            with transaction.atomic():
                customers = customers_create_many(new=new, by=self.user, checked=True)
                self.set_created_dates(
                    [(c, row) for c, (row, _) in zip(customers, pending, strict=True)]
                )
        except (IntegrityError, ValidationError):
            customers = [self.create_one(row, record) for row, record in pending]
        for customer, (row, record) in zip(customers, pending, strict=True):
            if customer is not None:
                record.customer = customer
                self.existing[row.email_key] = customer
                self.earlier[row.email_key] = row.number

    def create_one(self, row: Row, record: ImportRow) -> Customer | None:
        try:
            with transaction.atomic():
                customer = customer_create(**row.fields)
                if tags := self.tags_of(row):
                    customer_tags_add(customer=customer, tags=tags)
                self.set_created_dates([(customer, row)])
        except ValidationError as error:
            self.failed(record, row, error_text(error))
            return None
        return customer

    def set_created_dates(self, created: list[tuple[Customer, Row]]) -> None:
        # The created date is set by the database on insert; an imported one is put
        # back after it (the file's customers were made before they came here).
        for customer, row in created:
            if row.created:
                Customer.all_objects.filter(pk=customer.pk).update(created_at=row.created)
                customer.created_at = row.created

    def update(self, record: ImportRow, row: Row, customer: Customer, why: str) -> ImportRow:
        policy = self.run.on_duplicate
        if policy == ImportRun.OnDuplicate.SKIP:
            record.outcome, record.customer, record.message = Outcome.SKIPPED, customer, why
            return record
        if self.user is not None and not self.user.has_perm(CHANGE, customer):
            return self.failed(
                record,
                row,
                _("{why} Only its owner or a manager can change “{name}”.").format(
                    why=why, name=customer.name
                ),
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
            record.message = _("{why} Nothing in the row to change.").format(why=why)
            return record
        previous = {
            name: (value.pk if name == "owner" and value else value)
            for name, value in ((n, getattr(customer, n)) for n in data)
        }
        try:
            with transaction.atomic():
                if data:
                    customer_update(customer=customer, data=data)
                if new_tags:
                    # One add for all of a row's tags: one change in the history.
                    customer_tags_add(customer=customer, tags=self.tags_of_names(new_tags))
        except ValidationError as error:
            customer.refresh_from_db()
            return self.failed(record, row, error_text(error))
        record.outcome, record.customer, record.previous = Outcome.UPDATED, customer, previous
        record.message = why
        return record

    def tags_not_creatable(self, names: list[str]) -> list[str]:
        """The names no tag has, when this user may not make tags."""
        return [] if self.may_create_tags else self.missing_tags.of(names)

    def noting_tags(self, record: ImportRow, row: Row, not_created: list[str]) -> ImportRow:
        """Say which of the row's tags were not made, on a row that went in, or was left
        as it was for want of anything else to change. One that went in keeps its cells,
        as a failed row does: it is among the rows not imported as they were, which the
        import page lists."""
        went_in = record.outcome in (Outcome.CREATED, Outcome.UPDATED)
        nothing_else = (
            record.outcome == Outcome.SKIPPED
            and self.run.on_duplicate != ImportRun.OnDuplicate.SKIP
        )
        if not not_created or not (went_in or nothing_else):
            return record
        record.message = tags_not_created(not_created, after=record.message)
        if went_in:
            record.cells = row.cells
        return record

    def tags_of(self, row: Row) -> list:
        return self.tags_of_names(row.tags)

    def tags_of_names(self, names: list[str]) -> list:
        """The tags of these names; a name no tag has yet makes a new tag. Unlike a name
        typed on the record (customers/record/views/tags.py), a file's Tags column is
        mapped and previewed on purpose before anything is written."""
        tags = []
        for name in names:
            tag = self.tags.get(name.casefold())
            if tag is None:
                tag = self.tags[name.casefold()] = tag_get_or_create(name=name)
            tags.append(tag)
        return tags

    def failed(self, record: ImportRow, row: Row, message: str) -> ImportRow:
        record.outcome, record.cells, record.message = Outcome.FAILED, row.cells, message
        return record


def writer_for(run: ImportRun):
    """What writes the rows of this kind of import; the reading, batching, counting and
    resuming around it are the same for all."""
    return {
        ImportRun.Target.CUSTOMERS: RowWriter,
        ImportRun.Target.CONTACTS: ContactWriter,
        ImportRun.Target.ACTIVITY: ActivityWriter,
    }[run.target](run)


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
    run = ImportRun.objects.select_related("user__preference").get(pk=run_id)
    if run.status not in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING):
        return run
    with for_the_importer(run.user):
        return _write_rows(run, batch_limit, batch_size, on_progress)


def for_the_importer(user):
    """What an import stores for its rows (why each failed or was skipped) is written
    once, as the worker checks the row, in the language of who ran it: the import page
    and its error report are theirs. The messages are made of the validators' own,
    filled in with the row's values as they are checked, so there is nothing to
    translate again per reader afterwards."""
    if user is None:
        return translation.override(settings.LANGUAGE_CODE)
    return in_their_language(user)


def _write_rows(run: ImportRun, batch_limit, batch_size, on_progress) -> ImportRun:
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
        writer = writer_for(run)
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
        _fail(run, str(error))
    except OSError as error:
        _fail(
            run,
            _("The uploaded file cannot be read: {error}.").format(error=error.strerror or error),
        )
    except Exception:
        # A bug: say so on the page, and let the worker record the traceback. A run
        # left "running" would be taken up again by every worker that starts.
        _fail(run, _("The import stopped on an unexpected error; the rows counted are in."))
        raise
    return run


def _fail(run: ImportRun, why: str) -> None:
    run.refresh_from_db()
    run.status, run.failure, run.finished_at = ImportRun.Status.FAILED, why, timezone.now()
    run.save(update_fields=["status", "failure", "finished_at", "updated_at"])


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
