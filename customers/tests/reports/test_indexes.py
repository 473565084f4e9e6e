"""The reports' indexes: the one no model's state holds is made, and put back after
every migrate (a migration that rebuilds the history's table on SQLite drops it); an
index a migrate adds gets SQLite's statistics where its table has them."""

import pytest
from django.apps import apps as global_apps
from django.db import connection, models
from django.db.migrations import Migration
from django.db.migrations.operations import AddIndex

from customers.apps import give_new_indexes_statistics, reinstall_triggers
from customers.reports.indexes import HISTORY_CHANGES

pytestmark = pytest.mark.django_db


def history_indexes() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, "customers_historicalcustomer"))


def test_the_history_changes_index_is_made_and_put_back_after_a_migrate():
    assert HISTORY_CHANGES in history_indexes()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {HISTORY_CHANGES}")
    assert HISTORY_CHANGES not in history_indexes()

    reinstall_triggers(using="default")

    assert HISTORY_CHANGES in history_indexes()


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL keeps its statistics by column"
)
def test_an_index_a_migrate_adds_gets_statistics_where_its_table_has_them(make_customer):
    """SQLite would take an index without statistics for a selective one, beside
    analyzed ones: a migrate that adds one analyzes its table again."""
    make_customer(name="Ann")
    added = models.Index(fields=["name", "email"], name="test_added_idx")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE customers_customer")
        cursor.execute("CREATE INDEX test_added_idx ON customers_customer (name, email)")
    migration = Migration("0099_test", "customers")
    migration.operations = [AddIndex("customer", added)]

    give_new_indexes_statistics(using="default", plan=[(migration, False)], apps=global_apps)

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE idx = 'test_added_idx'")
        assert cursor.fetchone() == (1,)
