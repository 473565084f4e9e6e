"""Undoing an import: the customers it created go to the trash (with their contacts,
activity and deals, as a delete takes them), and the fields it overwrote go back,
except on customers someone changed after the import (those are listed, not clobbered).
A contacts import's contacts are deleted and its overwritten fields go back the same
way; an activity import's entries are deleted.

Runs in the worker, in batches, each its own transaction. Run twice (a worker killed
halfway), it does no harm: customers already in the trash stay there, and a customer
it restored counts as changed since the import, so it is not restored again.
"""

import datetime
from itertools import batched

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from customers.core.services import customer_trash, customer_update
from customers.imports.services import acting_as
from customers.models import Contact, Customer, ImportRow, ImportRun, Interaction
from customers.record.services import contact_delete, contact_update
from customers.timeline.services import interactions_delete

Outcome = ImportRow.Outcome
UNDO_BATCH = 500


def may_undo(run: ImportRun) -> bool:
    """Done, not undone, and recent enough (IMPORT_UNDO_DAYS)."""
    if run.status != ImportRun.Status.DONE or run.finished_at is None:
        return False
    return timezone.now() - run.finished_at <= datetime.timedelta(days=settings.IMPORT_UNDO_DAYS)


def import_undo_start(*, run: ImportRun) -> ImportRun:
    run.status = ImportRun.Status.UNDOING
    run.save(update_fields=["status", "updated_at"])
    return run


def import_undo(*, run_id: int, by_id: int | None) -> ImportRun:
    run = ImportRun.objects.get(pk=run_id)
    if run.status != ImportRun.Status.UNDOING:
        return run
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    with acting_as(by):
        if run.target == ImportRun.Target.CUSTOMERS:
            report = _undo_customers(run, by)
        else:
            report = _undo_related(run)
    run.status, run.undo_report = ImportRun.Status.UNDONE, report
    run.save(update_fields=["status", "undo_report", "updated_at"])
    return run


def _undo_customers(run: ImportRun, by) -> dict:
    report = {"trashed": 0, "restored": 0, "kept": []}
    created = ImportRow.objects.filter(run=run, outcome=Outcome.CREATED).values_list(
        "customer_id", flat=True
    )
    for ids in batched(created.order_by("number").iterator(chunk_size=UNDO_BATCH), UNDO_BATCH):
        with transaction.atomic():
            customers = Customer.objects.filter(pk__in=[i for i in ids if i])
            report["trashed"] += customer_trash(customers=customers, by=by)
    updated = (
        ImportRow.objects.filter(run=run, outcome=Outcome.UPDATED)
        .exclude(customer=None)
        .order_by("number")
    )
    originals: dict[int, dict] = {}
    for row in updated.iterator(chunk_size=UNDO_BATCH):
        before = originals.setdefault(row.customer_id, {})
        for field, value in row.previous.items():
            before.setdefault(field, value)  # the earliest row saw the original
    for ids in batched(originals, UNDO_BATCH):
        with transaction.atomic():
            for customer in Customer.objects.filter(pk__in=ids).order_by("pk"):
                if customer.updated_at > run.finished_at:
                    report["kept"].append(f"{customer.name} ({customer.email})")
                    continue
                data = dict(originals[customer.pk])
                if "owner" in data:
                    data["owner"] = get_user_model().objects.filter(pk=data["owner"]).first()
                customer_update(customer=customer, data=data)
                report["restored"] += 1
    return report


def _undo_related(run: ImportRun) -> dict:
    """Contacts: put back what it overwrote first (unless edited since: a later entry in
    their history), then delete what it created, through contact_delete, so the
    primary mark moves on as when a contact is deleted by hand. Activity: delete."""
    report = {"deleted": 0, "restored": 0, "kept": []}
    model = Contact if run.target == ImportRun.Target.CONTACTS else Interaction
    originals: dict[int, dict] = {}
    updated = (
        ImportRow.objects.filter(run=run, outcome=Outcome.UPDATED)
        .exclude(object_id=None)
        .order_by("number")
    )
    for row in updated.iterator(chunk_size=UNDO_BATCH):
        before = originals.setdefault(row.object_id, {})
        for field, value in row.previous.items():
            before.setdefault(field, value)
    for ids in batched(originals, UNDO_BATCH):
        with transaction.atomic():
            edited = set(
                Contact.history.filter(id__in=ids, history_date__gt=run.finished_at).values_list(
                    "id", flat=True
                )
            )
            for contact in Contact.objects.filter(pk__in=ids).select_related("customer"):
                if contact.pk in edited:
                    report["kept"].append(f"{contact.name} ({contact.customer.name})")
                    continue
                contact_update(contact=contact, data=originals[contact.pk])
                report["restored"] += 1
    created = ImportRow.objects.filter(run=run, outcome=Outcome.CREATED).values_list(
        "object_id", flat=True
    )
    for ids in batched(created.order_by("number").iterator(chunk_size=UNDO_BATCH), UNDO_BATCH):
        with transaction.atomic():
            found = model.objects.filter(pk__in=[i for i in ids if i]).select_related("customer")
            if model is Contact:
                for contact in found:
                    contact_delete(contact=contact)
                    report["deleted"] += 1
            else:
                report["deleted"] += interactions_delete(interactions=found)
    return report
