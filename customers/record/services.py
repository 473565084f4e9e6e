"""Contacts: at most one per customer is primary, and a customer with contacts has one."""

from django.db import transaction

from customers.core.concurrency import versioned_update
from customers.core.contact_names import index_contact_names
from customers.core.validation import apply_changes, validated_save
from customers.models import Contact, Customer


def _demote_primary(customer: Customer, *, keep: Contact | None = None) -> None:
    others = customer.contacts.filter(is_primary=True)
    if keep is not None and keep.pk:
        others = others.exclude(pk=keep.pk)
    # One by one through save(), not update(): each leaves its change in the history.
    for other in others:
        _unmark(other)


def _unmark(contact: Contact) -> None:
    contact.is_primary = False
    contact.save(update_fields=["is_primary"])


@transaction.atomic
def contact_create(
    *,
    customer: Customer,
    name: str,
    title: str = "",
    email: str = "",
    phone: str = "",
    is_primary: bool = False,
) -> Contact:
    """Add a contact. The first one is primary; a new primary takes over the mark."""
    # Lock the customer so two first contacts cannot both become primary.
    Customer.objects.select_for_update().filter(pk=customer.pk).first()
    is_primary = is_primary or not customer.contacts.exists()
    if is_primary:
        _demote_primary(customer)
    contact = Contact(
        customer=customer, name=name, title=title, email=email, phone=phone, is_primary=is_primary
    )
    validated_save(contact)
    index_contact_names([customer.pk])
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, data: dict, version: int | None = None) -> Contact:
    """Apply `data`, keeping one primary contact. Returns the saved contact; with a
    `version`, a save made since is merged or refused as `customer_update` does."""
    was_with = Contact.objects.filter(pk=contact.pk).values_list("customer_id", flat=True).first()
    contact = versioned_update(contact, data, version=version, apply=_apply)
    if {"name", "customer"} & data.keys():
        index_contact_names([was_with, contact.customer_id])
    return contact


def _apply(contact: Contact, data: dict) -> None:
    if not data:
        return
    # Whether it was primary is read from the database: a ModelForm has already set the
    # new value on `contact` by the time it is handed over.
    was_primary = Contact.objects.filter(pk=contact.pk, is_primary=True).exists()
    if data.get("is_primary"):
        _demote_primary(contact.customer, keep=contact)
    elif "is_primary" in data and was_primary:
        # The mark moves rather than vanishes: unmarking hands it to the next contact,
        # and the only contact stays primary.
        if _promote_next(contact.customer, leaving=contact) is None:
            data = {**data, "is_primary": True}
        else:
            # This contact was saved without the mark just now: go on from that save's
            # version, so that each save counts once.
            contact.version = Contact.objects.values_list("version", flat=True).get(pk=contact.pk)
    apply_changes(contact, data)


@transaction.atomic
def contact_delete(*, contact: Contact) -> None:
    customer, was_primary = contact.customer, contact.is_primary
    # The database would unlink its interactions by an update no history sees; unlink
    # them by save() instead, so each says it was with this contact no longer.
    for interaction in contact.interactions.all():
        interaction.contact = None
        interaction.save(update_fields=["contact"])
    contact.delete()
    if was_primary:
        _promote_next(customer)
    index_contact_names([customer.pk])


def _promote_next(customer: Customer, *, leaving: Contact | None = None) -> Contact | None:
    candidates = customer.contacts.filter(is_primary=False).order_by("name", "id")
    if leaving is not None:
        candidates = candidates.exclude(pk=leaving.pk)
    if successor := candidates.first():
        if leaving is not None:
            # Read afresh: `leaving` may carry a form's edits, which its own save records.
            _unmark(Contact.objects.get(pk=leaving.pk))
        successor.is_primary = True
        successor.save(update_fields=["is_primary"])
    return successor
