"""A customer is found by its contacts' names too: search for 张伟 or "Priya" and the
company they work at is in the results.

The names are kept on the customer (`Customer.contact_names`, one a line) and go into
its search text, so the one search index serves them. Every write that adds, renames,
moves or deletes a contact brings them in step here; none of that is an edit of the
customer, so its version, history and "updated" stay as they are.
"""

from collections import defaultdict
from collections.abc import Iterable

from customers.models import Contact, Customer


def contact_names_line(names: Iterable[str]) -> str:
    """The stored form of a customer's contacts' names: sorted, so that the same
    contacts always make the same line, whichever way a database collates them."""
    return "\n".join(sorted(name for name in names if name.strip()))


def index_contact_names(customer_ids: Iterable[int]) -> None:
    """Bring the contact names, and so the search text, of these customers (the trash
    included) in step with their contacts."""
    ids = {pk for pk in customer_ids if pk is not None}
    if not ids:
        return
    names = defaultdict(list)
    contacts = Contact.objects.filter(customer_id__in=ids).order_by()
    for customer_id, name in contacts.values_list("customer_id", "name"):
        names[customer_id].append(name)
    changed = []
    fields = ("name", "email", "phone", "company", "contact_names")
    for customer in Customer.all_objects.filter(pk__in=ids).only(*fields):
        line = contact_names_line(names[customer.pk])
        if line != customer.contact_names:
            customer.contact_names = line
            customer.derive()
            changed.append(customer)
    Customer.all_objects.bulk_update(changed, ["contact_names", "search_text"])
