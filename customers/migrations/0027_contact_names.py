"""A customer is found by its contacts' names: they are kept on the customer and join
its search text (customers/core/contact_names.py). Only customers with contacts are
rewritten, a batch at a time so memory stays flat; the search indexes follow their
search text (triggers on SQLite, PostgreSQL's own GIN index)."""

from collections import defaultdict

from django.db import migrations, models

from customers.core.contact_names import contact_names_line
from customers.core.search import search_document

BATCH = 2_000


def forwards(apps, schema_editor):
    Customer = apps.get_model("customers", "Customer")
    Contact = apps.get_model("customers", "Contact")
    with_contacts = Contact.objects.values("customer_id").distinct().order_by("customer_id")
    last = 0
    while ids := list(
        with_contacts.filter(customer_id__gt=last).values_list("customer_id", flat=True)[:BATCH]
    ):
        names = defaultdict(list)
        contacts = Contact.objects.filter(customer_id__in=ids).order_by()
        for customer_id, name in contacts.values_list("customer_id", "name"):
            names[customer_id].append(name)
        customers = list(
            Customer.objects.filter(pk__in=ids).only("pk", "name", "email", "phone", "company")
        )
        for customer in customers:
            customer.contact_names = contact_names_line(names[customer.pk])
            customer.search_text = search_document(
                name=customer.name,
                email=customer.email,
                phone=customer.phone,
                company=customer.company,
                contacts=customer.contact_names,
            )
        Customer.objects.bulk_update(customers, ["contact_names", "search_text"])
        last = ids[-1]


class Migration(migrations.Migration):
    dependencies = [("customers", "0026_import_targets")]

    operations = [
        migrations.AddField(
            model_name="customer",
            name="contact_names",
            field=models.TextField(default="", editable=False),
        ),
        # Backwards keeps the longer texts: a customer is then found by a contact's name
        # until it is next saved.
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
