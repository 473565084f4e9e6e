"""The search index: every stored search text in the new form (words marked where they
start, so one- and two-letter words can be looked up too), then the index built from it
(customers/core/search_index.py)."""

from django.db import migrations

from customers.core import search_index
from customers.core.search import indexed_text, search_document

BATCH = 2_000


def restate(model, document):
    """Rewrite every row's search text, a batch at a time so memory stays flat."""
    rows = model.objects.order_by("pk")
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        for row in batch:
            row.search_text = document(row)
        model.objects.bulk_update(batch, ["search_text"])
        last = batch[-1].pk


def forwards(apps, schema_editor):
    restate(
        apps.get_model("customers", "Customer"),
        lambda c: search_document(name=c.name, email=c.email, phone=c.phone, company=c.company),
    )
    restate(apps.get_model("customers", "Deal"), lambda d: indexed_text(d.title))
    search_index.install(schema_editor.connection, indexes=[search_index.CUSTOMERS])


def backwards(apps, schema_editor):
    search_index.uninstall(schema_editor.connection, indexes=[search_index.CUSTOMERS])


class Migration(migrations.Migration):
    dependencies = [("customers", "0007_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
