"""Contacts and activity from a file: each row names the customer it belongs to, by the
customer's email or id, and goes through the same services as one added by hand
(contact_create, interaction_create).

`build_*_row` makes a row's values as they will be stored, for the preview and the
import alike; the writers store a batch of them inside the import's transaction.
"""

import contextlib
import datetime
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from customers.imports.rows import describe, error_text
from customers.models import Contact, Customer, ImportRow, ImportRun, Interaction
from customers.record.services import contact_create, contact_update
from customers.timeline.services import interaction_create

Outcome = ImportRow.Outcome
CONTACT_FIELDS = ("name", "title", "email", "phone")
CONTACT_UPDATABLE = ("name", "title", "phone")
CHANGE_CONTACT = "customers.change_contact"

# Words other CRMs and people use for a kind of activity (folded), beside the kinds'
# own values and labels in every language of the site.
KIND_SYNONYMS = {
    "call": ["phone", "phonecall", "telephone", "calllog", "电话", "通话", "来电", "去电"],
    "email": ["mail", "emailsent", "emailreceived", "邮件", "电子邮件"],
    "meeting": ["visit", "appointment", "demo", "会议", "会面", "拜访", "见面"],
    "support": ["ticket", "case", "supportticket", "issue", "工单", "客服", "支持"],
    "note": ["comment", "memo", "remark", "笔记", "备忘", "记录"],
}


def _fold(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@cache
def kinds() -> dict[str, str]:
    """An activity kind by its folded value, label (in any of the site's languages) or
    a common synonym: "Phone call", "电话" and "call" are all a call."""
    found = {_fold(value): value for value in Interaction.Kind.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.update({_fold(str(label)): value for value, label in Interaction.Kind.choices})
    for value, words in KIND_SYNONYMS.items():
        found.update({_fold(word): value for word in words})
    return found


# A date with the day first or the month first (d.m.Y is always day first; with
# slashes, whichever is over 12 tells), and an optional time.
DMY = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
CHINESE = re.compile(
    r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:：时](\d{2})分?(?:[:：](\d{2})秒?)?)?$"
)


def parse_when(text: str) -> datetime.datetime:
    """When an activity happened: ISO dates and times (2024-03-14, 2024-03-14 09:30,
    2024/03/14), 14.03.2024, 03/14/2024 or 14/03/2024 when the day tells, and
    2024年3月14日; in the site's time zone unless the text gives an offset. A date
    alone is that day's start."""
    text = " ".join(text.split())
    parsed = None
    with contextlib.suppress(ValueError):
        parsed = datetime.datetime.fromisoformat(text.replace("/", "-"))
    if parsed is None and (match := DMY.match(text)):
        first, separator, second, year, *time = match.groups()
        first, second = int(first), int(second)
        if separator == "/" and first <= 12 and second <= 12 and first != second:
            raise ValueError(
                _(
                    "“{date}” could be either day first or month first; write it as "
                    "YYYY-MM-DD, e.g. 2024-03-14."
                ).format(date=text)
            )
        day, month = (second, first) if separator == "/" and second > 12 else (first, second)
        parsed = _make(text, int(year), month, day, *time)
    if parsed is None and (match := CHINESE.match(text)):
        year, month, day, *time = match.groups()
        parsed = _make(text, int(year), int(month), int(day), *time)
    if parsed is None:
        raise ValueError(
            _(
                "“{date}” is not a date; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, "
                "e.g. 2024-03-14 09:30."
            ).format(date=text)
        )
    if timezone.is_naive(parsed):
        # The site's zone, not the importer's: a worker has no browser to ask.
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


