"""The deal board's totals, kept by the database (customers/deals/totals.py): the table.

Its triggers, and its first fill from the deals there are, come from `install()`, which
runs after every migrate (apps.py), this one included. Not from here: a later migration
of the same run that rebuilds the deals or customers table on SQLite would fail with
them in place.
"""

from django.db import migrations

from customers.deals import totals as deal_totals


def drop_triggers(apps, schema_editor):
    deal_totals.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("customers", "0010_deal_board_indexes")]

    operations = [
        migrations.RunSQL(deal_totals.CREATE_TABLE, deal_totals.DROP_TABLE),
        migrations.RunPython(migrations.RunPython.noop, drop_triggers),
    ]
