from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy

SEARCH_INDEX_MIGRATION = ("customers", "0008_search_index")
DEAL_SEARCH_INDEX_MIGRATION = ("customers", "0012_deal_search_index")
DEAL_TOTALS_MIGRATION = ("customers", "0011_deal_totals")
PIPELINE_DEFAULTS_MIGRATION = ("customers", "0004_pipeline_defaults")
HISTORY_CHANGES_MIGRATION = ("customers", "0029_customer_history_changes_index")


def _connection_and_applied(using):
    """The connection `using`, and the migrations applied to its database."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    return connection, MigrationRecorder(connection).applied_migrations()


def set_deal_totals_aside(using, plan=None, **kwargs):
    """Migrations run without the triggers that keep the deal totals: on SQLite a
    trigger naming another table makes a rebuild of that table fail."""
    from customers.deals import totals as deal_totals

    if not plan:
        return
    connection, applied = _connection_and_applied(using)
    if DEAL_TOTALS_MIGRATION in applied:
        deal_totals.uninstall(connection)


def reinstall_triggers(using, **kwargs):
    """After the migrations: the search indexes' triggers, which SQLite drops when a
    migration rebuilds a table to alter it, and the reports' history index likewise;
    and the deal totals' (set aside above), with the totals added up afresh
    (customers/deals/totals.py)."""
    from customers.core import search_index
    from customers.deals import totals as deal_totals
    from customers.reports import indexes as report_indexes

    connection, applied = _connection_and_applied(using)
    search_indexes = {
        search_index.CUSTOMERS: SEARCH_INDEX_MIGRATION,
        search_index.DEALS: DEAL_SEARCH_INDEX_MIGRATION,
    }
    search_index.install(
        connection,
        indexes=[index for index, made_by in search_indexes.items() if made_by in applied],
    )
    if HISTORY_CHANGES_MIGRATION in applied:
        report_indexes.install(connection)
    if DEAL_TOTALS_MIGRATION in applied:
        deal_totals.install(connection)


def name_defaults_in_site_language(using, plan=None, **kwargs):
    """On the migrate that made the default stages, reasons and sources (a fresh
    install), give them the site language's names: a Chinese team starts with 新商机,
    not "New". A later migrate leaves whatever the admins have made of them."""
    from django.conf import settings

    from customers.core.seeded_lists import SITE_LISTS, rename_defaults

    made_now = any(
        (migration.app_label, migration.name) == PIPELINE_DEFAULTS_MIGRATION and not backwards
        for migration, backwards in plan or ()
    )
    if made_now and (lists := SITE_LISTS.get(settings.LANGUAGE_CODE.lower())):
        rename_defaults(lists, using=using)


def give_new_indexes_statistics(using, plan=None, apps=None, **kwargs):
    """SQLite plans from the statistics ANALYZE keeps, where a database has them (the
    bulk demo makes them, as may an administrator). An index added since has none, and
    the planner may then take it for a selective one and read far more than it needs
    (docs/performance.md, "Reports"). So a table that a migrate gave an index is
    analyzed again, if it had statistics."""
    from django.db import connections
    from django.db.migrations.operations import AddIndex

    connection = connections[using]
    if connection.vendor != "sqlite":
        return  # PostgreSQL keeps its statistics by the table's columns, not by index
    tables = {
        apps.get_model(migration.app_label, operation.model_name)._meta.db_table
        for migration, backwards in plan or ()
        if not backwards
        for operation in migration.operations
        if isinstance(operation, AddIndex)
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not tables or not cursor.fetchone():
            return
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        for table in tables & {name for (name,) in cursor.fetchall()}:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = gettext_lazy("Customers")

    def ready(self):
        pre_migrate.connect(set_deal_totals_aside, sender=self)
        post_migrate.connect(reinstall_triggers, sender=self)
        post_migrate.connect(name_defaults_in_site_language, sender=self)
        post_migrate.connect(give_new_indexes_statistics, sender=self)