def _make(text, year, month, day, hour=None, minute=None, second=None) -> datetime.datetime:
    try:
        return datetime.datetime(
            year, month, day, int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        raise ValueError(_("“{date}” is not a date of the calendar.").format(date=text)) from None


@dataclass
class RelatedRow:
    """A row of contacts or activity: its values as they will be stored, the customer
    it names (by email or id), or the `error` that keeps it out."""

    number: int
    cells: list[str]
    fields: dict = field(default_factory=dict)
    customer_email: str = ""
    customer_id: int | None = None
    contact: str = ""  # activity: who it was with, by name or email
    error: str = ""

    @property
    def email_key(self) -> str:
        return self.fields.get("email", "").lower()


def _raw(cells, mapping) -> dict:
    return {f: cells[i].strip() for i, f in enumerate(mapping) if f and i < len(cells)}


def _customer_ref(row: RelatedRow, raw: dict, problems: dict) -> None:
    row.customer_email = raw.get("customer_email", "").lower()
    if id_text := raw.get("customer_id", ""):
        try:
            row.customer_id = int(id_text.lstrip("#"))
        except ValueError:
            problems[_("Customer ID")] = [
                _("“{id}” is not a customer ID (a whole number).").format(id=id_text)
            ]
    if not row.customer_email and row.customer_id is None and not problems:
        problems[_("Customer")] = [_("The row names no customer: give its email or ID.")]


def build_contact_row(number: int, cells: list[str], mapping: list[str]) -> RelatedRow:
    """Read `cells` through `mapping` and check them as the contact form would."""
    raw = _raw(cells, mapping)
    row = RelatedRow(number=number, cells=cells)
    row.fields = {name: raw[name] for name in CONTACT_FIELDS if name in raw}
    problems: dict[str, list[str]] = {}
    contact = Contact(**row.fields)
    try:
        contact.full_clean(exclude={"customer"}, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems.setdefault(_contact_label(name), []).extend(messages)
    else:
        # Normalised as on save: the phone in E.164, the email as the field cleans it.
        row.fields.update(email=contact.email, phone=contact.phone)
    _customer_ref(row, raw, problems)
    row.error = describe(problems) if problems else ""
    return row


def build_activity_row(number: int, cells: list[str], mapping: list[str]) -> RelatedRow:
    """Read `cells` through `mapping` and check them as the timeline's form would."""
    raw = _raw(cells, mapping)
    row = RelatedRow(number=number, cells=cells, contact=raw.get("contact", ""))
    problems: dict[str, list[str]] = {}
    kind_text = raw.get("kind", "")
    kind = kinds().get(_fold(kind_text)) if kind_text else Interaction.Kind.NOTE
    if kind is None:
        allowed = _(", ").join(str(label) for label in Interaction.Kind.labels)
        problems[_label(Interaction, "kind")] = [
            _("“{kind}” is not a kind of activity; use one of {allowed}.").format(
                kind=kind_text, allowed=allowed
            )
        ]
    body = raw.get("body", "")
    subject = raw.get("subject", "")
    if not subject and body:
        # An old CRM's notes often have no subject: their first line stands for one.
        most = Interaction._meta.get_field("subject").max_length
        first = body.splitlines()[0].strip()
        subject = first if len(first) <= most else first[: most - 1] + "…"
    happened_at = None
    if when := raw.get("happened_at", ""):
        try:
            happened_at = parse_when(when)
        except ValueError as error:
            problems[_("Date")] = [str(error)]
    else:
        problems[_("Date")] = [_("The row has no date.")]
    row.fields = {"kind": kind or "", "subject": subject, "body": body, "happened_at": happened_at}
    interaction = Interaction(**row.fields)
    try:
        interaction.full_clean(
            exclude={"customer", "kind", "happened_at"}, validate_constraints=False
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems.setdefault(_label(Interaction, name), []).extend(messages)
    _customer_ref(row, raw, problems)
    row.error = describe(problems) if problems else ""
    return row


def _label(model, name: str) -> str:
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def _contact_label(name: str) -> str:
    return _label(Contact, name)


class Customers:
    """The customers a batch of rows names, by email and by id, found in two queries;
    and those of them in the trash, to say so."""

    def __init__(self, rows: Iterable[RelatedRow]):
        rows = [row for row in rows if not row.error]
        emails = {row.customer_email for row in rows if row.customer_email}
        ids = {row.customer_id for row in rows if row.customer_id is not None}
        # The unique index on lower(email) answers the first, the primary key the second.
        self.by_email: dict[str, Customer] = {}
        self.by_id: dict[int, Customer] = {}
        found = Customer.all_objects.none()
        if emails:
            found = Customer.all_objects.annotate(email_key=Lower("email")).filter(
                email_key__in=emails
            )
            for customer in found:
                if customer.deleted_at is None or customer.email.lower() not in self.by_email:
                    self.by_email[customer.email.lower()] = customer
        if ids:
            self.by_id = {c.pk: c for c in Customer.all_objects.filter(pk__in=ids)}

    def find(self, row: RelatedRow) -> tuple[Customer | None, str]:
        """The row's customer, or why there is none."""
        if row.customer_id is not None:
            customer = self.by_id.get(row.customer_id)
            missing = _("No customer has the ID {id}.").format(id=row.customer_id)
        else:
            customer = self.by_email.get(row.customer_email)
            missing = _("No customer has the email “{email}”.").format(email=row.customer_email)
        if customer is None:
            return None, missing
        if customer.deleted_at is not None:
            return None, _(
                "The customer “{name}” is in the trash: restore it from the trash first."
            ).format(name=customer.name)
        return customer, ""


def _failed(record: ImportRow, row: RelatedRow, message: str) -> ImportRow:
    record.outcome, record.cells, record.message = Outcome.FAILED, row.cells, message
    return record


class RelatedWriter:
    """Writes a batch of contacts or activity: finds the customers the rows name (in
    two queries), fails the rows whose customer is missing or in the trash, and hands
    the others to `write_row`."""

    def __init__(self, run: ImportRun):
        self.run = run
        self.user = run.user
        self.mapping = list(run.mapping)

    def build(self, number: int, cells: list[str]) -> RelatedRow:
        raise NotImplementedError

    def prepare(self, rows: list[RelatedRow], found: dict[int, Customer]) -> None:
        """Read, once per batch, what `write_row` needs to know of the rows' customers
        (`found`: the customer of each row number that has one)."""

    def write_row(self, record: ImportRow, row: RelatedRow, customer: Customer) -> ImportRow:
        raise NotImplementedError

    def write(self, batch: Iterable[tuple[int, list[str]]]) -> Counter:
        rows = [self.build(number, cells) for number, cells in batch]
        customers = Customers(rows)
        found = {row.number: customers.find(row) for row in rows if not row.error}
        self.prepare(rows, {n: c for n, (c, _why) in found.items() if c is not None})
        records = []
        for row in rows:
            record = ImportRow(run=self.run, number=row.number)
            customer, why = found.get(row.number, (None, row.error))
            if customer is None:
                records.append(_failed(record, row, why))
                continue
            record.customer = customer
            records.append(self.write_row(record, row, customer))
        ImportRow.objects.bulk_create(records)
        return Counter(record.outcome for record in records)


class ContactWriter(RelatedWriter):
    """Writes the rows of a contacts import. A contact whose email the same customer's
    contact already has is a duplicate: the import's policy says what becomes of it."""

    def build(self, number: int, cells: list[str]) -> RelatedRow:
        return build_contact_row(number, cells, self.mapping)

    def prepare(self, rows: list[RelatedRow], found: dict[int, Customer]) -> None:
        customer_ids = {customer.pk for customer in found.values()}
        emails = {row.email_key for row in rows if row.email_key}
        # The customers' contacts with these emails, added by hand or by this import.
        self.existing: dict[tuple[int, str], Contact] = {}
        if customer_ids and emails:
            for contact in (
                Contact.objects.filter(customer_id__in=customer_ids)
                .annotate(email_key=Lower("email"))
                .filter(email_key__in=emails)
                .select_related("customer")
                .order_by("id")
            ):
                self.existing.setdefault((contact.customer_id, contact.email.lower()), contact)
        self.earlier = {
            (customer_id, email): number
            for customer_id, email, number in ImportRow.objects.filter(
                run=self.run,
                customer_id__in=customer_ids,
                email__in=emails,
                outcome__in=[Outcome.CREATED, Outcome.UPDATED],
            )
            .order_by("-number")
            .values_list("customer_id", "email", "number")
        }

    def write_row(self, record: ImportRow, row: RelatedRow, customer: Customer) -> ImportRow:
        record.email = row.email_key
        key = (customer.pk, row.email_key)
        if row.email_key and key in self.existing:
            contact = self.existing[key]
            if key in self.earlier:
                why = _("Row {row} of this file has the same contact.").format(
                    row=self.earlier[key]
                )
            else:
                why = _("“{customer}” already has the contact “{name}” with this email.").format(
                    customer=customer.name, name=contact.name
                )
            return self.update(record, row, contact, why)
        try:
            with transaction.atomic():
                contact = contact_create(customer=customer, **row.fields)
        except ValidationError as error:
            return _failed(record, row, error_text(error))
        record.outcome, record.object_id = Outcome.CREATED, contact.pk
        if row.email_key:
            self.existing[key] = contact
            self.earlier.setdefault(key, row.number)
        return record

    def update(self, record: ImportRow, row: RelatedRow, contact: Contact, why: str) -> ImportRow:
        policy = self.run.on_duplicate
        record.object_id = contact.pk
        if policy == ImportRun.OnDuplicate.SKIP:
            record.outcome, record.message = Outcome.SKIPPED, why
            return record
        if self.user is not None and not self.user.has_perm(CHANGE_CONTACT, contact):
            return _failed(
                record,
                row,
                _("{why} Only the customer's owner or a manager can change “{name}”.").format(
                    why=why, name=contact.name
                ),
            )
        data = {}
        for name in CONTACT_UPDATABLE:
            new, old = row.fields.get(name, ""), getattr(contact, name)
            if not new or new == old:
                continue
            if policy == ImportRun.OnDuplicate.FILL and old:
                continue
            data[name] = new
        if not data:
            record.outcome = Outcome.SKIPPED
            record.message = _("{why} Nothing in the row to change.").format(why=why)
            return record
        previous = {name: getattr(contact, name) for name in data}
        try:
            with transaction.atomic():
                contact_update(contact=contact, data=data)
        except ValidationError as error:
            contact.refresh_from_db()
            return _failed(record, row, error_text(error))
        record.outcome, record.previous, record.message = Outcome.UPDATED, previous, why
        self.earlier.setdefault((contact.customer_id, row.email_key), row.number)
        return record


def activity_key(customer: Customer, row: RelatedRow) -> str:
    """One entry's fingerprint: the same customer, kind, subject, notes, time and
    contact twice in a file is the same entry twice."""
    parts = [str(customer.pk), row.contact.casefold()]
    parts += [str(row.fields[name]) for name in ("kind", "subject", "body", "happened_at")]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class ActivityWriter(RelatedWriter):
    """Writes the rows of an activity import, each an entry in its customer's timeline,
    recorded by the importer. The same entry twice in the file is reported, once."""

    def build(self, number: int, cells: list[str]) -> RelatedRow:
        return build_activity_row(number, cells, self.mapping)

    def prepare(self, rows: list[RelatedRow], found: dict[int, Customer]) -> None:
        with_contact = {found[r.number].pk for r in rows if r.contact and r.number in found}
        self.contacts = Contacts(with_contact)
        self.keys = {
            row.number: activity_key(found[row.number], row) for row in rows if row.number in found
        }
        # This batch's entries made by earlier batches of the import (a fingerprint is
        # kept in the row's `email`), by the import_row_email_idx index.
        self.earlier: dict[str, int] = dict(
            ImportRow.objects.filter(
                run=self.run, email__in=set(self.keys.values()), outcome=Outcome.CREATED
            )
            .order_by("-number")
            .values_list("email", "number")
        )

    def write_row(self, record: ImportRow, row: RelatedRow, customer: Customer) -> ImportRow:
        record.email = key = self.keys[row.number]
        if key in self.earlier:
            record.outcome = Outcome.SKIPPED
            record.message = _("The same as row {row} of this file.").format(row=self.earlier[key])
            return record
        contact = None
        if row.contact:
            contact = self.contacts.find(customer, row.contact)
            if contact is None:
                return _failed(
                    record,
                    row,
                    _("“{customer}” has no contact named “{contact}”.").format(
                        customer=customer.name, contact=row.contact
                    ),
                )
        try:
            with transaction.atomic():
                entry = interaction_create(
                    customer=customer, recorded_by=self.user, contact=contact, **row.fields
                )
        except ValidationError as error:
            return _failed(record, row, error_text(error))
        record.outcome, record.object_id = Outcome.CREATED, entry.pk
        self.earlier[key] = row.number
        return record


class Contacts:
    """The contacts of a batch's customers, by folded name and by email, in one query."""

    def __init__(self, customer_ids: set[int]):
        self.by_key: dict[tuple[int, str], Contact] = {}
        if not customer_ids:
            return
        for contact in Contact.objects.filter(customer_id__in=customer_ids).order_by(
            "-is_primary", "id"
        ):
            self.by_key.setdefault((contact.customer_id, contact.name.casefold()), contact)
            if contact.email:
                self.by_key.setdefault((contact.customer_id, contact.email.lower()), contact)

    def find(self, customer: Customer, text: str) -> Contact | None:
        text = " ".join(text.split())
        return self.by_key.get((customer.pk, text.casefold())) or self.by_key.get(
            (customer.pk, text.lower())
        )
