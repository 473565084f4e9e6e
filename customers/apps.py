from django.apps import AppConfig
from django.db.models.signals import post_migrate

SEARCH_INDEX_MIGRATION = ("customers", "0008_search_index")


def reinstall_search_index(using, **kwargs):
    """SQLite drops a table's triggers when a migration rebuilds it to alter it."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from customers import search_index

    connection = connections[using]
    if SEARCH_INDEX_MIGRATION in MigrationRecorder(connection).applied_migrations():
        search_index.install(connection)


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = "Customers"

    def ready(self):
        post_migrate.connect(reinstall_search_index, sender=self)
