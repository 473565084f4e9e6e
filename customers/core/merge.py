"""Merge two customers that are one, and undo it from the trash.

The survivor takes the values picked for it, and every contact, activity (and the emails
sent with it), deal, task and tag of the other; the other goes to the trash, with a
MergeRecord of what moved and of the survivor's values it overwrote. Restoring the other
from the trash (or the toast's "Undo") moves back exactly what moved, and puts back the
survivor's old values but for those edited since, which it names instead.

Shared by the record (which merges) and the trash (which undoes), so it lives here. Each
record is moved by save(), so its own history records the move, the deal totals'
triggers see each deal change customer, and both customers' histories say "merged"
(the change reason carries a code the history view reads, not words frozen in one
language: see customers/history/selectors.py).
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from customers.core.contact_names import index_contact_names
from customers.core.services import customer_restore, customer_trash
from customers.core.validation import validated_save
from customers.models import Contact, Customer, Deal, FollowUp, Interaction, MergeRecord

# What the merge page offers a choice of, in the order it shows them.
MERGED_FIELDS = ("name", "email", "phone", "company", "status", "owner")
# The change reasons the history reads (customers/history/selectors.py).
MERGED_IN = "merged:"  # on the survivor: "merged:<the other's id>"
MERGED_AWAY = "merged-into:"  # on the other: "merged-into:<the survivor's id>"
UNMERGED = "unmerged:"  # on both, undone: the id of the other one
# What moves, by the MergeRecord's key: each kind's model.
MOVED = {"contacts": Contact, "interactions": Interaction, "deals": Deal, "followups": FollowUp}


class MergeConflict(Exception):
    """One of the two customers was saved since the merge page showed them."""

    def __init__(self, *, survivor: Customer, other: Customer):
        self.survivor, self.other = survivor, other
        super().__init__(f"Customer {survivor.pk} or {other.pk} changed")


def _stored(customer: Customer, name: str):
    """A field's value as the row stores it (the owner by id): what JSON can keep."""
    return customer._meta.get_field(name).value_from_object(customer)


@transaction.atomic
def customer_merge(
    *,
    survivor: Customer,
    other: Customer,
    values: dict,
    versions: tuple[int, int] | None = None,
    by: AbstractBaseUser | None = None,
) -> MergeRecord:
    """Merge `other` into `survivor`, which takes `values` (field name -> value, of
    MERGED_FIELDS; a field left out keeps the survivor's).

    `versions` are those of survivor and other as the user saw them: if either was saved
    since, MergeConflict is raised and nothing is changed. A value the survivor cannot
    take (say, an email another customer has) is a ValidationError on its field.
    """
    locked = {
        c.pk: c
        for c in Customer.objects.select_for_update(of=("self",)).filter(
            pk__in=[survivor.pk, other.pk]
        )
    }
    if len(locked) < 2 or survivor.pk == other.pk:
        raise ValidationError(_("Both customers must be outside the trash to be merged."))
    survivor, other = locked[survivor.pk], locked[other.pk]
    if versions is not None and versions != (survivor.version, other.version):
        raise MergeConflict(survivor=survivor, other=other)

    # Moved first: gaining tags writes the survivor's history from this object, which
    # must not carry the picked values yet (its own save records them, as the merge).
    moved = _move(other, survivor)
    overwritten, picked = {}, {}
    for name, value in values.items():
        if name not in MERGED_FIELDS:
            raise ValueError(f"{name} is not merged")
        old = _stored(survivor, name)
        setattr(survivor, name, value)
        if (new := _stored(survivor, name)) != old:
            overwritten[name], picked[name] = old, new

    # Into the trash first: that frees its email, which the survivor may be taking.
    other._change_reason = f"{MERGED_AWAY}{survivor.pk}"
    customer_trash(customers=[other], by=by)
    survivor._change_reason = f"{MERGED_IN}{other.pk}"
    if by is not None:
        survivor._history_user = by
    # Saved even when no value changes, so the survivor's history shows the merge.
    validated_save(survivor, update_fields=set(overwritten))
    _refresh_next_steps(survivor, other)
    return MergeRecord.objects.create(
        survivor=survivor,
        merged=other,
        merged_by=by,
        moved=moved,
        overwritten=overwritten,
        picked=picked,
    )


def _move(source: Customer, target: Customer) -> dict:
    """Move what `source` has to `target`; returns the ids of what moved, by kind."""
    moved = {}
    target_has_primary = target.contacts.filter(is_primary=True).exists()
    demoted = []
    for key, model in MOVED.items():
        moved[key] = []
        for record in model._base_manager.filter(customer=source).order_by("pk"):
            record.customer = target
            fields = ["customer"]
            # One primary contact per customer: the survivor's stays the one.
            if key == "contacts" and record.is_primary and target_has_primary:
                record.is_primary = False
                fields.append("is_primary")
                demoted.append(record.pk)
            record.save(update_fields=fields)
            moved[key].append(record.pk)
    moved["demoted"] = demoted
    index_contact_names([source.pk, target.pk])
    # Tags the target lacks; the source keeps its own links, so its undo needs none.
    tags = list(source.tags.exclude(pk__in=target.tags.values("pk")))
    if tags:
        target.tags.add(*tags)
    moved["tags"] = [tag.pk for tag in tags]
    return moved


