"""Every write to customers goes through here: views, admin, import and commands alike."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, router, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import get_change_reason_from_object

from customers.core.bulk_insert import insert_objects, insert_rows
from customers.core.concurrency import versioned_update
from customers.core.selectors import tag_find
from customers.core.validation import apply_changes, validated_save
from customers.models import Customer, Tag


def customer_create(
    *,
    name: str,
    email: str,
    phone: str = "",
    company: str = "",
    status: str = Customer.Status.LEAD,
    owner: AbstractBaseUser | None = None,
) -> Customer:
    customer = Customer(
        name=name, email=email, phone=phone, company=company, status=status, owner=owner
    )
    validated_save(customer)
    return customer


@transaction.atomic
def customers_create_many(
    *,
    new: list[tuple[Customer, list[Tag]]],
    by: AbstractBaseUser | None = None,
    checked: bool = False,
) -> list[Customer]:
    """Create many customers (each with its tags) at once, all or none: what
    customer_create does for one, in a few statements instead of a dozen per customer.

    Each is checked by the same rules as customer_create (the owner excepted: it is a
    user object here, not typed input); a taken email is the database's to refuse,
    as it is for one (IntegrityError: the caller may go one by one to find which).
    Each gets one history entry, naming `by`, with its tags, as if made in one save.
    `checked`: the caller has already run these checks on these very values (an import
    checks each row as it reads it), so they are not run twice.
    """
    if not checked:
        for customer, _tags in new:
            customer.full_clean(exclude={"search_text", "owner"}, validate_constraints=False)
    customers = [customer for customer, _tags in new]
    for customer in customers:
        customer.derive()  # as Customer.objects.bulk_create does
    # The INSERTs are made once per shape (customers/core/bulk_insert.py), not compiled
    # again for every batch as bulk_create and bulk_create_with_history do.
    insert_objects(customers)
    # No entries when the history is turned off: nor then any of the tag links.
    entries = created_history_rows(customers, by=by)
    history = dict(zip((c.pk for c in customers), entries, strict=False))
    # The tag links, and the history's copy of each (with the link's own id, as
    # `tags.add()` records it), as plain rows: no model instance is needed for them.
    through = Customer.tags.through
    using = router.db_for_write(through)
    link_fields = [through._meta.get_field(name) for name in ("customer", "tag")]
    pairs = [(customer.pk, tag.pk) for customer, tags in new for tag in tags]
    link_ids = insert_rows(through, link_fields, pairs, using=using)
    if history:
        tag_history = Customer.history.model._meta.get_field(
            "historicalcustomer_tags"
        ).related_model
        fields = [
            tag_history._meta.get_field(name) for name in ("id", "history", "customer", "tag")
        ]
        insert_rows(
            tag_history,
            fields,
            [
                (link_id, history[customer_id], customer_id, tag_id)
                for link_id, (customer_id, tag_id) in zip(link_ids, pairs, strict=True)
            ],
            using=using,
            returning=False,
        )
    return customers


def created_history_rows(customers: list[Customer], *, by) -> list[int]:
    """Write each new customer's "+" history entry, as simple_history's
    bulk_history_create writes it (who, when, why, and the tracked fields); return the
    entries' ids, in order. None are written when the history is turned off."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return []
    model = Customer.history.model
    fields = [f for f in model._meta.concrete_fields if f.attname != "history_id"]
    rows = []
    for customer in customers:
        user = getattr(customer, "_history_user", by or model.get_default_history_user(customer))
        special = {
            "history_date": getattr(customer, "_history_date", timezone.now()),
            "history_user_id": user.pk if user is not None else None,
            "history_change_reason": get_change_reason_from_object(customer) or None,
            "history_type": "+",
        }
        rows.append(
            [
                special[f.attname] if f.attname in special else getattr(customer, f.attname)
                for f in fields
            ]
        )
    return insert_rows(model, fields, rows, using=router.db_for_write(model))


