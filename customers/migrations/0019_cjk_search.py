"""Search for Chinese: the stored search text of customers and deals gains, for their
CJK runs, the words that make one- and two-character terms findable, and their pinyin
(customers/core/search.py). A text without CJK is the same as before, so only the rows
that change are written; the indexes follow their search text (triggers on SQLite,
PostgreSQL's own GIN index)."""

from django.db import migrations

from customers.core.search import indexed_text, search_document

BATCH = 2_000


def restate(model, fields, document):
    """Rewrite the search text of the rows whose text changes, a batch at a time so
    memory stays flat."""
    rows = model.objects.order_by("pk").only("pk", "search_text", *fields)
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        changed = []
        for row in batch:
            text = document(row)
            if text != row.search_text:
                row.search_text = text
                changed.append(row)
        model.objects.bulk_update(changed, ["search_text"])
        last = batch[-1].pk


def forwards(apps, schema_editor):
    restate(
        apps.get_model("customers", "Customer"),
        ["name", "email", "phone", "company"],
        lambda c: search_document(name=c.name, email=c.email, phone=c.phone, company=c.company),
    )
    restate(apps.get_model("customers", "Deal"), ["title"], lambda d: indexed_text(d.title))


class Migration(migrations.Migration):
    dependencies = [("customers", "0018_emails")]

    # Backwards keeps the new texts: the old code finds what it found before in them
    # (every word it stored is still there), only more besides.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