def _refresh_next_steps(*customers: Customer) -> None:
    from customers.followups.services import refresh_next_step  # an area's: loaded late

    for customer in customers:
        refresh_next_step(customer_id=customer.pk)


def merge_of(customer: Customer) -> MergeRecord | None:
    """The merge that put `customer` in the trash, if that is how it got there."""
    return (
        MergeRecord.objects.filter(merged=customer)
        .select_related("survivor")
        .order_by("-merged_at", "-pk")
        .first()
    )


def customers_merged_into(*, customer_id: int) -> set[int]:
    """The ids of the customers merged into this one, and of those merged into them, and
    so on, while their merges stand (undoing one deletes its MergeRecord): in one query
    however long the chain. UNION, not UNION ALL, so a loop would end rather than spin."""
    table = connection.ops.quote_name(MergeRecord._meta.db_table)
    survivor, merged = (
        connection.ops.quote_name(MergeRecord._meta.get_field(name).column)
        for name in ("survivor", "merged")
    )
    sql = f"""
        WITH RECURSIVE absorbed (id) AS (
            SELECT {merged} FROM {table} WHERE {survivor} = %s
            UNION
            SELECT record.{merged} FROM {table} record
            JOIN absorbed ON record.{survivor} = absorbed.id
        )
        SELECT id FROM absorbed
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [customer_id])
        return {row[0] for row in cursor.fetchall()} - {customer_id}


@dataclass
class Unmerged:
    """An undone merge: who came back, out of whom, and which of the survivor's fields
    kept the value someone gave them after the merge."""

    customer: Customer
    survivor: Customer
    kept: list[str] = field(default_factory=list)


@transaction.atomic
def customer_unmerge(*, record: MergeRecord, by: AbstractBaseUser | None = None) -> Unmerged:
    """Undo the merge of `record`: what moved goes back, the merged customer comes out
    of the trash, the survivor gets back each value the merge overwrote unless it was
    edited since (`kept`). Refused (ValidationError) if the merged customer's email now
    belongs to another customer."""
    survivor = Customer.all_objects.select_for_update(of=("self",)).get(pk=record.survivor_id)
    merged = Customer.all_objects.select_for_update(of=("self",)).get(pk=record.merged_id)
    # First, as in the merge: losing tags writes the survivor's history from this
    # object, which must not carry the undo's reason or values yet (its own save does).
    if tags := record.moved.get("tags"):
        survivor.tags.remove(*tags)
    restored, kept = {}, []
    for name, old in record.overwritten.items():
        if _stored(survivor, name) == record.picked[name]:
            restored[name] = old
        else:
            kept.append(name)
    for name, value in restored.items():
        setattr(survivor, survivor._meta.get_field(name).attname, value)
    survivor._change_reason = f"{UNMERGED}{merged.pk}"
    if by is not None:
        survivor._history_user = by
    # First, so an email the survivor took from the merged customer is free again.
    validated_save(survivor, update_fields=set(restored))
    _move_back(record, survivor, merged)
    merged._change_reason = f"{UNMERGED}{survivor.pk}"
    customer_restore(customers=[merged], by=by)
    _refresh_next_steps(survivor, merged)
    record.delete()
    return Unmerged(customer=merged, survivor=survivor, kept=kept)


def _move_back(record: MergeRecord, survivor: Customer, merged: Customer) -> None:
    moved = record.moved
    demoted = set(moved.get("demoted", ()))
    for key, model in MOVED.items():
        # Only what is still the survivor's: a record deleted since stays deleted.
        ids = moved.get(key, ())
        for item in model._base_manager.filter(customer=survivor, pk__in=ids).order_by("pk"):
            item.customer = merged
            fields = ["customer"]
            if item.pk in demoted:
                item.is_primary = True
                fields.append("is_primary")
            item.save(update_fields=fields)
    index_contact_names([survivor.pk, merged.pk])


def restore_from_trash(*, customers: list[Customer], by: AbstractBaseUser | None) -> list[Unmerged]:
    """Bring `customers` back from the trash, all or none: one merged into another is
    unmerged, the rest restored. Returns the merges undone."""
    records = {
        record.merged_id: record
        for record in MergeRecord.objects.filter(merged__in=customers).order_by("merged_at", "pk")
    }
    with transaction.atomic():
        customer_restore(customers=[c for c in customers if c.pk not in records], by=by)
        return [customer_unmerge(record=record, by=by) for record in records.values()]
