from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate

SEARCH_INDEX_MIGRATION = ("customers", "0008_search_index")
DEAL_TOTALS_MIGRATION = ("customers", "0011_deal_totals")


def _applied(connection, migration) -> bool:
    from django.db.migrations.recorder import MigrationRecorder

    return migration in MigrationRecorder(connection).applied_migrations()


def reinstall_search_index(using, **kwargs):
    """SQLite drops a table's triggers when a migration rebuilds it to alter it."""
    from django.db import connections

    from customers import search_index

    connection = connections[using]
    if _applied(connection, SEARCH_INDEX_MIGRATION):
        search_index.install(connection)


def set_deal_totals_aside(using, plan=None, **kwargs):
    """Migrations run without the triggers that keep the deal totals: on SQLite a
    trigger naming another table makes a rebuild of that table fail."""
    from django.db import connections

    from customers import deal_totals

    connection = connections[using]
    if plan and _applied(connection, DEAL_TOTALS_MIGRATION):
        deal_totals.uninstall(connection)


def reinstall_deal_totals(using, **kwargs):
    """Back after the migrations, the totals added up afresh (customers/deal_totals.py)."""
    from django.db import connections

    from customers import deal_totals

    connection = connections[using]
    if _applied(connection, DEAL_TOTALS_MIGRATION):
        deal_totals.install(connection)


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = "Customers"

    def ready(self):
        pre_migrate.connect(set_deal_totals_aside, sender=self)
        post_migrate.connect(reinstall_search_index, sender=self)
        post_migrate.connect(reinstall_deal_totals, sender=self)
