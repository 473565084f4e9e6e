"""A customer is found by its contacts' names too: search for 张伟 or "Priya" and the
company they work at is in the results.

The names are kept on the customer (`Customer.contact_names`, one a line) and go into
its search text, so the one search index serves them. Every write that adds, renames,
moves or deletes a contact brings them in step here; none of that is an edit of the
customer, so its version, history and "updated" stay as they are.
"""

from collections import defaultdict
from collections.abc import Iterable

from customers.core.search import document_parts, id_reference, search_terms
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


class FoundByContacts:
    """Which contacts a search for `query` found each customer by: those holding a word
    that its own name, email, phone and company do not. None where its own fields hold
    every word (or the query names it by its ID), so a list says why a customer is
    there only where its row cannot. Read from the customer's stored search document:
    no query, and no pinyin worked out again."""

    def __init__(self, query: str):
        self.terms = search_terms(query)
        self.reference = id_reference(query)

    def of(self, customer: Customer) -> list[str]:
        if not customer.contact_names or customer.pk == self.reference:
            return []
        own, contact_lines = document_parts(customer.search_text)
        missing = [forms for forms in self.terms if not any(form in own for form in forms)]
        if not missing:
            return []
        names = customer.contact_names.splitlines()
        return [
            name
            for name, line in zip(names, contact_lines, strict=False)
            if any(form in line for forms in missing for form in forms)
        ]
