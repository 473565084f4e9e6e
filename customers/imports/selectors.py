"""Reads of imports: the list, one import's progress, its problems, a preview."""

import datetime
from dataclasses import dataclass
from itertools import islice

from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.core.phone import format_phone
from customers.imports.parsing import FileShape, data_rows
from customers.imports.rows import Owners, build_row, may_choose_owner
from customers.models import Customer, ImportRow, ImportRun

PREVIEW_ROWS = 10
PROBLEMS_SHOWN = 20


def import_list() -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("user").order_by("-created_at", "-id")


def import_problems(*, run: ImportRun) -> QuerySet[ImportRow]:
    """The first rows that were skipped or failed, as the import page lists them."""
    return ImportRow.objects.filter(
        run=run, outcome__in=[ImportRow.Outcome.FAILED, ImportRow.Outcome.SKIPPED]
    ).order_by("number")[:PROBLEMS_SHOWN]


def failed_rows(*, run: ImportRun) -> QuerySet[ImportRow]:
    return (
        ImportRow.objects.filter(run=run, outcome=ImportRow.Outcome.FAILED)
        .order_by("number")
        .only("cells", "message")
    )


def file_shape(run: ImportRun) -> FileShape:
    return FileShape(
        kind=run.kind,
        headers=run.headers,
        encoding=run.encoding,
        delimiter=run.delimiter,
        sheet=run.sheet,
    )


def customers_by_email(keys: set[str]) -> dict[str, Customer]:
    if not keys:
        return {}
    # The unique index on lower(email) (outside the trash) answers this.
    found = Customer.objects.annotate(email_key=Lower("email")).filter(email_key__in=keys)
    return {customer.email.lower(): customer for customer in found}


def trashed_emails(keys: set[str]) -> set[str]:
    if not keys:
        return set()
    # The trash is small (the trash index holds it), so reading its emails is cheap.
    trashed = (
        Customer.all_objects.filter(deleted_at__isnull=False)
        .annotate(email_key=Lower("email"))
        .filter(email_key__in=keys)
        .values_list("email", flat=True)
    )
    return {email.lower() for email in trashed}


@dataclass
class Progress:
    done: int
    total: int | None
    percent: int
    rate: float | None  # rows a second
    left: datetime.timedelta | None


def import_progress(run: ImportRun) -> Progress:
    total = run.total_rows
    percent = 100 if run.status == ImportRun.Status.DONE else 0
    if total:
        percent = min(100, run.done_rows * 100 // total)
    rate = left = None
    if run.started_at and run.done_rows:
        end = run.finished_at or (run.updated_at if run.is_active else timezone.now())
        seconds = max((end - run.started_at).total_seconds(), 0.001)
        rate = run.done_rows / seconds
        if total and run.is_active:
            left = datetime.timedelta(seconds=round((total - run.done_rows) / rate))
    return Progress(done=run.done_rows, total=total, percent=percent, rate=rate, left=left)


@dataclass
class PreviewRow:
    number: int
    values: dict
    error: str
    note: str


def import_preview(*, run: ImportRun, mapping: list[str], on_duplicate: str) -> list[PreviewRow]:
    """The first rows as the import would store them, checked by the same rules, and
    what would happen to each: created, or what the duplicate policy does."""
    owner_allowed = may_choose_owner(run.user)
    if not owner_allowed:
        mapping = ["" if f == "owner" else f for f in mapping]
    owners = Owners()
    rows = [
        build_row(number, cells, mapping, owners=owners, default_owner=run.user)
        for number, cells in islice(data_rows(run.file.path, file_shape(run)), PREVIEW_ROWS)
    ]
    keys = {row.email_key for row in rows if not row.error}
    existing = customers_by_email(keys)
    trashed = trashed_emails(keys - existing.keys())
    seen: dict[str, int] = {}
    preview = []
    for row in rows:
        note = ""
        key = row.email_key
        if not row.error:
            if key in seen:
                note = _("Same email as row {row}: {then}").format(
                    row=seen[key], then=_policy_says(on_duplicate)
                )
            elif key in existing:
                note = _("“{name}” has this email: {then}").format(
                    name=existing[key].name, then=_policy_says(on_duplicate)
                )
            elif key in trashed:
                note = _("A customer in the trash has this email: the row will be reported.")
            seen.setdefault(key, row.number)
        fields = row.fields
        owner = fields.get("owner")
        preview.append(
            PreviewRow(
                number=row.number,
                values={
                    "name": fields.get("name", ""),
                    "email": fields.get("email", ""),
                    "phone": format_phone(fields.get("phone", "")) if not row.error else "",
                    "company": fields.get("company", ""),
                    "status": Customer.Status(fields.get("status", Customer.Status.LEAD)).label,
                    "owner": owner.get_username() if owner else "",
                    "tags": ", ".join(row.tags),
                    "created": row.created,
                },
                error=row.error,
                note=note,
            )
        )
    return preview


def _policy_says(on_duplicate: str) -> str:
    return {
        ImportRun.OnDuplicate.SKIP: _("the row will be skipped."),
        ImportRun.OnDuplicate.FILL: _("its empty fields will be filled."),
        ImportRun.OnDuplicate.OVERWRITE: _("its fields will be overwritten."),
    }[on_duplicate]
