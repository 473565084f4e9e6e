"""Reads of imports: the list, one import's progress, its problems, a preview."""

import datetime
from dataclasses import dataclass, field
from itertools import islice

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from customers.core.phone import format_phone
from customers.imports.parsing import FileShape, data_rows
from customers.imports.related import Customers, build_activity_row, build_contact_row
from customers.imports.rows import (
    MissingTags,
    Owners,
    build_row,
    may_choose_owner,
    may_create_tags,
    tags_not_created,
)
from customers.models import Contact, Customer, ImportRow, ImportRun, Interaction

PREVIEW_ROWS = 10
PROBLEMS_SHOWN = 20


def import_list() -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("user").order_by("-created_at", "-id")


def import_problems(*, run: ImportRun) -> QuerySet[ImportRow]:
    """The first rows that were skipped or failed, or went in short of some of their
    tags (their importer may not create tags: such rows keep their cells), as the import
    page lists them."""
    Outcome = ImportRow.Outcome
    shown = Q(outcome__in=[Outcome.FAILED, Outcome.SKIPPED])
    # Only then can a row go in short, and only then are the rows that went in read
    # (the index on outcome answers the rest).
    if run.user_id is not None and "tags" in run.mapping:
        shown |= Q(outcome__in=[Outcome.CREATED, Outcome.UPDATED]) & ~Q(cells=[])
    return ImportRow.objects.filter(shown, run=run).order_by("number")[:PROBLEMS_SHOWN]


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
    columns: list = field(default_factory=list)

    @property
    def labelled(self) -> list[tuple[str, str]]:
        """(heading, value) in the order of `preview_columns(run)`."""
        return [(label, self.values.get(key, "")) for key, label in self.columns]


def preview_columns(target: str) -> list[tuple[str, str]]:
    """The preview table's columns (key, heading) for this kind of import."""
    if target == ImportRun.Target.CONTACTS:
        return [
            ("customer", _("Customer")),
            ("name", _("Name")),
            ("email", _("Email")),
            ("phone", _("Phone")),
            ("title", _("Role")),
        ]
    if target == ImportRun.Target.ACTIVITY:
        return [
            ("customer", _("Customer")),
            ("kind", _("Type")),
            ("subject", _("Subject")),
            ("body", _("Notes")),
            ("happened_at", _("When")),
            ("contact", _("With")),
        ]
    return [
        ("name", _("Name")),
        ("email", _("Email")),
        ("phone", _("Phone")),
        ("company", _("Company")),
        ("status", _("Status")),
        ("owner", _("Owner")),
        ("tags", _("Tags")),
        ("created", _("Created")),
    ]


def import_preview(*, run: ImportRun, mapping: list[str], on_duplicate: str) -> list[PreviewRow]:
    """The first rows as the import would store them, checked by the same rules, and
    what would happen to each: created, or what the duplicate policy does."""
    if run.target != ImportRun.Target.CUSTOMERS:
        return _related_preview(run=run, mapping=mapping, on_duplicate=on_duplicate)
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
    missing_tags = None if may_create_tags(run.user) else MissingTags()
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
            if missing_tags and (missing := missing_tags.of(row.tags)):
                note = tags_not_created(missing, after=note)
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
                    "created": date_format(timezone.localtime(row.created), "DATE_FORMAT")
                    if row.created
                    else "",
                },
                error=row.error,
                note=note,
                columns=preview_columns(run.target),
            )
        )
    return preview


def _related_preview(*, run: ImportRun, mapping: list[str], on_duplicate: str) -> list[PreviewRow]:
    """Contacts or activity as they will be stored: with the customer each row finds
    (or why it finds none), and what happens to a contact its customer already has."""
    contacts = run.target == ImportRun.Target.CONTACTS
    build = build_contact_row if contacts else build_activity_row
    rows = [
        build(number, cells, mapping)
        for number, cells in islice(data_rows(run.file.path, file_shape(run)), PREVIEW_ROWS)
    ]
    customers = Customers(rows)
    found = {row.number: customers.find(row) for row in rows if not row.error}
    ids = {c.pk for c, _why in found.values() if c is not None}
    existing = set()
    if contacts and ids:
        existing = set(
            Contact.objects.filter(customer_id__in=ids)
            .exclude(email="")
            .annotate(email_key=Lower("email"))
            .values_list("customer_id", "email_key")
        )
    seen: dict[tuple, int] = {}
    preview = []
    for row in rows:
        customer, why = found.get(row.number, (None, ""))
        error, note = row.error or why, ""
        fields = row.fields
        if contacts:
            values = {
                "name": fields.get("name", ""),
                "email": fields.get("email", ""),
                "phone": format_phone(fields.get("phone", "")) if not row.error else "",
                "title": fields.get("title", ""),
            }
            key = (customer.pk if customer else None, row.email_key)
            if customer and row.email_key:
                if key in seen:
                    note = _("Same contact as row {row}: {then}").format(
                        row=seen[key], then=_policy_says(on_duplicate, contacts=True)
                    )
                elif key in existing:
                    note = _("“{name}” already has a contact with this email: {then}").format(
                        name=customer.name, then=_policy_says(on_duplicate, contacts=True)
                    )
                seen.setdefault(key, row.number)
        else:
            when = fields.get("happened_at")
            kind = fields.get("kind")
            values = {
                "kind": Interaction.Kind(kind).label if kind else "",
                "subject": fields.get("subject", ""),
                "body": Truncator(fields.get("body", "")).chars(80),
                "happened_at": date_format(timezone.localtime(when), "DATETIME_FORMAT")
                if when
                else "",
                "contact": row.contact,
            }
        values["customer"] = customer.name if customer else ""
        preview.append(
            PreviewRow(
                number=row.number,
                values=values,
                error=error,
                note=note,
                columns=preview_columns(run.target),
            )
        )
    return preview


def _policy_says(on_duplicate: str, *, contacts: bool = False) -> str:
    if contacts and on_duplicate == ImportRun.OnDuplicate.FILL:
        return _("the contact's empty fields will be filled.")
    if contacts and on_duplicate == ImportRun.OnDuplicate.OVERWRITE:
        return _("the contact's fields will be overwritten.")
    return {
        ImportRun.OnDuplicate.SKIP: _("the row will be skipped."),
        ImportRun.OnDuplicate.FILL: _("its empty fields will be filled."),
        ImportRun.OnDuplicate.OVERWRITE: _("its fields will be overwritten."),
    }[on_duplicate]
