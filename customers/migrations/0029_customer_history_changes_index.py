from django.db import migrations

# See customers/reports/indexes.py, which puts it back after every migrate. Written out
# here as a migration's SQL is: as it was when the migration was made.
INDEX = "customer_history_change_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0028_grid_columns"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON customers_historicalcustomer (history_type, history_date)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
