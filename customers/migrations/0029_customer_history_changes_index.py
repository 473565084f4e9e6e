from django.db import migrations

# The reports' status moves read the customers' saved changes ("~") of a period. The
# history's own index on the moment holds every entry, most of them creations ("+"): a
# month at a million customers read 41,000 of them to find the few changes. Not in the
# historical model's state: django-simple-history builds that model's Meta itself.
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
