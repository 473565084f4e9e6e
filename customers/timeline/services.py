import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from customers.core.validation import apply_changes, validated_save
from customers.models import Contact, Customer, Interaction


def interaction_create(
    *,
    customer: Customer,
    recorded_by: AbstractBaseUser | None,
    kind: str,
    subject: str,
    body: str = "",
    happened_at: datetime.datetime | None = None,
    contact: Contact | None = None,
) -> Interaction:
    """Record an interaction; a support request starts open."""
    interaction = Interaction(
        customer=customer,
        recorded_by=recorded_by,
        kind=kind,
        subject=subject,
        body=body,
        happened_at=happened_at or timezone.now(),
        contact=contact,
    )
    validated_save(interaction)
    return interaction


def interactions_delete(*, interactions) -> int:
    """Delete entries one by one, so the history keeps each as it was."""
    deleted = 0
    for interaction in interactions:
        interaction.delete()
        deleted += 1
    return deleted


def interaction_set_status(*, interaction: Interaction, status: str) -> Interaction:
    """Open or resolve a support request."""
    if interaction.support_status != status:
        apply_changes(interaction, {"support_status": status})
    return interaction
