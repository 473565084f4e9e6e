"""The deals' search index (customers/core/search_index.py), built from their titles as they
are: a search of the board looked at every deal and its customer (2 s at a million)."""

from django.db import migrations

from customers.core import search_index


def forwards(apps, schema_editor):
    search_index.install(schema_editor.connection, indexes=[search_index.DEALS])


def backwards(apps, schema_editor):
    search_index.uninstall(schema_editor.connection, indexes=[search_index.DEALS])


class Migration(migrations.Migration):
    dependencies = [("customers", "0011_deal_totals")]

    operations = [migrations.RunPython(forwards, backwards)]
