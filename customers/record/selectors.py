"""Reads for the customer record page: the customer, its contacts, and tag look-ups.

Each is one query whatever the number of rows, so the page costs the same for a
customer with one contact and one tag as for one with dozens.
"""

from django.db.models import QuerySet
from django.db.models.functions import Lower

from customers.core.selectors import customer_list
from customers.models import Contact, Customer, Tag

TAG_SUGGESTIONS = 10


def customer_record() -> QuerySet[Customer]:
    """Customers with what the record's header shows: the owner by join, the tags in
    one prefetch (in name order, as the model orders them)."""
    return customer_list().select_related("owner").prefetch_related("tags")


def customer_contacts(*, customer: Customer) -> QuerySet[Contact]:
    """A customer's contacts, the primary one first, then by name. Each knows its
    customer without a query (who may change a contact depends on the customer's owner)."""
    return customer.contacts.order_by("-is_primary", "name", "id")


def contact_list() -> QuerySet[Contact]:
    """Contacts with their customer, for the views that edit one of them; a contact of
    a customer in the trash is not there."""
    return (
        Contact.objects.filter(customer__deleted_at__isnull=True)
        .select_related("customer")
        .defer("customer__search_text")
    )


def tag_suggestions(*, text: str, limit: int = TAG_SUGGESTIONS) -> QuerySet[Tag]:
    """Up to `limit` tags whose name contains `text`, case-insensitively, by name."""
    text = " ".join(text.split())
    tags = Tag.objects.all()
    if text:
        tags = tags.filter(name__icontains=text)
    return tags.order_by(Lower("name"), "id")[:limit]
