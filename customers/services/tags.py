from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from customers.models import Customer, Tag
from customers.selectors.record import tag_find
from customers.services.validation import validated_save


def tag_get_or_create(*, name: str) -> Tag:
    """The tag called `name`, whatever its case, made (with a colour) if there is none."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter a tag name."})
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