def customer_update(*, customer: Customer, data: dict, version: int | None = None) -> Customer:
    """Apply `data` (field name -> value) and save only those fields; returns the saved
    customer.

    With the `version` an edit form started from, a save made since is never overwritten:
    see `versioned_update` (it may raise EditConflict, and then saves nothing).
    """
    return versioned_update(customer, data, version=version, apply=_apply)


def _apply(customer: Customer, data: dict) -> None:
    if data:
        apply_changes(customer, data)


def customer_delete(*, customer: Customer, by: AbstractBaseUser | None) -> None:
    """Move the customer to the trash, from where it can be restored (or purged)."""
    customer_trash(customers=[customer], by=by)


def tag_get_or_create(*, name: str) -> Tag:
    """The tag called `name`, whatever its case, made (with a colour) if there is none."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter a tag name.")})
    if existing := tag_find(name=name):
        return existing
    tag = Tag(name=name, colour=Tag.colour_for(name))
    try:
        validated_save(tag)
    except (IntegrityError, ValidationError):
        # Someone made it in the meantime (or it differs only by a case SQLite
        # cannot fold): use theirs.
        if existing := tag_find(name=name):
            return existing
        raise
    return tag


def customer_tag_add(*, customer: Customer, tag: Tag) -> None:
    with transaction.atomic():
        customer.tags.add(tag)


def customer_tags_add(*, customer: Customer, tags: list[Tag]) -> None:
    """Add several tags in one change (one entry in the customer's history)."""
    with transaction.atomic():
        customer.tags.add(*tags)


def customer_tag_remove(*, customer: Customer, tag: Tag) -> None:
    with transaction.atomic():
        customer.tags.remove(tag)


@transaction.atomic
def tag_delete(*, tag: Tag) -> None:
    """Delete a tag. Each customer loses it through `remove()`, so the change is in the
    customer's history; the database's own cascade would leave no trace."""
    for customer in Customer.all_objects.filter(tags=tag):
        customer_tag_remove(customer=customer, tag=tag)
    tag.delete()


TRASH_FIELDS = ["deleted_at", "deleted_by"]


@transaction.atomic
def customer_trash(*, customers: Iterable[Customer], by: AbstractBaseUser | None) -> int:
    """Move the customers to the trash. Returns how many moved (any already there stay)."""
    now = timezone.now()
    moved = 0
    for customer in customers:
        if customer.in_trash:
            continue
        customer.deleted_at, customer.deleted_by = now, by
        _save_as(customer, by)
        moved += 1
    return moved


@transaction.atomic
def customer_restore(*, customers: Iterable[Customer], by: AbstractBaseUser | None) -> int:
    """Bring the customers back from the trash, all or none. Returns how many came back.

    A kept customer may have taken the email of a trashed one meanwhile; the email is
    unique among kept customers, so such a restore is refused, saying which two clash.
    `by` is who restores: history records it as the user of the request.
    """
    customers = [c for c in customers if c.in_trash]
    _refuse_taken_emails(customers)
    for customer in customers:
        customer.deleted_at, customer.deleted_by = None, None
        _save_as(customer, by)
    return len(customers)


def _save_as(customer: Customer, by: AbstractBaseUser | None) -> None:
    # History names `by` even outside a request (the admin's actions, a shell).
    if by is not None:
        customer._history_user = by
    customer.save(update_fields=TRASH_FIELDS)


def _refuse_taken_emails(customers: list[Customer]) -> None:
    wanted: dict[str, Customer] = {}
    for customer in customers:
        email = customer.email.lower()
        if email in wanted:
            raise ValidationError(
                f"“{customer.name}” cannot be restored together with “{wanted[email].name}”: "
                f"both have the email {customer.email}. Restore one, and change its email "
                "before restoring the other."
            )
        wanted[email] = customer
    if not wanted:
        return
    holder = (
        Customer.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=wanted)
        .order_by("name", "id")
        .first()
    )
    if holder is not None:
        trashed = wanted[holder.email.lower()]
        raise ValidationError(
            f"“{trashed.name}” cannot be restored: its email {trashed.email} now belongs to "
            f"“{holder.name}”. Change one of the two emails first.",
            code="email_taken",
        )
